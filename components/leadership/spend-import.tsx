"use client";
// CSV import of spend: choose a file (columns month, channel, source, amount, currency), see every row
// with what it would change — or every problem, row by row — then import all of it or nothing.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { importSpend, previewSpendImport, type ImportPreview } from "@/app/(app)/leadership/actions";
import { formatCurrency } from "@/lib/format";
import { monthLabel } from "@/lib/metrics/months";

const PREVIEW_LIMIT = 200;

export function SpendImport() {
  const router = useRouter();
  const [csv, setCsv] = useState<{ name: string; text: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function check(file: { name: string; text: string }) {
    setCsv(file);
    setPreview(null);
    setMessage(null);
    startTransition(async () => {
      const res = await previewSpendImport({ csv: file.text });
      if (!res.ok) setMessage({ ok: false, text: res.message });
      else setPreview(res.data);
    });
  }

  const rows = preview?.ok ? preview.rows : [];
  const counts = { new: rows.filter((r) => r.status === "new").length, changed: rows.filter((r) => r.status === "changed").length, unchanged: rows.filter((r) => r.status === "unchanged").length };

  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-600">
        A header row, then one row per month, channel and source: <code>month,channel,source,amount,currency</code> (source and currency optional; month as YYYY-MM; channel one of the
        GA4 channel groups). Existing cells are overwritten; nothing is imported unless every row is good.
      </p>
      <label className="inline-flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
        <span>Choose a CSV file</span>
        <input
          type="file"
          accept=".csv,text/csv"
          className="sr-only"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = "";
            if (f) check({ name: f.name, text: await f.text() });
          }}
        />
      </label>
      {csv ? <span className="ml-2 text-slate-600">{csv.name}</span> : null}
      {pending ? <p role="status">Checking…</p> : null}
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-emerald-700" : "text-red-700"}>
          {message.text}
        </p>
      ) : null}
      {preview && !preview.ok ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-red-900">
          <p className="font-medium">{preview.message}</p>
          {preview.errors.length ? (
            <ul className="mt-2 list-disc space-y-0.5 pl-5">
              {preview.errors.slice(0, PREVIEW_LIMIT).map((e) => (
                <li key={e.row}>{e.row === 0 ? e.errors.join("; ") : `Row ${e.row}: ${e.errors.join("; ")}`}</li>
              ))}
              {preview.errors.length > PREVIEW_LIMIT ? <li>… and {preview.errors.length - PREVIEW_LIMIT} more</li> : null}
            </ul>
          ) : null}
        </div>
      ) : null}
      {preview?.ok ? (
        <div className="space-y-2">
          <p>
            {rows.length} rows: {counts.new} new, {counts.changed} changed, {counts.unchanged} unchanged.
          </p>
          <div className="max-h-80 overflow-auto rounded-md border border-slate-200">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Import preview</caption>
              <thead className="sticky top-0 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-2 py-1">Row</th>
                  <th scope="col" className="px-2 py-1">Month</th>
                  <th scope="col" className="px-2 py-1">Channel</th>
                  <th scope="col" className="px-2 py-1">Source</th>
                  <th scope="col" className="px-2 py-1 text-right">Now</th>
                  <th scope="col" className="px-2 py-1 text-right">After import</th>
                  <th scope="col" className="px-2 py-1">Change</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.slice(0, PREVIEW_LIMIT).map((r) => (
                  <tr key={r.row}>
                    <td className="px-2 py-1 text-slate-500">{r.row}</td>
                    <td className="px-2 py-1">{monthLabel(r.month)}</td>
                    <td className="px-2 py-1">{r.channel}</td>
                    <td className="px-2 py-1">{r.source || <span className="text-slate-400">(none)</span>}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{r.oldAmount === null ? "—" : formatCurrency(r.oldAmount, r.oldCurrency ?? r.currency, 2)}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{formatCurrency(r.amount, r.currency, 2)}</td>
                    <td className={`px-2 py-1 ${r.status === "changed" ? "text-amber-700" : r.status === "new" ? "text-emerald-700" : "text-slate-500"}`}>{r.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length > PREVIEW_LIMIT ? <p className="text-slate-500">The first {PREVIEW_LIMIT} rows are shown; all {rows.length} will be imported.</p> : null}
          <button
            type="button"
            disabled={pending || !csv}
            className="rounded-md bg-brand-600 px-4 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-50"
            onClick={() =>
              startTransition(async () => {
                const res = await importSpend({ csv: csv!.text });
                if (!res.ok) {
                  setMessage({ ok: false, text: res.message });
                  return;
                }
                setPreview(null);
                setCsv(null);
                setMessage({ ok: true, text: `Imported ${res.data.received} rows: ${res.data.created} new, ${res.data.updated} changed, ${res.data.unchanged} unchanged.` });
                router.refresh();
              })
            }
          >
            Import {rows.length} rows
          </button>
        </div>
      ) : null}
    </div>
  );
}
