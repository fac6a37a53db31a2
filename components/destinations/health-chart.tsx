"use client";
// A destination's health: attempts per hour over the last 24 h, succeeded vs failed, with the data as a table.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTable } from "@/components/charts/chart-table";

export interface HealthPointView {
  hour: string;
  succeeded: number;
  failed: number;
  p50LatencyMs: number | null;
}

const int = new Intl.NumberFormat("en-US");
const label = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;

export function HealthChart({ points }: { points: HealthPointView[] }) {
  const data = points.map((p) => ({ ...p, label: label(p.hour) }));
  const empty = points.every((p) => p.succeeded === 0 && p.failed === 0);
  return (
    <div className="space-y-3">
      <figure aria-label="Delivery attempts per hour over the last 24 hours, succeeded and failed (UTC)" className="relative h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={44} />
            <Tooltip formatter={(v) => int.format(Number(v))} labelFormatter={(l) => `${l} UTC`} />
            <Legend />
            <Bar dataKey="succeeded" name="Succeeded" stackId="a" fill="#16a34a" isAnimationActive={false} />
            <Bar dataKey="failed" name="Failed" stackId="a" fill="#dc2626" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
        {empty ? <p className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-slate-500">No attempts in the last 24 hours.</p> : null}
      </figure>
      <ChartTable
        caption="Delivery attempts per hour (UTC)"
        rows={data}
        rowKey={(p) => p.hour}
        columns={[
          { label: "Hour (UTC)", value: (p) => p.label },
          { label: "Succeeded", numeric: true, value: (p) => int.format(p.succeeded) },
          { label: "Failed", numeric: true, value: (p) => int.format(p.failed) },
          { label: "Median latency", numeric: true, value: (p) => (p.p50LatencyMs === null ? "—" : `${int.format(p.p50LatencyMs)} ms`) },
        ]}
      />
    </div>
  );
}
