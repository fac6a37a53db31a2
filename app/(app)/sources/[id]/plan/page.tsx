// A source's tracking plan (whoever manages sources): the planned events and their JSON Schemas, in a
// form or as JSON, and what happens to unplanned and invalid messages.
import { Breadcrumb } from "@/components/ui/breadcrumb";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { findSource } from "@/lib/sources/find-source";
import { getTrackingPlan } from "@/lib/data/tracking-plans";
import { EMPTY_PLAN } from "@/lib/sources/plan";
import { PageHeader } from "@/components/ui/page-header";
import { PlanEditor } from "@/components/sources/plan-editor";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requireArea("sources");
  const source = await findSource((await params).id);
  return { title: source ? `Tracking plan · ${source.name}` : "Source not found" };
}

export default async function TrackingPlanPage({ params }: Params) {
  await requireArea("sources");
  const { id } = await params;
  const source = await findSource(id);
  if (!source) notFound();
  const stored = await getTrackingPlan(id);
  return (
    <>
      <Breadcrumb trail={[{ href: "/sources", label: "Sources" }, { href: `/sources/${id}`, label: source.name }]} current="Tracking plan" />
      <PageHeader
        title={`Tracking plan: ${source.name}`}
        description={
          stored
            ? `Version ${stored.version}. Each message the Tracking API accepts is checked: track events by name and properties, identify calls by traits.`
            : "No plan yet. Each message the Tracking API accepts will be checked: track events by name and properties, identify calls by traits."
        }
      />
      {source.builtIn ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">Tandem writes this source&apos;s events itself, not through the Tracking API: a tracking plan would check nothing.</p>
      ) : (
        // Not keyed by version: a save refreshes the page, and a remount would lose the "Saved" message.
        <PlanEditor sourceId={id} initial={stored?.plan ?? EMPTY_PLAN} exists={!!stored} />
      )}
    </>
  );
}
