// Journeys: a customer's path from first touch to revenue (CDP analytics).
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { countRecords } from "@/lib/data/overview";
import { formatInt } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Journeys" };

export default async function JourneysPage() {
  await requireArea("journeys");
  const counts = await countRecords();
  return (
    <>
      <PageHeader title="Journeys" description="Which ad or channel brought each customer, where they landed, when they trialled and when they paid." />
      <EmptyState title="Journeys are on their way" icon="🛤️">
        <p>{counts.events ? `${formatInt(counts.events)} events are ready to be charted.` : "Send events from a source to see journeys."}</p>
        <p>Paths, attribution and audiences arrive with the analytics release.</p>
      </EmptyState>
    </>
  );
}
