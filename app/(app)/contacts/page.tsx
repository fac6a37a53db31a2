// Contacts: the server-paged, filterable contacts table. The view (page, sort, filters, search,
// columns) is the URL, parsed by lib/crm/view.ts; the same params drive the CSV export.
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { getCompanyOption, listContacts, listOwnerOptions } from "@/lib/data/contacts";
import { canCreateRecord, canEditRecord, canReassignOwner } from "@/lib/crm/contacts-access";
import { exportQuery, parseContactsView, serializeContactsView } from "@/lib/crm/view";
import { PageHeader } from "@/components/ui/page-header";
import { ContactsTable } from "@/components/crm/contacts-table";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("contacts");
  const view = parseContactsView(await searchParams);
  const [page, owners, company] = await Promise.all([listContacts(view), listOwnerOptions(), view.company ? getCompanyOption(view.company) : null]);
  const qs = exportQuery(serializeContactsView(view)).toString();
  return (
    <>
      <PageHeader title="Contacts" description="Everyone your team talks to. Filter, sort and search; the view is kept in the address, so you can bookmark or share it.">
        {canCreateRecord(user) ? <a href="/import?kind=contacts" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Import</a> : null}
        <a href="/export" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Export</a>
      </PageHeader>
      <ContactsTable
        rows={page.rows.map((r) => ({ ...r, editable: canEditRecord(user, r) }))}
        total={page.total}
        view={view}
        owners={owners}
        companyFilter={company ? { id: company.id, name: company.name } : view.company ? { id: view.company, name: "Unknown company" } : null}
        canCreate={canCreateRecord(user)}
        canReassign={canReassignOwner(user)}
        currentUserId={user.id}
        exportHref={`/api/crm/export/contacts${qs ? `?${qs}` : ""}`}
      />
    </>
  );
}
