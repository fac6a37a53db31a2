// Leads from the product: people who signed up (or gave an email) and used the product in the last 30
// days but have no CRM contact — for the roles that write the CRM, each a click from a contact.
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { lifecycleSettings } from "@/lib/data/lifecycle";
import { listGaps } from "@/lib/data/journeys";
import { AnalyticsLimitError } from "@/lib/data/analytics-runner";
import { GAP_DEFINITIONS } from "@/lib/customer360/journey";
import { PageHeader } from "@/components/ui/page-header";
import { GapTable } from "@/components/journeys/gap-table";
import { AnalyticsLimitNotice } from "@/components/journeys/limit-notice";

export const metadata: Metadata = { title: "Product leads" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 25;

export default async function LeadsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireArea("leads");
  const page = Math.max(1, Math.min(10_000, Number.parseInt((await searchParams).page ?? "1", 10) || 1));
  let data;
  try {
    data = await listGaps(await lifecycleSettings(), new Date(), { kinds: ["lead_no_contact"], page, size: PAGE_SIZE });
  } catch (err) {
    if (err instanceof AnalyticsLimitError) return <AnalyticsLimitNotice title="Product leads" error={err} />;
    throw err;
  }
  return (
    <>
      <PageHeader title="Product leads" description={`${GAP_DEFINITIONS.lead_no_contact} Create the contact in one click: you become its owner.`} />
      <section id="gaps" aria-label="Product users with no contact">
        <GapTable data={data} basePath="/leads" kind={null} kinds={["lead_no_contact"]} page={page} size={PAGE_SIZE} canCreateContact caption="Product users with no CRM contact" />
      </section>
    </>
  );
}
