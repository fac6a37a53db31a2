"use client";
// Hand-logged CRM interactions against collected CDP events per week: bars on the left axis, the event
// line on the right (two scales: a team logs dozens, the product collects thousands), with the data as
// a table for anyone who would rather read it.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { WeekActivity } from "@/lib/data/journeys";
import { ChartTable } from "@/components/charts/chart-table";

const int = new Intl.NumberFormat("en-US");
const short = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const label = (week: string) => short.format(new Date(`${week}T00:00:00Z`));

export function ActivityChart({ weeks }: { weeks: WeekActivity[] }) {
  const data = weeks.map((w) => ({ ...w, label: label(w.week) }));
  return (
    <div className="space-y-3">
      <figure aria-label="Hand-logged interactions and collected events per week (UTC weeks starting Monday)" className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={16} />
            <YAxis yAxisId="crm" allowDecimals={false} tick={{ fontSize: 11 }} width={40} tickFormatter={(v: number) => int.format(v)} />
            <YAxis yAxisId="cdp" orientation="right" allowDecimals={false} tick={{ fontSize: 11 }} width={56} tickFormatter={(v: number) => int.format(v)} />
            <Tooltip formatter={(v) => int.format(Number(v))} labelFormatter={(l) => `Week of ${l}`} />
            <Legend />
            <Bar yAxisId="crm" dataKey="interactions" name="Interactions logged (CRM, left axis)" fill="#4f46e5" isAnimationActive={false} />
            <Line yAxisId="cdp" dataKey="events" name="Events collected (CDP, right axis)" stroke="#047857" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <ChartTable
        caption="Interactions and events per week"
        rows={weeks}
        rowKey={(w) => w.week}
        columns={[
          { label: "Week of (UTC)", value: (w) => w.week },
          { label: "Interactions", numeric: true, value: (w) => int.format(w.interactions) },
          { label: "Events", numeric: true, value: (w) => int.format(w.events) },
        ]}
      />
    </div>
  );
}
