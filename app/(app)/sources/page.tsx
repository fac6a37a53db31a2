// Sources: where events come from, with masked write keys (admin).
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { listSources } from "@/lib/data/sources";
import { formatDateTime, formatInt } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage() {
  await requireArea("sources");
  const sources = await listSources();
  return (
    <>
      <PageHeader title="Sources" description="Websites, servers and apps that send events with a write key. Setup snippets, key rotation and the live debugger arrive with the collection release." />
      {sources.length === 0 ? (
        <EmptyState title="No sources yet" icon="📡">
          <p>Create a source to get a write key, then point analytics.js or a server SDK at Tandem.</p>
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
                <th scope="col" className="px-4 py-2 text-right">Events</th>
                <th scope="col" className="px-4 py-2">Last event</th>
                <th scope="col" className="px-4 py-2">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sources.map((s) => (
                <tr key={s.id}>
                  <td className="px-4 py-2 font-medium">
                    {s.name}
                    {s.builtIn ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">built-in</span> : null}
                  </td>
                  <td className="px-4 py-2">{s.kind}</td>
                  <td className="px-4 py-2 font-mono text-xs">{s.maskedWriteKey}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatInt(s.events)}</td>
                  <td className="px-4 py-2">{s.lastEventAt ? formatDateTime(s.lastEventAt) : "—"}</td>
                  <td className="px-4 py-2">{s.enabled ? "Enabled" : "Disabled"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
