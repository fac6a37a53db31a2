// One destination: its health over the last 24 hours, its delivery log with resend, its settings
// (header values write-only), secret rotation, backfill and deletion (admin: settings:manage).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { PageHeader } from "@/components/ui/page-header";
import { destinationHealth, getDestination, listDeliveries } from "@/lib/data/destinations";
import { exportChoices } from "@/lib/data/raw-export";
import { DestinationForm } from "@/components/destinations/destination-form";
import { DeliveryLog } from "@/components/destinations/delivery-log";
import { HealthChart } from "@/components/destinations/health-chart";
import { DestinationActions } from "@/components/destinations/destination-actions";

export const metadata: Metadata = { title: "Destination" };
export const dynamic = "force-dynamic";

const VIEWS = [
  { key: "all", label: "All" },
  { key: "retrying", label: "Retrying" },
  { key: "dead", label: "Dead letters" },
  { key: "succeeded", label: "Succeeded" },
] as const;

export default async function DestinationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ status?: string }> }) {
  await requireArea("settings");
  const { id } = await params;
  const wanted = (await searchParams).status;
  const view = VIEWS.find((v) => v.key === wanted)?.key ?? "all";
  const destination = await getDestination(id);
  if (!destination) notFound();
  const now = new Date();
  const health = await destinationHealth(id, now);
  const log = await listDeliveries(id, { limit: 100, status: view === "all" ? undefined : view });
  const { sources } = await exportChoices();
  const c = destination.counts;
  return (
    <>
      <PageHeader title={destination.name} description={`${destination.kind === "profile_webhook" ? "Profile changes" : "Events"} · ${destination.enabled ? "Sending" : "Paused"} · ${destination.url}`}>
        <Link href="/settings/destinations" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          All destinations
        </Link>
      </PageHeader>
      <section aria-labelledby="health-heading" className="space-y-3">
        <h2 id="health-heading" className="text-lg font-semibold">
          Health
        </h2>
        <p className="text-sm text-slate-600">
          {c.succeeded} succeeded · {c.pending} waiting · {c.retrying} retrying · <span className={c.dead ? "font-medium text-red-700" : undefined}>{c.dead} dead letters</span>
          {destination.backfill?.running ? ` · backfill from ${destination.backfill.from.slice(0, 10)} running` : ""}
        </p>
        <HealthChart points={health} />
      </section>
      <section aria-labelledby="log-heading" className="mt-8 space-y-3">
        <h2 id="log-heading" className="text-lg font-semibold">
          Delivery log
        </h2>
        <nav aria-label="Deliveries to show" className="flex flex-wrap gap-1 text-sm">
          {VIEWS.map((v) => (
            <Link
              key={v.key}
              href={v.key === "all" ? `/settings/destinations/${id}` : `/settings/destinations/${id}?status=${v.key}`}
              aria-current={v.key === view ? "page" : undefined}
              className={`rounded-md px-3 py-1 ${v.key === view ? "bg-slate-900 text-white" : "border border-slate-300 bg-white hover:bg-slate-50"}`}
            >
              {v.label}
            </Link>
          ))}
        </nav>
        <DeliveryLog destinationId={id} deliveries={log?.deliveries ?? []} emptyText={view === "all" ? undefined : "No deliveries in this state."} />
      </section>
      <div className="mt-8 space-y-6">
        <DestinationActions
          id={id}
          name={destination.name}
          backfillRunning={destination.backfill?.running ?? false}
          rotationEndsAt={destination.secretRotationEndsAt}
          canBackfill={destination.kind === "webhook"}
        />
        <DestinationForm sources={sources} destination={destination} />
      </div>
    </>
  );
}
