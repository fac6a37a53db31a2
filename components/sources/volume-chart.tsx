"use client";
// A source's volume: accepted events, rejected messages and suppressed messages (dropped: a deleted or
// suppressed person's) per bucket, last 24 h by hour or last
// 7 days by 6 hours or by day (UTC), with the totals of the window and the data as a table.
import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTable } from "@/components/charts/chart-table";
import { bucketLabel, VOLUME_RANGE_KEYS, VOLUME_RANGES, volumeTotals, type VolumePoint, type VolumeRange } from "@/lib/sources/volume";

const int = new Intl.NumberFormat("en-US");

export function VolumeChart({ series }: { series: Record<VolumeRange, VolumePoint[]> }) {
  const [range, setRange] = useState<VolumeRange>("24h");
  const name = useId();
  const points = series[range];
  const data = points.map((p) => ({ ...p, label: bucketLabel(p.start, range) }));
  const totals = volumeTotals(points);
  const empty = totals.accepted === 0 && totals.rejected === 0 && totals.suppressed === 0;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <fieldset className="flex flex-wrap gap-1 rounded-md bg-slate-100 p-1">
          <legend className="sr-only">Period</legend>
          {VOLUME_RANGE_KEYS.map((key) => (
            <label
              key={key}
              className={`cursor-pointer rounded px-3 py-1 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500 ${
                range === key ? "bg-white font-medium shadow-sm" : "text-slate-600 hover:text-slate-900"
              }`}
            >
              <input type="radio" name={name} value={key} checked={range === key} onChange={() => setRange(key)} className="sr-only" />
              {VOLUME_RANGES[key].label}
            </label>
          ))}
        </fieldset>
        <p className="text-sm text-slate-600">
          <span className="font-medium text-slate-900">{int.format(totals.accepted)}</span> accepted ·{" "}
          <span className={`font-medium ${totals.rejected ? "text-red-700" : "text-slate-900"}`}>{int.format(totals.rejected)}</span> rejected
          {totals.suppressed ? (
            <>
              {" "}
              · <span className="font-medium text-slate-900">{int.format(totals.suppressed)}</span> suppressed
            </>
          ) : null}
          <span className="sr-only"> in the {VOLUME_RANGES[range].description.toLowerCase()}</span>
        </p>
      </div>
      <figure aria-label={`${VOLUME_RANGES[range].description}: accepted events and rejected messages (UTC)`} className="relative h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={44} tickFormatter={(v: number) => int.format(v)} />
            <Tooltip formatter={(v) => int.format(Number(v))} labelFormatter={(l) => `${l} UTC`} />
            <Legend />
            <Bar dataKey="accepted" name="Accepted" stackId="v" fill="#2f6fed" isAnimationActive={false} />
            <Bar dataKey="rejected" name="Rejected" stackId="v" fill="#dc2626" isAnimationActive={false} />
            <Bar dataKey="suppressed" name="Suppressed" stackId="v" fill="#64748b" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
        {empty ? (
          <p className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-slate-500">Nothing received in this period.</p>
        ) : null}
      </figure>
      <ChartTable
        caption={VOLUME_RANGES[range].description}
        rows={data}
        rowKey={(p) => p.start}
        columns={[
          { label: "From (UTC)", value: (p) => bucketLabel(p.start, range === "24h" ? "7d-6h" : range) },
          { label: "Accepted", numeric: true, value: (p) => int.format(p.accepted) },
          { label: "Rejected", numeric: true, value: (p) => int.format(p.rejected) },
          { label: "Suppressed", numeric: true, value: (p) => int.format(p.suppressed) },
        ]}
      />
    </div>
  );
}
