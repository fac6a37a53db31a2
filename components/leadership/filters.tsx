"use client";
// The dashboard's range and channel filter, kept in the URL: presets (last 3, 6, 12 months, year to
// date), a from/to month pair, and a channel picker. Changing anything re-renders the server page.
import { useState } from "react";
import { useUrlView } from "@/components/data-table/use-url-view";
import { addMonths, monthIndex } from "@/lib/metrics/months";

export function MetricFilters({ from, to, channels, allChannels, currentMonth }: { from: string; to: string; channels: string[] | null; allChannels: readonly string[]; currentMonth: string }) {
  const { pending, patch } = useUrlView();
  const [draft, setDraft] = useState({ from, to });
  const [seen, setSeen] = useState({ from, to });
  if (seen.from !== from || seen.to !== to) {
    setSeen({ from, to });
    setDraft({ from, to });
  }
  const presets: [string, string, string][] = [
    ["Last 3 months", addMonths(currentMonth, -2), currentMonth],
    ["Last 6 months", addMonths(currentMonth, -5), currentMonth],
    ["Last 12 months", addMonths(currentMonth, -11), currentMonth],
    ["Year to date", `${currentMonth.slice(0, 4)}-01`, currentMonth],
  ];
  const selected = new Set(channels ?? []);
  const valid = /^\d{4}-\d{2}$/.test(draft.from) && /^\d{4}-\d{2}$/.test(draft.to) && monthIndex(draft.from) <= monthIndex(draft.to) && monthIndex(draft.to) <= monthIndex(currentMonth);
  return (
    <div className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" aria-busy={pending || undefined}>
      <fieldset className="flex flex-wrap gap-1">
        <legend className="sr-only">Range presets</legend>
        {presets.map(([label, f, t]) => (
          <button
            key={label}
            type="button"
            aria-pressed={f === from && t === to}
            onClick={() => patch({ from: f, to: t })}
            className={`rounded-md px-2.5 py-1.5 text-sm ${f === from && t === to ? "bg-brand-600 font-medium text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
          >
            {label}
          </button>
        ))}
      </fieldset>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) patch({ from: draft.from, to: draft.to });
        }}
      >
        <label className="flex flex-col text-xs font-medium text-slate-600">
          From
          <input type="month" value={draft.from} max={currentMonth} onChange={(e) => setDraft({ ...draft, from: e.target.value })} className="mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm" />
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">
          To
          <input type="month" value={draft.to} max={currentMonth} onChange={(e) => setDraft({ ...draft, to: e.target.value })} className="mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm" />
        </label>
        <button type="submit" disabled={!valid || (draft.from === from && draft.to === to)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-50">
          Apply
        </button>
      </form>
      <details className="relative">
        <summary className="cursor-pointer list-none rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          Channels: {channels ? channels.join(", ") : "all"}
        </summary>
        <fieldset className="absolute left-0 z-20 mt-1 max-h-80 w-64 space-y-1 overflow-auto rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg">
          <legend className="sr-only">Channels</legend>
          <button type="button" className="mb-1 text-xs text-brand-700 hover:underline" onClick={() => patch({ channel: null })}>
            All channels
          </button>
          {allChannels.map((c) => (
            <label key={c} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={selected.has(c)}
                onChange={(e) => {
                  const next = new Set(selected);
                  if (e.target.checked) next.add(c);
                  else next.delete(c);
                  patch({ channel: next.size ? [...next].sort().join(",") : null });
                }}
              />
              {c}
            </label>
          ))}
        </fieldset>
      </details>
      {pending ? <p role="status" className="text-sm text-slate-500">Updating…</p> : null}
    </div>
  );
}
