"use client";
// Hand-logged CRM interactions against collected CDP events per week: bars on the left axis, the event
// line on the right (two scales: a team logs dozens, the product collects thousands), with the data as
// a table for anyone who would rather read it.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { WeekActivity } from "@/lib/data/journeys";

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
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-700">Show as a table</summary>
        <div className="mt-2 max-h-72 overflow-auto rounded-md border border-slate-200">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Interactions and events per week</caption>
            <thead className="sticky top-0 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-1.5">Week of (UTC)</th>
                <th scope="col" className="px-3 py-1.5 text-right">Interactions</th>
                <th scope="col" className="px-3 py-1.5 text-right">Events</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {weeks.map((w) => (
                <tr key={w.week}>
                  <td className="px-3 py-1">{w.week}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{int.format(w.interactions)}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{int.format(w.events)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
