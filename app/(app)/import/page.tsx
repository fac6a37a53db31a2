// Import: contacts or companies from a CSV — column mapping, a dry-run preview, then the import in
// chunks with a progress bar and a per-row error report. Rows upsert by email (contacts) or domain
// (companies) through the same data-layer functions as the forms.
import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/guard";
import { PageHeader } from "@/components/ui/page-header";
import { ImportWizard } from "@/components/import/import-wizard";
import type { ImportKind } from "@/lib/crm/import";

export const metadata: Metadata = { title: "Import" };
export const dynamic = "force-dynamic";

export default async function ImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("crm:write");
  const kind: ImportKind = (await searchParams).kind === "companies" ? "companies" : "contacts";
  return (
    <>
      <PageHeader
        title="Import"
        description="Add or update contacts and companies from a CSV file. Contacts match on email, companies on domain (or the id from a Tandem export); only the columns you map are changed, and empty cells leave a field as it is."
      />
      <ImportWizard initialKind={kind} />
    </>
  );
}
