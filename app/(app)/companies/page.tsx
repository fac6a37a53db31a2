// Companies: the server-paged, filterable companies table; the view is the URL (lib/crm/view.ts)
// and the same params drive the CSV export.
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { listCompanies } from "@/lib/data/companies";
import { listOwnerOptions } from "@/lib/data/contacts";
import { canCreateRecord, canEditRecord, canReassignOwner } from "@/lib/crm/contacts-access";
import { exportQuery, parseCompaniesView, serializeCompaniesView } from "@/lib/crm/view";
import { PageHeader } from "@/components/ui/page-header";
import { CompaniesTable } from "@/components/crm/companies-table";

export const metadata: Metadata = { title: "Companies" };

export default async function CompaniesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("companies");
  const view = parseCompaniesView(await searchParams);
  const [page, owners] = await Promise.all([listCompanies(view), listOwnerOptions()]);
  const qs = exportQuery(serializeCompaniesView(view)).toString();
  return (
    <>
      <PageHeader title="Companies" description="The organisations you sell to and support. Open one for its people, open tickets and a rolled-up timeline.">
        {canCreateRecord(user) ? <a href="/import?kind=companies" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Import</a> : null}
        <a href="/export" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Export</a>
      </PageHeader>
      <CompaniesTable
        rows={page.rows.map((r) => ({ ...r, editable: canEditRecord(user, r) }))}
        total={page.total}
        view={view}
        owners={owners}
        canCreate={canCreateRecord(user)}
        canReassign={canReassignOwner(user)}
        currentUserId={user.id}
        exportHref={`/api/crm/export/companies${qs ? `?${qs}` : ""}`}
      />
    </>
  );
}
