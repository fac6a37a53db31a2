// Companies: the customer organisations (CRM).
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { countRecords } from "@/lib/data/overview";
import { formatInt } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Companies" };

export default async function CompaniesPage() {
  await requireArea("companies");
  const counts = await countRecords();
  return (
    <>
      <PageHeader title="Companies" description="The organisations you sell to and support, with their people, timeline and open tickets." />
      <EmptyState title={counts.companies ? "The companies table is on its way" : "No companies yet"} icon="🏢">
        <p>
          {counts.companies
            ? `${formatInt(counts.companies)} companies are already in the database.`
            : "Companies appear here when your team adds them or imports a CSV."}
        </p>
        <p>Company pages with a rolled-up timeline arrive with the CRM release.</p>
      </EmptyState>
    </>
  );
}
