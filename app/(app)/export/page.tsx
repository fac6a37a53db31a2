// Export: every CRM table as a CSV (ids with readable labels beside them) or everything as one JSON
// document; for admins also the raw CDP data (events by source, days and name; profiles with their
// identities and traits) as NDJSON or CSV. Streamed downloads with no caps; the same files as the
// token APIs /api/v1/crm/export, /api/v1/events/export and /api/v1/profiles/export.
import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { exportChoices } from "@/lib/data/raw-export";
import { RawExportForms } from "@/components/export/raw-export-forms";
import { EXPORT_ENTITIES, EXPORT_LABELS } from "@/lib/crm/export";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Export" };
export const dynamic = "force-dynamic";

export default async function ExportPage() {
  const user = await requirePage("crm:read");
  const raw = can(user.role, "data:export") ? await exportChoices() : null;
  return (
    <>
      <PageHeader
        title="Export"
        description="Download all CRM data: every row, no caps. CSVs keep the ids and put readable labels beside them (owner email, company name, contact email), so a contacts or companies export imports back as it is."
      />
      <section aria-labelledby="export-csv" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="export-csv" className="text-sm font-semibold">One table as CSV</h2>
        <ul className="mt-3 flex flex-wrap gap-2">
          {EXPORT_ENTITIES.map((e) => (
            <li key={e}>
              <a href={`/export/download?format=csv&entity=${e}`} download className="inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
                {EXPORT_LABELS[e]} (CSV)
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="export-json" className="mt-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="export-json" className="text-sm font-semibold">Everything</h2>
        <p className="mt-1 text-sm text-slate-600">One JSON document with contacts, companies, interactions, tickets, tasks and field history.</p>
        <a href="/export/download?format=json" download className="mt-3 inline-block rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
          Everything (JSON)
        </a>
      </section>
      <p className="mt-4 text-sm text-slate-600">
        Scripts can fetch the same files with an API token that has the <code>export:read</code> scope:{" "}
        <code>GET /api/v1/crm/export?format=json</code> or <code>?format=csv&amp;entity=contacts</code>.
      </p>
      {raw ? (
        <section aria-labelledby="export-raw" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="export-raw" className="text-sm font-semibold">Raw data (CDP)</h2>
          <p className="mt-1 text-sm text-slate-600">
            Every event as it was stored, and every customer profile with its identities and traits — for a warehouse, a notebook or an audit.
            Profiles merged into another are part of the survivor.
          </p>
          <RawExportForms sources={raw.sources} events={raw.events} />
          <p className="mt-4 text-sm text-slate-600">
            Scripts: <code>GET /api/v1/events/export?from=2026-03-01&amp;to=2026-04-01&amp;format=ndjson</code> and <code>GET /api/v1/profiles/export</code>{" "}
            with an API token that has the <code>events:export</code> scope, paged by the <code>X-Next-Cursor</code> header; for very large dumps{" "}
            <code>npm run export -- events --out events.ndjson</code> on the server.
          </p>
        </section>
      ) : null}
    </>
  );
}
