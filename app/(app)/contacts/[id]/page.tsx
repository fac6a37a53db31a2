// One contact: who they are (header with lifecycle stage dates), the relationship timeline (what the
// team did) and, beside it, what the person did in the product (their CDP events).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { contactTimeline, getContactHeader, getContactSidePanel, pinnedNotes, productActivity, timelineAuthors } from "@/lib/data/contact-page";
import { formatDateTime } from "@/lib/format";
import { ticketStatsFor } from "@/lib/data/tickets";
import { formatHours } from "@/lib/crm/tickets";
import { Timeline } from "@/components/timeline/timeline";

type Params = { params: Promise<{ id: string }> };

const STAGE_LABELS: Record<string, string> = {
  subscriber: "Subscriber",
  lead: "Lead",
  mql: "Marketing qualified",
  sql: "Sales qualified",
  opportunity: "Opportunity",
  customer: "Customer",
  evangelist: "Evangelist",
  other: "Other",
};
const date = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requireArea("contacts");
  const c = await getContactHeader((await params).id);
  return { title: c ? `${c.name} · Contacts` : "Contact not found" };
}

export default async function ContactPage({ params }: Params) {
  const user = await requireArea("contacts");
  const { id } = await params;
  const contact = await getContactHeader(id);
  if (!contact) notFound();
  // One after another, not Promise.all: the embedded server (pglite-socket 0.2.17) interleaves
  // concurrent connections' extended-protocol messages, which can mix up their unnamed statements.
  const page = await contactTimeline(id);
  const pinned = await pinnedNotes(id);
  const authors = await timelineAuthors(id);
  const side = await getContactSidePanel(id);
  const ticketStats = await ticketStatsFor({ contactId: id });
  const activity = contact.profileId ? await productActivity(contact.profileId) : null;
  const canWrite = can(user.role, "crm:write");

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/contacts" className="link">
          Contacts
        </Link>
        <span aria-hidden="true" className="mx-1 text-slate-400">/</span>
        <span aria-current="page" className="text-slate-600">{contact.name}</span>
      </nav>
      <header className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">{contact.name}</h1>
            <p className="mt-1 text-sm text-slate-600">
              {contact.jobTitle ?? "No job title"}
              {contact.company ? (
                <>
                  {" at "}
                  <Link href={`/companies/${contact.company.id}`} className="link">
                    {contact.company.name}
                  </Link>
                </>
              ) : null}
            </p>
          </div>
          <span className="rounded-full bg-brand-50 px-3 py-1 text-sm font-medium text-brand-700" data-testid="lifecycle-stage">
            {STAGE_LABELS[contact.lifecycleStage] ?? contact.lifecycleStage}
          </span>
        </div>
        <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Email</dt>
            <dd className="truncate">{contact.email ? <a href={`mailto:${contact.email}`} className="link">{contact.email}</a> : "—"}</dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Phone</dt>
            <dd>{contact.phone ? <a href={`tel:${contact.phone}`} className="link">{contact.phone}</a> : "—"}</dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Owner</dt>
            <dd>{contact.owner?.name ?? "Unassigned"}</dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Last interaction</dt>
            <dd>{contact.lastInteractionAt ? formatDateTime(contact.lastInteractionAt) : "Never"}</dd>
          </div>
        </dl>
        {contact.stages.length ? (
          <ol aria-label="Lifecycle stages" className="mt-4 flex flex-wrap gap-2 text-xs">
            {contact.stages.map((s) => (
              <li key={s.stage} className={`rounded border px-2 py-1 ${s.stage === contact.lifecycleStage ? "border-brand-300 bg-brand-50" : "border-slate-200"}`}>
                <span className="font-medium">{STAGE_LABELS[s.stage] ?? s.stage}</span>{" "}
                <time dateTime={s.enteredAt.toISOString()} className="text-slate-500">
                  {date.format(s.enteredAt)}
                </time>
              </li>
            ))}
          </ol>
        ) : null}
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="timeline-heading" className="min-w-0 lg:col-span-2">
          <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
            Relationship timeline
          </h2>
          <Timeline
            contactId={id}
            initialPage={page}
            initialPinned={pinned}
            authors={authors}
            canWrite={canWrite}
            user={{ id: user.id, role: user.role, name: user.name }}
            now={new Date().toISOString()}
          />
        </section>
        <aside aria-label="Support and product activity" className="min-w-0 space-y-4">
          <dl className="grid grid-cols-2 gap-3">
            <div className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Open tickets</dt>
              <dd className="mt-1 text-xl font-semibold tabular-nums" data-testid="open-tickets">{side.openTickets}</dd>
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Open tasks</dt>
              <dd className="mt-1 text-xl font-semibold tabular-nums">{side.openTasks}</dd>
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Tickets</dt>
              <dd className="mt-1 text-xl font-semibold tabular-nums" data-testid="ticket-count">{ticketStats.ticketCount}</dd>
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Median resolution</dt>
              <dd className="mt-1 text-xl font-semibold tabular-nums" data-testid="median-resolution">{formatHours(ticketStats.medianResolutionHours)}</dd>
            </div>
          </dl>
          <section aria-labelledby="product-heading" className="rounded-lg border border-slate-200 bg-white p-3">
            <h2 id="product-heading" className="text-sm font-semibold">
              Product activity
            </h2>
            {!activity ? (
              <p className="mt-2 text-sm text-slate-500">No CDP profile is linked to this contact yet (it links by email once they are identified).</p>
            ) : activity.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500">No events from this person yet.</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100">
                {activity.map((e) => (
                  <li key={e.seq} className="py-1.5 text-sm">
                    <p className="truncate font-medium">{e.label}</p>
                    <p className="text-xs text-slate-500">
                      <time dateTime={e.timestamp.toISOString()}>{formatDateTime(e.timestamp)}</time>
                      {e.channel ? ` · ${e.channel}` : ""}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </>
  );
}
