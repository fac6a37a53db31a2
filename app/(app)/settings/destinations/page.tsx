// Settings → Destinations: the webhooks accepted events (or profile changes) are sent to, each with its delivery counts,
// and a form to add one (admin: settings:manage).
import type { Metadata } from "next";
import Link from "next/link";
import { requireArea } from "@/lib/auth/guard";
import { PageHeader } from "@/components/ui/page-header";
import { listDestinations } from "@/lib/data/destinations";
import { exportChoices } from "@/lib/data/raw-export";
import { DestinationForm } from "@/components/destinations/destination-form";

export const metadata: Metadata = { title: "Destinations" };
export const dynamic = "force-dynamic";

export default async function DestinationsPage() {
  await requireArea("settings");
  const destinations = await listDestinations();
  const { sources } = await exportChoices();
  const sourceName = new Map(sources.map((s) => [s.id, s.name]));
  return (
    <>
      <PageHeader
        title="Destinations"
        description="Webhooks that receive accepted events or profile changes — signed, in batches, at least once, retried for 24 hours and resendable after that."
      >
        <Link href="/settings" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          Settings
        </Link>
      </PageHeader>
      {destinations.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">No destinations yet. Add a webhook below.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Destinations</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">Name</th>
                <th scope="col" className="px-4 py-2">URL</th>
                <th scope="col" className="px-4 py-2">Receives</th>
                <th scope="col" className="px-4 py-2">State</th>
                <th scope="col" className="px-4 py-2 text-right">Succeeded</th>
                <th scope="col" className="px-4 py-2 text-right">Waiting</th>
                <th scope="col" className="px-4 py-2 text-right">Retrying</th>
                <th scope="col" className="px-4 py-2 text-right">Dead letters</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {destinations.map((d) => (
                <tr key={d.id} data-testid={`destination-row-${d.name}`}>
                  <td className="px-4 py-2 font-medium">
                    <Link href={`/settings/destinations/${d.id}`} className="text-brand-700 underline">
                      {d.name}
                    </Link>
                  </td>
                  <td className="max-w-xs truncate px-4 py-2 font-mono text-xs">{d.url}</td>
                  <td className="px-4 py-2 text-xs">
                    {d.kind === "profile_webhook"
                      ? `Profile changes: ${d.filter.types.length ? d.filter.types.join(", ") : "every kind"}`
                      : [
                          d.filter.sources.length ? d.filter.sources.map((s) => sourceName.get(s) ?? s).join(", ") : "every source",
                          d.filter.types.length ? d.filter.types.join(", ") : null,
                          d.filter.names.length ? d.filter.names.join(", ") : null,
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                  </td>
                  <td className="px-4 py-2">{d.enabled ? "Sending" : "Paused"}</td>
                  <td className="px-4 py-2 text-right">{d.counts.succeeded}</td>
                  <td className="px-4 py-2 text-right">{d.counts.pending}</td>
                  <td className="px-4 py-2 text-right">{d.counts.retrying}</td>
                  <td className={`px-4 py-2 text-right ${d.counts.dead ? "font-medium text-red-700" : ""}`}>{d.counts.dead}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-8">
        <DestinationForm sources={sources} />
      </div>
    </>
  );
}
