// One source (admin): volume over the last 24 h / 7 d, accepted and rejected totals, its tracking plan
// with violations per event name and the quarantine's size, the write key and its rotation, setup
// snippets, and its settings.
import { Breadcrumb } from "@/components/ui/breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { sourceTotals, sourceVolume } from "@/lib/data/source-admin";
import { applyQuarantineBounds, getQuarantineBounds, getTrackingPlan, listQuarantine, violationSummary } from "@/lib/data/tracking-plans";
import { PlanSummary } from "@/components/sources/plan-summary";
import { findSource } from "@/lib/sources/find-source";
import { KIND_DESCRIPTIONS } from "@/lib/sources/inputs";
import { snippetBaseUrl } from "@/lib/sources/public-base-url";
import { volumeWindow, VOLUME_RANGE_KEYS, type VolumePoint, type VolumeRange } from "@/lib/sources/volume";
import { formatDateTime, formatInt } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { BuiltInBadge, KindBadge, StatusBadge } from "@/components/sources/badges";
import { SourceSettings } from "@/components/sources/source-settings";
import { VolumeChart } from "@/components/sources/volume-chart";
import { WriteKeyPanel } from "@/components/sources/write-key-panel";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requireArea("sources");
  const source = await findSource((await params).id);
  return { title: source ? `${source.name} · Sources` : "Source not found" };
}

function Stat({ label, value, tone }: { label: string; value: string; tone?: "bad" }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={`mt-1 text-xl font-semibold tabular-nums ${tone === "bad" ? "text-red-700" : ""}`}>{value}</dd>
    </div>
  );
}

export default async function SourcePage({ params }: Params) {
  await requireArea("sources");
  const { id } = await params;
  const source = await findSource(id);
  if (!source) notFound();
  const now = new Date();
  await applyQuarantineBounds(id, now);
  const [plan, violations, quarantine, bounds] = await Promise.all([getTrackingPlan(id), violationSummary(id, now), listQuarantine(id, { pageSize: 1 }), getQuarantineBounds(id)]);
  const [totals, baseUrl, ...volumes] = await Promise.all([
    sourceTotals(id, now),
    snippetBaseUrl(),
    ...VOLUME_RANGE_KEYS.map((r) => sourceVolume(id, volumeWindow(r, now))),
  ]);
  const series = Object.fromEntries(VOLUME_RANGE_KEYS.map((r, i) => [r, volumes[i] as VolumePoint[]])) as Record<VolumeRange, VolumePoint[]>;

  return (
    <>
      <Breadcrumb trail={[{ href: "/sources", label: "Sources" }]} current={source.name} />
      <PageHeader title={source.name} description={KIND_DESCRIPTIONS[source.kind]}>
        <Link href={`/sources/${id}/debugger`} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Live debugger
        </Link>
      </PageHeader>
      <div className="-mt-3 mb-6 flex flex-wrap items-center gap-2 text-sm">
        <KindBadge kind={source.kind} />
        <StatusBadge enabled={source.enabled} />
        {source.builtIn ? <BuiltInBadge /> : null}
        <span className="text-slate-500">Created {formatDateTime(source.createdAt)}</span>
      </div>

      <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat label="Accepted, 24 h" value={formatInt(totals.accepted24h)} />
        <Stat label="Rejected, 24 h" value={formatInt(totals.rejected24h)} tone={totals.rejected24h ? "bad" : undefined} />
        <Stat label="Accepted, all time" value={formatInt(totals.accepted)} />
        <Stat label="Rejected, all time" value={formatInt(totals.rejected)} tone={totals.rejected ? "bad" : undefined} />
        <div className="col-span-2 rounded-lg border border-slate-200 bg-white p-3 md:col-span-1">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Last event</dt>
          <dd className="mt-1 text-sm font-medium">{totals.lastEventAt ? formatDateTime(totals.lastEventAt) : "Never"}</dd>
        </div>
      </dl>

      <section aria-labelledby="volume-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="volume-heading" className="mb-3 text-lg font-semibold">
          Volume
        </h2>
        <VolumeChart series={series} />
      </section>

      <PlanSummary sourceId={id} builtIn={source.builtIn} plan={plan} violations={violations} quarantined={quarantine.total} bounds={bounds} />

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="setup-heading" className="min-w-0 space-y-3">
          <h2 id="setup-heading" className="text-lg font-semibold">
            Write key and setup
          </h2>
          <WriteKeyPanel sourceId={id} sourceName={source.name} kind={source.kind} maskedWriteKey={source.maskedWriteKey} baseUrl={baseUrl} />
        </section>
        <section aria-labelledby="settings-heading" className="min-w-0 space-y-3">
          <h2 id="settings-heading" className="text-lg font-semibold">
            Settings
          </h2>
          <SourceSettings
            // Remounted (fresh form values) when the name changes; browser access updates itself on save.
            key={source.name}
            source={{
              id,
              name: source.name,
              kind: source.kind,
              enabled: source.enabled,
              builtIn: source.builtIn,
              allowedOrigins: source.allowedOrigins,
              rateLimitPerSec: source.rateLimitPerSec,
            }}
          />
        </section>
      </div>
    </>
  );
}
