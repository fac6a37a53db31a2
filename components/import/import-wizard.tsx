"use client";
// The import wizard: pick what to import, read the CSV in the browser, map its columns (suggested
// from the headers), check every row with a dry run (preview of the first 20, totals), then import
// in chunks with a real progress bar and a downloadable report of the rejected rows.
import { useMemo, useRef, useState } from "react";
import { importRows } from "@/app/(app)/import/actions";
import { csvRow } from "@/lib/crm/csv";
import { parseCsvText } from "@/lib/crm/import-csv";
import {
  addTotals,
  chunkRows,
  duplicateMessage,
  duplicateTargets,
  EMPTY_TOTALS,
  errorReportRows,
  findDuplicateRows,
  mapRows,
  MAX_IMPORT_BYTES,
  suggestMapping,
  TARGET_LABELS,
  targetsFor,
  type ColumnMapping,
  type ImportKind,
  type ImportRow,
  type ImportTarget,
  type ImportTotals,
  type RowResult,
} from "@/lib/crm/import";
import { ScrollRegion } from "@/components/ui/scroll-region";

interface FileData {
  name: string;
  headers: string[];
  rows: string[][];
}

type Phase = "idle" | "checking" | "checked" | "importing" | "done";

const PREVIEW_ROWS = 20;

export function ImportWizard({ initialKind }: { initialKind: ImportKind }) {
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [file, setFile] = useState<FileData | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [phase, setPhase] = useState<Phase>("idle");
  const [done, setDone] = useState(0);
  const [results, setResults] = useState<RowResult[]>([]);
  const [totals, setTotals] = useState<ImportTotals>(EMPTY_TOTALS);
  const [failure, setFailure] = useState<string | null>(null);
  const cancelled = useRef(false);

  const mapped: ImportRow[] = useMemo(() => (file ? mapRows(file.rows, mapping) : []), [file, mapping]);
  const dupTargets = duplicateTargets(mapping);
  const keyTarget: ImportTarget = kind === "contacts" ? "email" : "domain";
  const busy = phase === "checking" || phase === "importing";

  function reset(next: Partial<{ phase: Phase }> = {}) {
    setPhase(next.phase ?? "idle");
    setDone(0);
    setResults([]);
    setTotals(EMPTY_TOTALS);
    setFailure(null);
  }

  async function onFile(f: File | undefined) {
    reset();
    setFile(null);
    setFileError(null);
    if (!f) return;
    if (f.size > MAX_IMPORT_BYTES) {
      setFileError(`This file is ${(f.size / 1024 / 1024).toFixed(1)} MB; the limit is 20 MB. Split it into smaller files and import them one after another.`);
      return;
    }
    const parsed = parseCsvText(await f.text());
    if (parsed.error) return setFileError(parsed.error);
    if (parsed.rows.length < 2) return setFileError("The file has no rows under its header row. The first row must name the columns.");
    const headers = parsed.rows[0]!;
    setFile({ name: f.name, headers, rows: parsed.rows });
    setMapping(suggestMapping(kind, headers));
  }

  function changeKind(k: ImportKind) {
    setKind(k);
    reset();
    if (file) setMapping(suggestMapping(k, file.headers));
  }

  /** Runs every row through the server in chunks (dry run or for real), updating the progress. */
  async function run(dryRun: boolean) {
    reset({ phase: dryRun ? "checking" : "importing" });
    cancelled.current = false;
    const dups = findDuplicateRows(kind, mapped);
    const local: RowResult[] = [...dups].map(([row, earlier]) => ({ row, outcome: "reject", errors: [duplicateMessage(kind, earlier)], notes: [] }));
    const send = mapped.filter((r) => !dups.has(r.row));
    let all: RowResult[] = [...local];
    let count = local.length;
    setDone(count);
    for (const chunk of chunkRows(send)) {
      if (cancelled.current) break;
      const res = await importRows({ kind, dryRun, rows: chunk });
      if (!res.ok) {
        setFailure(`${res.message} Rows before row ${chunk[0]!.row} were ${dryRun ? "checked" : "imported"}; run the import again to continue (it skips what is already there).`);
        break;
      }
      all = all.concat(res.data);
      count += chunk.length;
      setDone(count);
      setResults([...all].sort((a, b) => a.row - b.row));
      setTotals(addTotals(EMPTY_TOTALS, all));
    }
    setResults([...all].sort((a, b) => a.row - b.row));
    setTotals(addTotals(EMPTY_TOTALS, all));
    setPhase(dryRun ? "checked" : "done");
  }

  function downloadErrors() {
    const body = `\uFEFF${errorReportRows(results).map((r) => csvRow(r)).join("")}`;
    const url = URL.createObjectURL(new Blob([body], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `import-errors-${file?.name ?? "rows"}`.replace(/(\.csv)?$/, ".csv");
    a.click();
    URL.revokeObjectURL(url);
  }

  const rejected = results.filter((r) => r.outcome === "reject");
  const total = mapped.length;
  const pct = total ? Math.round((done / total) * 100) : 0;

  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-sm font-semibold">1. What and which file</h2>
        <div className="mt-3 flex flex-wrap items-end gap-4">
          <fieldset className="flex gap-3" disabled={busy}>
            <legend className="sr-only">Import</legend>
            {(["contacts", "companies"] as const).map((k) => (
              <label key={k} className="flex items-center gap-1.5 text-sm">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => changeKind(k)} />
                {k === "contacts" ? "Contacts" : "Companies"}
              </label>
            ))}
          </fieldset>
          <label className="text-sm">
            <span className="mb-1 block font-medium">CSV file</span>
            <input type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => void onFile(e.target.files?.[0])} className="text-sm" />
          </label>
        </div>
        <p className="mt-2 text-xs text-slate-500">UTF-8 CSV up to 20 MB, first row naming the columns. {kind === "contacts" ? "Contacts match on email; a company cell (name or domain) links the company and creates it when missing." : "Companies match on domain (or name, for rows without a domain)."}</p>
        {fileError ? <p role="alert" className="mt-2 text-sm text-red-700">{fileError}</p> : null}
      </section>

      {file ? (
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-sm font-semibold">2. Columns</h2>
          <p className="mt-1 text-sm text-slate-600">{file.name}: {total.toLocaleString()} rows. Choose the field each column fills, or ignore it.</p>
          <table className="mt-3 text-sm" aria-label="Column mapping">
            <thead>
              <tr className="text-left text-slate-500">
                <th className="py-1 pr-4 font-medium">Column in the file</th>
                <th className="py-1 pr-4 font-medium">First value</th>
                <th className="py-1 font-medium">Imports into</th>
              </tr>
            </thead>
            <tbody>
              {file.headers.map((h, i) => (
                <tr key={i}>
                  <td className="py-1 pr-4">{h || <em>(no name)</em>}</td>
                  <td className="max-w-48 truncate py-1 pr-4 text-slate-500">{file.rows[1]?.[i] ?? ""}</td>
                  <td className="py-1">
                    <select
                      aria-label={`Field for column ${h || i + 1}`}
                      value={mapping[i] ?? ""}
                      disabled={busy}
                      onChange={(e) => {
                        const next = [...mapping];
                        next[i] = (e.target.value || null) as ImportTarget | null;
                        setMapping(next);
                        reset();
                      }}
                      className="rounded border border-slate-300 px-2 py-1"
                    >
                      <option value="">Ignore</option>
                      {targetsFor(kind).map((t) => (
                        <option key={t} value={t}>
                          {TARGET_LABELS[t]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {dupTargets.length ? <p className="mt-2 text-sm text-red-700">Each field can be filled by one column only: {dupTargets.map((t) => TARGET_LABELS[t]).join(", ")}.</p> : null}
          {!mapping.includes(keyTarget) && !mapping.includes("id") ? (
            <p className="mt-2 text-sm text-amber-700">No column is mapped to {TARGET_LABELS[keyTarget]}: every row will be a new record, and running the file again adds them again.</p>
          ) : null}
          <div className="mt-4 flex gap-2">
            <button type="button" disabled={busy || dupTargets.length > 0 || !mapping.some(Boolean)} onClick={() => void run(true)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-50">
              Check rows (dry run)
            </button>
            <button type="button" disabled={busy || dupTargets.length > 0 || !mapping.some(Boolean)} onClick={() => void run(false)} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50">
              Import {total.toLocaleString()} rows
            </button>
            {busy ? (
              <button type="button" onClick={() => (cancelled.current = true)} className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">
                Stop
              </button>
            ) : null}
          </div>
        </section>
      ) : null}

      {phase !== "idle" ? (
        <section className="rounded-lg border border-slate-200 bg-white p-5" aria-label="Import progress">
          <h2 className="text-sm font-semibold">{phase === "checking" || phase === "checked" ? "3. Dry run" : "3. Import"}</h2>
          <div className="mt-3">
            <div role="progressbar" aria-label="Rows processed" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} className="h-2 w-full overflow-hidden rounded bg-slate-100">
              <div className="h-full bg-slate-900 transition-all" style={{ width: `${pct}%` }} />
            </div>
            <p className="mt-1 text-sm text-slate-600" role="status">
              {done.toLocaleString()} of {total.toLocaleString()} rows {busy ? (phase === "checking" ? "checked…" : "imported…") : phase === "checked" ? "checked." : "processed. Import finished."}
            </p>
          </div>
          <dl className="mt-3 flex flex-wrap gap-6 text-sm" aria-label="Totals">
            {phase === "checking" || phase === "checked" ? (
              <>
                <Total label="Would create" value={totals.create} />
                <Total label="Would update" value={totals.update} />
                <Total label="Unchanged" value={totals.unchanged} />
                <Total label="Would reject" value={totals.reject} />
              </>
            ) : (
              <>
                <Total label="Created" value={totals.create} />
                <Total label="Updated" value={totals.update} />
                <Total label="Unchanged" value={totals.unchanged} />
                <Total label="Rejected" value={totals.reject} />
              </>
            )}
          </dl>
          {failure ? <p role="alert" className="mt-3 text-sm text-red-700">{failure}</p> : null}

          {phase === "checked" || phase === "checking" ? <Preview rows={mapped.slice(0, PREVIEW_ROWS)} results={results} mapping={mapping} /> : null}

          {rejected.length && (phase === "done" || phase === "checked") ? (
            <div className="mt-4">
              <div className="flex items-center gap-3">
                <h3 className="text-sm font-semibold">Rejected rows ({rejected.length.toLocaleString()})</h3>
                <button type="button" onClick={downloadErrors} className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-50">
                  Download as CSV
                </button>
              </div>
              <table className="mt-2 text-sm" aria-label="Rejected rows">
                <thead>
                  <tr className="text-left text-slate-500">
                    <th className="py-1 pr-4 font-medium">Row</th>
                    <th className="py-1 font-medium">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {rejected.slice(0, 500).map((r) => (
                    <tr key={r.row}>
                      <td className="py-1 pr-4 align-top tabular-nums">{r.row}</td>
                      <td className="py-1 text-red-700">{r.errors.join("; ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {rejected.length > 500 ? <p className="mt-1 text-xs text-slate-500">The first 500 are shown; the CSV has them all.</p> : null}
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function Total({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value.toLocaleString()}</dd>
    </div>
  );
}

const OUTCOME_TEXT: Record<RowResult["outcome"], string> = { create: "Create", update: "Update", unchanged: "No change", reject: "Reject" };

function Preview({ rows, results, mapping }: { rows: ImportRow[]; results: RowResult[]; mapping: ColumnMapping }) {
  const byRow = new Map(results.map((r) => [r.row, r]));
  const targets = mapping.filter((t): t is ImportTarget => t !== null);
  return (
    <div className="mt-4">
      <h3 className="text-sm font-semibold">Preview (first {rows.length} rows)</h3>
      <ScrollRegion label="Preview" className="mt-2 overflow-x-auto">
        <table className="min-w-full text-sm" aria-label="Preview">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="py-1 pr-3 font-medium">Row</th>
              <th className="py-1 pr-3 font-medium">Result</th>
              {targets.map((t) => (
                <th key={t} className="py-1 pr-3 font-medium">
                  {TARGET_LABELS[t]}
                </th>
              ))}
              <th className="py-1 font-medium">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const res = byRow.get(r.row);
              return (
                <tr key={r.row} className={res?.outcome === "reject" ? "bg-red-50" : undefined}>
                  <td className="py-1 pr-3 tabular-nums">{r.row}</td>
                  <td className="py-1 pr-3">{res ? OUTCOME_TEXT[res.outcome] : "…"}</td>
                  {targets.map((t) => (
                    <td key={t} className="max-w-40 truncate py-1 pr-3">
                      {r.fields[t]}
                    </td>
                  ))}
                  <td className={`py-1 ${res?.outcome === "reject" ? "text-red-700" : "text-slate-500"}`}>{res ? [...res.errors, ...res.notes].join("; ") : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
