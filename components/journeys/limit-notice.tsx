// What an analytics page shows when the database refused the analysis (too big a range on the embedded
// database, another analysis running, or a timeout on PostgreSQL): the reason and what to do.
import type { AnalyticsLimitError } from "@/lib/data/analytics-runner";
import { PageHeader } from "@/components/ui/page-header";

export function AnalyticsLimitNotice({ title, error }: { title: string; error: AnalyticsLimitError }) {
  return (
    <>
      <PageHeader title={title} />
      <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
        {error.message}
      </p>
    </>
  );
}
