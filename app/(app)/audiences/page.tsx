// Audiences: saved groups of people defined by traits, behaviour and CRM fields.
import Link from "next/link";
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { listAudiences } from "@/lib/data/audiences";
import { listOwnerOptions } from "@/lib/data/contacts";
import { audienceExamples, canEditAudience, describeCondition } from "@/lib/analytics/audiences";
import { formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Audiences" };

export default async function AudiencesPage() {
  const user = await requireArea("audiences");
  // One after the other (the embedded database mixes up concurrent statements from one pool).
  const audiences = await listAudiences();
  const owners = await listOwnerOptions();
  const ownerNames = Object.fromEntries(owners.map((o) => [o.id, o.name]));
  const priya = owners.find((o) => o.name.startsWith("Priya")) ?? owners[0] ?? null;
  const examples = audienceExamples(priya?.id ?? null, priya?.name ?? null);
  return (
    <>
      <PageHeader title="Audiences" description="Groups of people by what they did, what they are and where they stand in the CRM — counted live, exported as CSV, and usable as a filter on Attribution.">
        <Link href="/audiences/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          New audience
        </Link>
      </PageHeader>
      {audiences.length === 0 ? (
        <EmptyState title="No saved audiences yet" icon="👥">
          <p>Build one from scratch with “New audience”, or start from one of the examples below.</p>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Saved audiences</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">Name</th>
                <th scope="col" className="px-3 py-2">Conditions</th>
                <th scope="col" className="px-3 py-2">Made by</th>
                <th scope="col" className="px-3 py-2">Changed</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {audiences.map((a) => (
                <tr key={a.id} data-testid="audience-row">
                  <td className="px-3 py-2 align-top">
                    <Link href={`/audiences/${a.id}`} className="font-medium text-brand-700 hover:underline">
                      {a.name}
                    </Link>
                    {a.description ? <p className="text-xs text-slate-500">{a.description}</p> : null}
                  </td>
                  <td className="max-w-xl px-3 py-2 align-top text-slate-700">{describeCondition(a.definition, ownerNames)}</td>
                  <td className="whitespace-nowrap px-3 py-2 align-top">{a.createdBy?.name ?? "—"}</td>
                  <td className="whitespace-nowrap px-3 py-2 align-top">{formatDateTime(a.updatedAt)}</td>
                  <td className="whitespace-nowrap px-3 py-2 align-top">
                    <Link href={`/attribution?audience=${a.id}`} className="text-brand-700 hover:underline">
                      Attribution
                    </Link>
                    {canEditAudience(user, a.createdBy?.id ?? null) ? null : <span className="ml-2 text-xs text-slate-500">(read only)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="examples" className="mt-8">
        <h2 id="examples" className="mb-2 font-semibold">
          Start from an example
        </h2>
        <ul className="grid gap-2 sm:grid-cols-2">
          {examples.map((e) => (
            <li key={e.key} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <Link href={`/audiences/new?example=${e.key}`} className="font-medium text-brand-700 hover:underline">
                {e.name}
              </Link>
              <p className="mt-1 text-slate-600">{describeCondition(e.definition, ownerNames)}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
