// One customer profile: who they are across every identifier (header, identities, traits with their
// source), how they arrived (first touch), what they did (computed traits, the event stream) and why
// these identifiers are one person (the merge journal). The layout has already resolved the id.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { profileName, profilePage } from "@/lib/data/profiles";
import { Identities } from "@/components/customers/identities";
import { TraitsTable } from "@/components/customers/traits-table";
import { MergeJournal } from "@/components/customers/merge-journal";
import { EventStream } from "@/components/customers/event-stream";
import { AccountsCard, ComputedTraits, FirstTouchCard } from "@/components/customers/profile-facts";
import { toStreamPage } from "@/components/customers/stream-event";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requireArea("customers");
  const name = await profileName((await params).id);
  return { title: name ? `${name} · Customers` : "Customer not found" };
}

export default async function CustomerPage({ params }: Params) {
  const user = await requireArea("customers");
  const { id } = await params;
  const p = await profilePage(id);
  if (!p) notFound();

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/customers" className="link">
          Customers
        </Link>
        <span aria-hidden="true" className="mx-1 text-slate-400">/</span>
        <span aria-current="page" className="text-slate-600">{p.displayName}</span>
      </nav>
      <header className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight break-words">{p.displayName}</h1>
            <p className="mt-1 text-sm text-slate-600">
              Profile <code className="text-xs" data-testid="profile-id">{p.id}</code>
            </p>
            {p.mergedIds.length ? (
              <p className="mt-1 text-sm text-slate-600" data-testid="merged-ids">
                Also known as{" "}
                {p.mergedIds.map((m, i) => (
                  <span key={m}>
                    {i ? ", " : ""}
                    <Link href={`/customers/${m}`} className="font-mono text-xs link" title="An older profile merged into this one; its links lead here">
                      {m}
                    </Link>
                  </span>
                ))}
              </p>
            ) : null}
            <p className="mt-1 text-sm text-slate-600">
              {p.email ?? "No email"}
              {p.userId ? (
                <>
                  {" · user id "}
                  <code className="text-xs">{p.userId}</code>
                </>
              ) : null}
            </p>
          </div>
          <div className="text-sm" data-testid="linked-contacts">
            {p.contacts.length ? (
              p.contacts.map((c) => (
                <Link key={c.id} href={`/contacts/${c.id}`} className="block rounded-md border border-brand-200 bg-brand-50 px-3 py-1.5 font-medium text-brand-700 hover:underline">
                  CRM contact: {c.name}
                </Link>
              ))
            ) : (
              <span className="text-slate-500">No CRM contact (one links by email).</span>
            )}
          </div>
        </div>
      </header>

      <div className="mb-6">
        <ComputedTraits computed={p.computed} />
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <TraitsTable traits={p.traits} />
          <MergeJournal entries={p.journal.entries} hasMore={p.journal.nextCursor !== null} />
          <EventStream profileId={p.id} initial={toStreamPage(p.events)} names={p.eventNames} total={p.computed.eventCount} />
        </div>
        <aside aria-label="Identities, first touch and accounts" className="min-w-0 space-y-4">
          <Identities profileId={p.id} identities={p.identities} canSplit={can(user.role, "settings:manage")} />
          <FirstTouchCard touch={p.firstTouch} />
          <AccountsCard accounts={p.accounts} />
        </aside>
      </div>
    </>
  );
}
