"use client";
// The dashboard's two charts; each has a table beside it on the page (the data as numbers, with links).
// CAC by channel by month: one line per channel (a month without new customers has no point).
// MRR movements: new, expansion and reactivation above zero, contraction and churn below, MRR as a line.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { monthLabel } from "@/lib/metrics/months";

const COLORS = ["#2f6fed", "#14b8a6", "#f59e0b", "#8b5cf6", "#ef4444", "#64748b", "#ec4899", "#0ea5e9", "#84cc16"];

function money(currency: string) {
  const f = new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 0 });
  return (v: unknown) => (typeof v === "number" ? f.format(v) : String(v ?? "—"));
}

export function CacChart({ months, series, currency }: { months: string[]; series: { channel: string; cac: (number | null)[] }[]; currency: string }) {
  const data = months.map((m, i) => ({ month: monthLabel(m), ...Object.fromEntries(series.map((s) => [s.channel, s.cac[i]])) }));
  const fmt = money(currency);
  return (
    <figure aria-label="CAC by channel and month" className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={(v: number) => fmt(v)} tick={{ fontSize: 12 }} width={72} />
          <Tooltip formatter={(v) => fmt(v)} />
          <Legend />
          {series.map((s, i) => (
            <Line key={s.channel} dataKey={s.channel} name={s.channel} stroke={COLORS[i % COLORS.length]} strokeWidth={2} connectNulls={false} isAnimationActive={false} dot />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export interface MovementPoint {
  month: string;
  partial: boolean;
  mrr: number;
  new: number;
  expansion: number;
  reactivation: number;
  contraction: number;
  churn: number;
}

export function MovementsChart({ points, currency }: { points: MovementPoint[]; currency: string }) {
  const fmt = money(currency);
  const data = points.map((p) => ({ ...p, label: `${monthLabel(p.month)}${p.partial ? "*" : ""}`, contraction: -p.contraction, churn: -p.churn }));
  return (
    <figure aria-label="MRR movements by month" className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} stackOffset="sign" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="moves" tickFormatter={(v: number) => fmt(v)} tick={{ fontSize: 12 }} width={72} />
          <YAxis yAxisId="mrr" orientation="right" tickFormatter={(v: number) => fmt(v)} tick={{ fontSize: 12 }} width={72} />
          <Tooltip formatter={(v) => fmt(v)} />
          <Legend />
          <ReferenceLine yAxisId="moves" y={0} stroke="#94a3b8" />
          <Bar yAxisId="moves" dataKey="new" name="New" stackId="m" fill="#2f6fed" isAnimationActive={false} />
          <Bar yAxisId="moves" dataKey="expansion" name="Expansion" stackId="m" fill="#14b8a6" isAnimationActive={false} />
          <Bar yAxisId="moves" dataKey="reactivation" name="Reactivation" stackId="m" fill="#8b5cf6" isAnimationActive={false} />
          <Bar yAxisId="moves" dataKey="contraction" name="Contraction" stackId="m" fill="#f59e0b" isAnimationActive={false} />
          <Bar yAxisId="moves" dataKey="churn" name="Churn" stackId="m" fill="#ef4444" isAnimationActive={false} />
          <Line yAxisId="mrr" dataKey="mrr" name="MRR" stroke="#0f172a" strokeWidth={2} dot isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
