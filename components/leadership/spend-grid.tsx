"use client";
// The spend grid: one row per channel and source, one column per month, a cell per amount. Editors
// type amounts (an empty cell deletes it), add a channel/source row, and save every change at once;
// the server validates all of it or saves nothing, and says which cell is wrong.
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { saveSpendCells } from "@/app/(app)/leadership/actions";
import { formatCurrency } from "@/lib/format";
import { monthLabel } from "@/lib/metrics/months";

export interface GridCell {
  month: string;
  channel: string;
  source: string;
  amount: number;
  currency: string;
}

const keyOf = (month: string, channel: string, source: string) => `${month}|${channel}|${source}`;
const rowKey = (channel: string, source: string) => `${channel}|${source}`;
const AMOUNT = /^\s*\d+(\.\d{0,2})?\s*$/;

export function SpendGrid({ months, cells, channels, currency, canEdit }: { months: string[]; cells: GridCell[]; channels: readonly string[]; currency: string; canEdit: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [edits, setEdits] = useState<Map<string, string>>(new Map());
  const [added, setAdded] = useState<{ channel: string; source: string }[]>([]);
  const [newRow, setNewRow] = useState({ channel: "Paid Search", source: "" });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const stored = useMemo(() => new Map(cells.map((c) => [keyOf(c.month, c.channel, c.source), c])), [cells]);
  const rows = useMemo(() => {
    const seen = new Map<string, { channel: string; source: string }>();
    for (const c of cells) seen.set(rowKey(c.channel, c.source), { channel: c.channel, source: c.source });
    for (const r of added) seen.set(rowKey(r.channel, r.source), r);
    return [...seen.values()].sort((a, b) => (a.channel === b.channel ? (a.source < b.source ? -1 : 1) : a.channel < b.channel ? -1 : 1));
  }, [cells, added]);

  const textOf = (k: string) => edits.get(k) ?? (stored.has(k) ? String(stored.get(k)!.amount) : "");
  const changed = [...edits].filter(([k, v]) => {
    const s = stored.get(k);
    return s ? v.trim() === "" || Number(v) !== s.amount || s.currency !== currency : v.trim() !== "";
  });
  const invalid = changed.filter(([, v]) => v.trim() !== "" && !AMOUNT.test(v));

  function save() {
    setMessage(null);
    const payload = changed.map(([k, v]) => {
      const [month, channel, source] = k.split("|") as [string, string, string];
      return { month, channel, source, amount: v.trim() === "" ? null : Number(v) };
    });
    startTransition(async () => {
      const res = await saveSpendCells({ cells: payload });
      if (!res.ok) {
        setMessage({ ok: false, text: res.message });
        return;
      }
      const d = res.data;
      setMessage({ ok: true, text: `Saved: ${d.created} new, ${d.updated} changed, ${d.deleted} cleared.` });
      setEdits(new Map());
      setAdded([]);
      router.refresh();
    });
  }

  const total = (pred: (c: { month: string; channel: string; source: string }) => boolean) =>
    cells.filter((c) => c.currency === currency && pred(c)).reduce((n, c) => n + c.amount, 0);

  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Marketing spend in {currency} by channel, source and month</caption>
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="border-b border-slate-200 bg-slate-50 px-2 py-1.5">
                Channel
              </th>
              <th scope="col" className="border-b border-slate-200 bg-slate-50 px-2 py-1.5">
                Source
              </th>
              {months.map((m) => (
                <th key={m} scope="col" className="border-b border-slate-200 bg-slate-50 px-2 py-1.5 text-right">
                  {monthLabel(m)}
                </th>
              ))}
              <th scope="col" className="border-b border-slate-200 bg-slate-50 px-2 py-1.5 text-right">
                Total
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={months.length + 3} className="px-3 py-8 text-center text-slate-600">
                  No spend recorded in these months{canEdit ? ": add a channel below, or import a CSV." : "."}
                </td>
              </tr>
            ) : null}
            {rows.map((r) => (
              <tr key={rowKey(r.channel, r.source)}>
                <th scope="row" className="whitespace-nowrap px-2 py-1 text-left font-medium">
                  {r.channel}
                </th>
                <td className="whitespace-nowrap px-2 py-1 text-slate-600">{r.source || <span className="text-slate-400">(none)</span>}</td>
                {months.map((m) => {
                  const k = keyOf(m, r.channel, r.source);
                  const s = stored.get(k);
                  const label = `${r.channel} / ${r.source || "no source"}, ${monthLabel(m)}`;
                  if (!canEdit) {
                    return (
                      <td key={m} className="px-2 py-1 text-right tabular-nums">
                        {s ? formatCurrency(s.amount, s.currency, 2) : <span className="text-slate-300">—</span>}
                      </td>
                    );
                  }
                  const v = textOf(k);
                  const bad = v.trim() !== "" && !AMOUNT.test(v);
                  const dirty = edits.has(k) && changed.some(([x]) => x === k);
                  return (
                    <td key={m} className="px-1 py-0.5">
                      <input
                        aria-label={label}
                        inputMode="decimal"
                        value={v}
                        aria-invalid={bad || undefined}
                        onChange={(e) => setEdits(new Map(edits).set(k, e.target.value))}
                        onKeyDown={(e) => {
                          if (e.key === "Enter" && changed.length && !invalid.length) save();
                        }}
                        className={`w-28 rounded border px-2 py-1 text-right tabular-nums ${bad ? "border-red-500 bg-red-50" : dirty ? "border-amber-400 bg-amber-50" : "border-slate-200"}`}
                      />
                      {s && s.currency !== currency ? <div className="text-right text-[11px] text-amber-700">in {s.currency}</div> : null}
                    </td>
                  );
                })}
                <td className="px-2 py-1 text-right font-medium tabular-nums">{formatCurrency(total((c) => c.channel === r.channel && c.source === r.source), currency)}</td>
              </tr>
            ))}
          </tbody>
          {rows.length ? (
            <tfoot>
              <tr className="border-t border-slate-200 font-medium">
                <th scope="row" colSpan={2} className="px-2 py-1.5 text-left">
                  All channels
                </th>
                {months.map((m) => (
                  <td key={m} className="px-2 py-1.5 text-right tabular-nums">
                    {formatCurrency(total((c) => c.month === m), currency)}
                  </td>
                ))}
                <td className="px-2 py-1.5 text-right tabular-nums">{formatCurrency(total(() => true), currency)}</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {canEdit ? (
        <div className="flex flex-wrap items-end justify-between gap-3">
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const source = newRow.source.trim();
              if (!rows.some((r) => r.channel === newRow.channel && r.source === source)) setAdded([...added, { channel: newRow.channel, source }]);
              setNewRow({ ...newRow, source: "" });
            }}
          >
            <label className="flex flex-col text-xs font-medium text-slate-600">
              Channel
              <select value={newRow.channel} onChange={(e) => setNewRow({ ...newRow, channel: e.target.value })} className="mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm">
                {channels.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </label>
            <label className="flex flex-col text-xs font-medium text-slate-600">
              Source (optional)
              <input value={newRow.source} maxLength={100} onChange={(e) => setNewRow({ ...newRow, source: e.target.value })} placeholder="e.g. google" className="mt-1 w-40 rounded-md border border-slate-300 px-2 py-1 text-sm" />
            </label>
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
              Add row
            </button>
          </form>
          <div className="flex items-center gap-3">
            <p role="status" className={`text-sm ${message ? (message.ok ? "text-emerald-700" : "text-red-700") : "text-slate-600"}`}>
              {message ? message.text : invalid.length ? "Amounts are numbers ≥ 0 with at most two decimals." : changed.length ? `${changed.length} unsaved change${changed.length === 1 ? "" : "s"}` : "No unsaved changes"}
            </p>
            <button type="button" disabled={pending || changed.length === 0 || invalid.length > 0} onClick={save} className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
              {pending ? "Saving…" : "Save changes"}
            </button>
          </div>
        </div>
      ) : (
        <p className="text-sm text-slate-600">Your role reads spend; marketing and admins edit it.</p>
      )}
    </div>
  );
}
