// Sources: where events come from — each with its kind, masked write key, status and last-24-hour
// volume — and the form that creates one (admin).
import type { Metadata } from "next";
import Link from "next/link";
import { requireArea } from "@/lib/auth/guard";
import { listSourcesWithStats } from "@/lib/data/source-admin";
import { snippetBaseUrl } from "@/lib/sources/public-base-url";
import { formatDateTime, formatInt } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { BuiltInBadge, KindBadge, StatusBadge } from "@/components/sources/badges";
import { NewSourceForm } from "@/components/sources/new-source-form";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage() {
  await requireArea("sources");
  const [sources, baseUrl] = await Promise.all([listSourcesWithStats(), snippetBaseUrl()]);
  return (
    <>
      <PageHeader
        title="Sources"
        description="Websites, servers and apps that send events to Tandem's Segment-compatible Tracking API, each with its own write key. Open a source for its setup snippets, volume and live debugger."
      />
      {sources.length === 0 ? (
        <EmptyState title="No sources yet" icon="📡">
          <p>Create a source below to get a write key, then point analytics.js or a server SDK at Tandem.</p>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Event sources</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">Name</th>
                <th scope="col" className="px-4 py-2">Kind</th>
                <th scope="col" className="px-4 py-2">Write key</th>
                <th scope="col" className="px-4 py-2">Status</th>
                <th scope="col" className="px-4 py-2 text-right">Events, 24 h</th>
                <th scope="col" className="px-4 py-2 text-right">Rejected, 24 h</th>
                <th scope="col" className="px-4 py-2">Last event</th>
                <th scope="col" className="px-4 py-2"><span className="sr-only">Debugger</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sources.map((s) => (
                <tr key={s.id} data-testid={`source-row-${s.name}`} className={s.enabled ? undefined : "text-slate-500"}>
                  <td className="px-4 py-2 font-medium">
                    <Link href={`/sources/${s.id}`} className="text-brand-700 hover:underline">
                      {s.name}
                    </Link>
                    {s.builtIn ? <span className="ml-2"><BuiltInBadge /></span> : null}
                  </td>
                  <td className="px-4 py-2"><KindBadge kind={s.kind} /></td>
                  <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{s.maskedWriteKey}</td>
                  <td className="px-4 py-2"><StatusBadge enabled={s.enabled} /></td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatInt(s.events24h)}</td>
                  <td className={`px-4 py-2 text-right tabular-nums ${s.rejected24h ? "font-medium text-red-700" : ""}`}>{formatInt(s.rejected24h)}</td>
                  <td className="whitespace-nowrap px-4 py-2">{s.lastEventAt ? formatDateTime(s.lastEventAt) : "Never"}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-right">
                    <Link href={`/sources/${s.id}/debugger`} className="text-brand-700 hover:underline" aria-label={`Live debugger of ${s.name}`}>
                      Debugger
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-label="Create a source" className="mt-8">
        <NewSourceForm baseUrl={baseUrl} />
      </section>
    </>
  );
}
