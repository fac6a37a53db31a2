// Attribution: conversions and revenue credited to channels and campaigns under five models, side by side.
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { lifecycleSettings } from "@/lib/data/lifecycle";
import { listEventCatalog } from "@/lib/data/event-catalog";
import { trackEventNames } from "@/lib/analytics/event-catalog";
import { listAudiences } from "@/lib/data/audiences";
import { describeRule } from "@/lib/analytics/lifecycle";
import { lastDays } from "@/lib/analytics/request";
import { parseAttributionView } from "@/lib/analytics/views";
import { PageHeader } from "@/components/ui/page-header";
import { AttributionExplorer } from "@/components/analytics/attribution-explorer";

export const metadata: Metadata = { title: "Attribution" };

export default async function AttributionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("attribution");
  const now = new Date();
  const { fromDay, toDay } = lastDays(now, 90);
  // One after the other (the embedded database mixes up concurrent statements from one pool).
  const settings = await lifecycleSettings();
  const suggestions = trackEventNames(await listEventCatalog());
  const audiences = await listAudiences();
  const defaults = parseAttributionView({}, { fromDay, toDay });
  const view = parseAttributionView(await searchParams, { fromDay, toDay });
  return (
    <>
      <PageHeader
        title="Attribution"
        description="Which channels and campaigns brought the conversions — credited over each person’s visits before converting, under five models side by side, with their all-time first touch beside them."
      />
      <AttributionExplorer
        initial={view}
        defaults={defaults}
        suggestions={suggestions}
        audiences={audiences.map((a) => ({ id: a.id, name: a.name }))}
        lifecycleLabel={describeRule(settings.customer)}
      />
    </>
  );
}
