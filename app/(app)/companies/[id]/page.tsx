// A company: owner and details, its contacts, its open tickets and the rolled-up timeline of
// interactions with it and its contacts.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { getCompany, listCompanyActivity, listCompanyOpenTickets } from "@/lib/data/companies";
import { listContacts, listOwnerOptions } from "@/lib/data/contacts";
import { canEditRecord, canReassignOwner } from "@/lib/crm/contacts-access";
import { parseContactsView } from "@/lib/crm/view";
import { formatDateTime, formatInt } from "@/lib/format";
import { ticketStatsFor } from "@/lib/data/tickets";
import { formatHours } from "@/lib/crm/tickets";
import { PageHeader } from "@/components/ui/page-header";
import { CompanyActivity } from "@/components/crm/company-activity";
import { CompanyFormButton } from "@/components/crm/company-form";
import { StageBadge } from "@/components/crm/stage-badge";

export const metadata: Metadata = { title: "Company" };

const CONTACTS_SHOWN = 25;

export default async function CompanyPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("companies");
  const { id } = await params;
  const company = await getCompany(id);
  if (!company) notFound();
  const [contacts, tickets, activity, owners] = await Promise.all([
    listContacts(parseContactsView({ company: id, sort: "name", dir: "asc", size: String(CONTACTS_SHOWN) })),
    listCompanyOpenTickets(id),
    listCompanyActivity(id),
    listOwnerOptions(),
  ]);
  const ticketStats = await ticketStatsFor({ companyId: id });

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/companies" className="link">
          ← Companies
        </Link>
      </p>
      <PageHeader title={company.name} description={[company.domain, company.industry, company.size ? `${company.size} employees` : null].filter(Boolean).join(" · ") || undefined}>
        {canEditRecord(user, company) ? (
          <CompanyFormButton label="Edit company" companyId={company.id} owners={owners} canReassign={canReassignOwner(user)} currentUserId={user.id} />
        ) : null}
      </PageHeader>

      <dl className="mb-6 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3 lg:grid-cols-6">
        <div>
          <dt className="text-slate-500">Owner</dt>
          <dd className="font-medium" data-testid="company-owner">{company.ownerName ?? "Unowned"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Contacts</dt>
          <dd className="font-medium">{formatInt(company.contacts)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Open tickets</dt>
          <dd className="font-medium">{formatInt(tickets.length)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Tickets</dt>
          <dd className="font-medium" data-testid="ticket-count">{formatInt(ticketStats.ticketCount)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Median resolution</dt>
          <dd className="font-medium" data-testid="median-resolution">{formatHours(ticketStats.medianResolutionHours)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Created</dt>
          <dd className="font-medium">{formatDateTime(company.createdAt)}</dd>
        </div>
      </dl>

      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          <section aria-labelledby="company-contacts">
            <div className="mb-2 flex items-baseline justify-between">
              <h2 id="company-contacts" className="text-lg font-semibold">Contacts</h2>
              {contacts.total > 0 ? (
                <Link href={`/contacts?company=${encodeURIComponent(id)}`} className="text-sm link">
                  {contacts.total > CONTACTS_SHOWN ? `All ${formatInt(contacts.total)} in the contacts table` : "Open in the contacts table"}
                </Link>
              ) : null}
            </div>
            {contacts.rows.length === 0 ? (
              <p className="text-sm text-slate-600">No contacts at this company yet.</p>
            ) : (
              <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                <table className="min-w-full text-sm">
                  <caption className="sr-only">Contacts at {company.name}</caption>
                  <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="px-3 py-2">Name</th>
                      <th scope="col" className="px-3 py-2">Job title</th>
                      <th scope="col" className="px-3 py-2">Stage</th>
                      <th scope="col" className="px-3 py-2">Owner</th>
                      <th scope="col" className="px-3 py-2">Last interaction</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {contacts.rows.map((c) => (
                      <tr key={c.id}>
                        <td className="px-3 py-2">
                          <Link href={`/contacts/${c.id}`} className="font-medium link">{c.name}</Link>
                          {c.email && c.email !== c.name ? <div className="text-xs text-slate-500">{c.email}</div> : null}
                        </td>
                        <td className="px-3 py-2">{c.jobTitle ?? "—"}</td>
                        <td className="px-3 py-2"><StageBadge stage={c.lifecycleStage} /></td>
                        <td className="px-3 py-2">{c.ownerName ?? "Unowned"}</td>
                        <td className="whitespace-nowrap px-3 py-2">{c.lastInteractionAt ? formatDateTime(c.lastInteractionAt) : "Never"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section aria-labelledby="company-activity">
            <h2 id="company-activity" className="mb-2 text-lg font-semibold">Activity</h2>
            <CompanyActivity companyId={id} initial={activity.items} initialNext={activity.next} />
          </section>
        </div>

        <section aria-labelledby="company-tickets" className="lg:col-span-2">
          <h2 id="company-tickets" className="mb-2 text-lg font-semibold">Open tickets</h2>
          {tickets.length === 0 ? (
            <p className="text-sm text-slate-600">No open tickets.</p>
          ) : (
            <ul className="space-y-2">
              {tickets.map((t) => (
                <li key={t.id} data-testid="open-ticket" className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                  <div className="flex items-baseline justify-between gap-2">
                    <span className="font-medium">#{t.number} {t.subject}</span>
                    <span className="whitespace-nowrap rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900">{t.status.replace("_", " ")}</span>
                  </div>
                  <p className="mt-1 text-xs text-slate-600">
                    {t.priority} priority · opened {formatDateTime(t.openedAt)}
                    {t.contactName ? ` · ${t.contactName}` : ""}
                    {t.assigneeName ? ` · assigned to ${t.assigneeName}` : " · unassigned"}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
