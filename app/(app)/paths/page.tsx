// Paths: the most common next (or previous) steps from a chosen event or page, within sessions.
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { lifecycleSettings } from "@/lib/data/lifecycle";
import { listEventCatalog } from "@/lib/data/event-catalog";
import { trackEventNames } from "@/lib/analytics/event-catalog";
import { recentPagePaths } from "@/lib/data/page-paths";
import { lastDays } from "@/lib/analytics/request";
import { parsePathsView } from "@/lib/analytics/views";
import { PageHeader } from "@/components/ui/page-header";
import { PathsExplorer } from "@/components/analytics/paths-explorer";

export const metadata: Metadata = { title: "Paths" };

export default async function PathsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("paths");
  const now = new Date();
  const { fromDay, toDay } = lastDays(now, 30);
  // One after the other (the embedded database mixes up concurrent statements from one pool).
  const settings = await lifecycleSettings();
  const suggestions = { events: trackEventNames(await listEventCatalog()), pages: await recentPagePaths(now) };
  const defaults = parsePathsView({}, { anchor: settings.signedUp.event ?? suggestions.events[0] ?? "Signed Up", fromDay, toDay });
  const view = parsePathsView(await searchParams, { anchor: defaults.anchor, fromDay, toDay });
  return (
    <>
      <PageHeader
        title="Paths"
        description="What people do next after a step — or what they did before it — within the same visit, counted over resolved people. Pick a start (or end) step, up to 10 steps, and how page views are grouped."
      />
      <PathsExplorer initial={view} defaults={defaults} suggestions={suggestions} />
    </>
  );
}
