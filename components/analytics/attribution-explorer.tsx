"use client";
// The Attribution page: which channels (or campaigns) get the credit for conversions under five
// models side by side, with the all-time first touch beside them; a chart and the same numbers as a
// table; a comparison of any two models; optionally only a saved audience's members. The form is
// kept in the address and runs on load and on "Attribute".
import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { filterControl } from "@/components/data-table/filters";
import {
  ATTRIBUTION_COLUMNS,
  compareColumns,
  MAX_LOOKBACK_DAYS,
  MODEL_DEFINITIONS,
  MODEL_LABELS,
  type AttributionColumn,
  type AttributionResult,
} from "@/lib/analytics/attribution";
import { daysToRange } from "@/lib/analytics/request";
import type { AttributionView } from "@/lib/analytics/views";
import { formatInt, formatMoney } from "@/lib/format";
import { DayRange, Definitions, Field, resultOf, RunStatus, SettingsForm, tableClass, tdClass, thClass } from "./report-parts";
import { useReport } from "./use-report";

type Result = AttributionResult & {
  conversion: { event: string | null; revenue: boolean; fromLifecycleSetting: boolean };
  from: string;
  to: string;
  lookbackDays: number;
  count: "first" | "every";
  audience: { id: string; name: string; evaluatedAt: string } | null;
};

const requestOf = (v: AttributionView) => ({
  conversionEvent: v.event || null,
  ...daysToRange(v.from, v.to),
  lookbackDays: v.lookback,
  dimension: v.dimension,
  count: v.count,
  audienceId: v.audience || null,
});

const COLORS: Record<AttributionColumn, string> = {
  firstTouch: "#2f6fed",
  lastNonDirect: "#14b8a6",
  linear: "#f59e0b",
  timeDecay: "#a855f7",
  uShaped: "#ef4444",
  allTimeFirstTouch: "#64748b",
};

/** Whole credits as integers, fractional ones (multi-touch models) to two decimals. */
const credit = (n: number) => (Math.abs(n - Math.round(n)) < 1e-9 ? formatInt(Math.round(n)) : n.toFixed(2));
const money = (n: number) => formatMoney(n);
const signed = (n: number, f: (x: number) => string) => (Math.abs(n) < 0.005 ? "±0" : `${n > 0 ? "+" : "−"}${f(Math.abs(n))}`);

export function AttributionExplorer({
  initial,
  defaults,
  suggestions,
  audiences,
  lifecycleLabel,
}: {
  initial: AttributionView;
  defaults: AttributionView;
  suggestions: string[];
  audiences: { id: string; name: string }[];
  lifecycleLabel: string;
}) {
  const [view, setView] = useState(initial);
  const [conversionKind, setConversionKind] = useState<"lifecycle" | "event">(initial.event ? "event" : "lifecycle");
  // Loading from the start: the report runs as soon as the page is shown.
  const { state, submit } = useReport<AttributionView, Result>("/api/v1/analytics/attribution", initial, defaults, requestOf);
  const [compare, setCompare] = useState<[AttributionColumn, AttributionColumn]>(["firstTouch", "lastNonDirect"]);
  const listId = useId();
  const set = <K extends keyof AttributionView>(k: K, v: AttributionView[K]) => setView((x) => ({ ...x, [k]: v }));

  const result = resultOf(state);
  const metric = view.metric;
  const value = (c: { conversions: number; revenue: number }) => (metric === "revenue" ? c.revenue : c.conversions);
  const chart = result?.rows.map((r) => ({ key: r.key, ...Object.fromEntries(ATTRIBUTION_COLUMNS.map((m) => [m, Math.round(value(r.credits[m]) * 100) / 100])) })) ?? [];
  const keyLabel = result?.dimension === "campaign" ? "Campaign" : "Channel";
  const conversionName = result ? (result.conversion.fromLifecycleSetting ? `Became a customer (${lifecycleLabel})` : `“${result.conversion.event}”`) : "";

  return (
    <div className="space-y-5">
      <SettingsForm
        label="Attribution settings"
        submitLabel="Attribute"
        running={state.status === "loading"}
        onSubmit={() => {
          const v = { ...view, event: conversionKind === "lifecycle" ? "" : view.event };
          setView(v);
          submit(v);
        }}
      >
        <Field label="Conversion">
          <select value={conversionKind} onChange={(e) => setConversionKind(e.target.value as "lifecycle" | "event")} className={filterControl}>
            <option value="lifecycle">Became a customer</option>
            <option value="event">An event…</option>
          </select>
        </Field>
        {conversionKind === "event" ? (
          <Field label="Conversion event">
            <input required value={view.event} list={listId} onChange={(e) => set("event", e.target.value)} className={`${filterControl} w-52`} />
            <datalist id={listId}>
              {suggestions.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          </Field>
        ) : null}
        <DayRange from={view.from} to={view.to} onChange={(from, to) => setView((x) => ({ ...x, from, to }))} />
        <Field label="Lookback (days)">
          <input type="number" min={1} max={MAX_LOOKBACK_DAYS} required value={view.lookback} onChange={(e) => set("lookback", Number(e.target.value))} className={`${filterControl} w-24`} />
        </Field>
        <Field label="Credit">
          <select value={view.dimension} onChange={(e) => set("dimension", e.target.value as AttributionView["dimension"])} className={filterControl}>
            <option value="channel">Channels</option>
            <option value="campaign">Campaigns</option>
          </select>
        </Field>
        <Field label="Count">
          <select value={view.count} onChange={(e) => set("count", e.target.value as AttributionView["count"])} className={filterControl}>
            <option value="first">Each person’s first conversion</option>
            <option value="every">Every conversion</option>
          </select>
        </Field>
        <Field label="People">
          <select value={view.audience} onChange={(e) => set("audience", e.target.value)} className={`${filterControl} max-w-56`}>
            <option value="">Everyone</option>
            {audiences.map((a) => (
              <option key={a.id} value={a.id}>
                Audience: {a.name}
              </option>
            ))}
          </select>
        </Field>
      </SettingsForm>

      <RunStatus state={state} what="attribution" />

      {result ? (
        <div className={`space-y-5 ${state.status === "loading" ? "opacity-60" : ""}`} aria-busy={state.status === "loading" || undefined}>
          <dl className="grid gap-3 sm:grid-cols-4">
            {[
              ["Conversions", formatInt(result.totals.conversions), `${conversionName}, ${result.count === "first" ? "each person’s first" : "every one"}, in the range.`],
              ["Revenue", money(result.totals.revenue), "The conversion events’ own revenue."],
              ["Converting people", formatInt(result.totals.people), result.audience ? `Members of “${result.audience.name}” only.` : "Resolved people."],
              ["With a touch", formatInt(result.totals.withTouches), `Conversions with a session in the ${result.lookbackDays} days before; ${formatInt(result.totals.touches)} touches in all.`],
            ].map(([label, number, hint]) => (
              <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
                <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`attribution-${label!.toLowerCase().replace(/ /g, "-")}`}>
                  {number}
                </dd>
                <dd className="mt-1 text-xs text-slate-500">{hint}</dd>
              </div>
            ))}
          </dl>

          {result.totals.conversions === 0 ? (
            <section className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
              <p className="font-medium text-slate-900">No conversions in this range{result.audience ? " among the audience’s members" : ""}.</p>
              <p className="mt-1">Widen the dates, choose another conversion event, or check the lifecycle setting under Settings.</p>
            </section>
          ) : (
            <>
              <section aria-labelledby="attr-chart" className="rounded-lg border border-slate-200 bg-white p-4">
                <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                  <h2 id="attr-chart" className="font-semibold">
                    {metric === "revenue" ? "Revenue" : "Conversions"} credited by {keyLabel.toLowerCase()}, per model
                  </h2>
                  <fieldset className="flex gap-1 rounded-md bg-slate-100 p-1 text-sm">
                    <legend className="sr-only">Measure</legend>
                    {(["conversions", "revenue"] as const).map((m) => (
                      <label key={m} className={`cursor-pointer rounded px-3 py-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500 ${metric === m ? "bg-white font-medium shadow-sm" : "text-slate-600"}`}>
                        <input type="radio" name="metric" value={m} checked={metric === m} onChange={() => set("metric", m)} className="sr-only" />
                        {m === "revenue" ? "Revenue" : "Conversions"}
                      </label>
                    ))}
                  </fieldset>
                </div>
                <figure aria-label={`${metric === "revenue" ? "Revenue" : "Conversions"} credited to each ${keyLabel.toLowerCase()} under each model`} style={{ height: Math.max(260, chart.length * 64) }}>
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={chart} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
                      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
                      <XAxis type="number" tick={{ fontSize: 11 }} tickFormatter={(v: number) => (metric === "revenue" ? money(v) : formatInt(v))} />
                      <YAxis type="category" dataKey="key" width={140} tick={{ fontSize: 11 }} />
                      <Tooltip formatter={(v, name) => [metric === "revenue" ? money(Number(v)) : credit(Number(v)), name]} />
                      <Legend />
                      {ATTRIBUTION_COLUMNS.map((m) => (
                        <Bar key={m} dataKey={m} name={MODEL_LABELS[m]} fill={COLORS[m]} isAnimationActive={false} />
                      ))}
                    </BarChart>
                  </ResponsiveContainer>
                </figure>
              </section>

              <section aria-labelledby="attr-table" className="rounded-lg border border-slate-200 bg-white p-4">
                <h2 id="attr-table" className="mb-2 font-semibold">
                  Credit by model (conversions · revenue)
                </h2>
                <div className="overflow-x-auto">
                  <table className={tableClass} aria-labelledby="attr-table">
                    <thead>
                      <tr>
                        <th scope="col" className={thClass}>{keyLabel}</th>
                        {ATTRIBUTION_COLUMNS.map((m) => (
                          <th key={m} scope="col" className={`${thClass} text-right ${m === "allTimeFirstTouch" ? "border-l border-slate-200" : ""}`} title={MODEL_DEFINITIONS[m]}>
                            {MODEL_LABELS[m]}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {result.rows.map((r) => (
                        <tr key={r.key} data-testid="attribution-row">
                          <th scope="row" className={`${tdClass} text-left font-medium`}>
                            {r.key}
                          </th>
                          {ATTRIBUTION_COLUMNS.map((m) => (
                            <td key={m} className={`${tdClass} text-right tabular-nums ${m === "allTimeFirstTouch" ? "border-l border-slate-200 text-slate-600" : ""}`} data-column={m}>
                              <span className="block">{credit(r.credits[m].conversions)}</span>
                              <span className="block text-xs text-slate-500">{money(r.credits[m].revenue)}</span>
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr className="border-t border-slate-300 font-medium">
                        <th scope="row" className={`${tdClass} text-left`}>
                          Total
                        </th>
                        {ATTRIBUTION_COLUMNS.map((m) => (
                          <td key={m} className={`${tdClass} text-right tabular-nums ${m === "allTimeFirstTouch" ? "border-l border-slate-200" : ""}`}>
                            <span className="block">{formatInt(result.totals.conversions)}</span>
                            <span className="block text-xs text-slate-500">{money(result.totals.revenue)}</span>
                          </td>
                        ))}
                      </tr>
                    </tfoot>
                  </table>
                </div>
                <p className="mt-2 text-xs text-slate-500">Every model hands out each conversion (and its revenue) once in all, so each column adds up to the total. The all-time first touch ignores the lookback window.</p>
              </section>

              <section aria-labelledby="attr-compare" className="rounded-lg border border-slate-200 bg-white p-4">
                <h2 id="attr-compare" className="mb-2 font-semibold">
                  Compare two models
                </h2>
                <div className="mb-3 flex flex-wrap items-end gap-3">
                  {(["Model A", "Model B"] as const).map((label, i) => (
                    <Field key={label} label={label}>
                      <select value={compare[i]} onChange={(e) => setCompare((c) => (i === 0 ? [e.target.value as AttributionColumn, c[1]] : [c[0], e.target.value as AttributionColumn]))} className={filterControl}>
                        {ATTRIBUTION_COLUMNS.map((m) => (
                          <option key={m} value={m}>
                            {MODEL_LABELS[m]}
                          </option>
                        ))}
                      </select>
                    </Field>
                  ))}
                </div>
                <table className={tableClass} aria-label={`${MODEL_LABELS[compare[0]]} compared with ${MODEL_LABELS[compare[1]]}`}>
                  <thead>
                    <tr>
                      <th scope="col" className={thClass}>{keyLabel}</th>
                      <th scope="col" className={`${thClass} text-right`}>{MODEL_LABELS[compare[0]]}</th>
                      <th scope="col" className={`${thClass} text-right`}>{MODEL_LABELS[compare[1]]}</th>
                      <th scope="col" className={`${thClass} text-right`}>Change in conversions</th>
                      <th scope="col" className={`${thClass} text-right`}>Change in revenue</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {compareColumns(result, compare[0], compare[1]).map((d) => (
                      <tr key={d.key} data-testid="compare-row">
                        <th scope="row" className={`${tdClass} text-left font-medium`}>
                          {d.key}
                        </th>
                        <td className={`${tdClass} text-right tabular-nums`}>{credit(d.a)}</td>
                        <td className={`${tdClass} text-right tabular-nums`}>{credit(d.b)}</td>
                        <td className={`${tdClass} text-right tabular-nums ${d.delta > 0.005 ? "text-emerald-700" : d.delta < -0.005 ? "text-red-700" : "text-slate-500"}`}>{signed(d.delta, credit)}</td>
                        <td className={`${tdClass} text-right tabular-nums text-slate-600`}>{signed(d.revenueDelta, money)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="mt-2 text-xs text-slate-500">
                  Change = {MODEL_LABELS[compare[1]]} − {MODEL_LABELS[compare[0]]}: what a {keyLabel.toLowerCase()} gains or loses when you switch models. Largest changes first.
                </p>
              </section>
            </>
          )}

          <Definitions
            items={[
              ["Conversion", `${conversionName}: a track event (not from a CRM source); ${result.count === "first" ? "each person’s first one ever, counted when it falls in the range" : "every one in the range"}. Its revenue is that event’s revenue.`],
              ["Touch", `One of the person’s sessions (web or mobile visits split by 30 minutes of inactivity). Its channel and campaign are those of its first event; its time is its start.`],
              ["Lookback window", `A conversion’s touches are the sessions that started within the ${result.lookbackDays} days up to and including the moment of conversion — the session in which they converted counts; later sessions do not.`],
              ["(none)", "Conversions with no touch in the window (e.g. a server-side purchase long after the last visit) get all their credit here under every model."],
              ["(not set)", "A touch whose first event carried no campaign."],
              ...ATTRIBUTION_COLUMNS.map((m) => [MODEL_LABELS[m], MODEL_DEFINITIONS[m]] as [string, string]),
              ["People", "Resolved people: a person’s devices and merged profiles count as one, so anonymous visits before sign-up are their touches too."],
            ]}
          />
        </div>
      ) : null}
    </div>
  );
}
