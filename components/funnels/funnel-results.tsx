"use client";
// A funnel's answer: the funnel chart with its step table (people, conversion, median and p90 time,
// and the people who converted or dropped off), the breakdown, the time-to-convert histogram and the
// weekly trend — every chart with a table, every number with its definition.
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ComposedChart, LabelList, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { FunnelRequestInput, FunnelResponse, FunnelResult, StepResult } from "@/lib/analytics/funnel-definition";
import { binLabel, formatDuration, formatPercent } from "@/lib/analytics/funnel-format";
import { formatInt } from "@/lib/format";
import { PeoplePanel, type PeopleQuery } from "./people-panel";
import { eventLabel } from "./clause-editor";

/** What every number means (also the "How is this computed" section). */
export const DEFINITIONS = {
  people: "People whose best attempt reached this step. A person is a resolved profile: anonymous visits before sign-up count for the person who signed up.",
  fromPrevious: "People at this step ÷ people at the previous step.",
  fromFirst: "People at this step ÷ people who entered (step 1).",
  median: "Median time from the previous step to this one, over the people who reached it (their best attempt).",
  p90: "90th percentile of the time from the previous step: 9 in 10 people took at most this long.",
  dropped: "People whose best attempt reached the previous step but not this one.",
  entered: "People with an attempt starting (step 1) that week (Monday, UTC).",
  converted: "Of those, people who reached the last step in an attempt starting that week.",
  ttc: "People who reached the last step, by the time from their step 1 to the last step.",
};

const th = "px-3 py-2 text-left font-medium";
const td = "px-3 py-1.5";
const num = "px-3 py-1.5 text-right tabular-nums";

function Th({ children, title, right }: { children: React.ReactNode; title?: string; right?: boolean }) {
  return (
    <th scope="col" className={`${th} ${right ? "text-right" : ""}`} title={title}>
      {title ? <span className="cursor-help underline decoration-dotted underline-offset-2">{children}</span> : children}
    </th>
  );
}

function TableToggle({ children, label = "Show as a table" }: { children: React.ReactNode; label?: string }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-slate-600">{label}</summary>
      <div className="mt-2 max-h-80 overflow-auto rounded-md border border-slate-200">{children}</div>
    </details>
  );
}

function StepChart({ steps }: { steps: StepResult[] }) {
  const data = steps.map((s, i) => ({
    name: `${i + 1}. ${eventLabel(s.event)}`,
    people: s.people,
    dropped: i === 0 ? 0 : Math.max(0, steps[i - 1]!.people - s.people),
    label: i === 0 ? formatInt(s.people) : formatPercent(s.conversionFromFirst),
  }));
  return (
    <figure aria-label="Funnel chart: people at each step, and who dropped off before it" className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 20, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={48} tickFormatter={(v: number) => formatInt(v)} />
          <Tooltip formatter={(v) => formatInt(Number(v))} />
          <Legend />
          <Bar dataKey="people" name="Reached the step" stackId="f" fill="#2f6fed" isAnimationActive={false}>
            <LabelList dataKey="label" position="insideTop" fill="#fff" fontSize={11} />
          </Bar>
          <Bar dataKey="dropped" name="Dropped off before it" stackId="f" fill="#cbd5e1" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function StepsTable({ steps, onPeople }: { steps: StepResult[]; onPeople(step: number, outcome: "converted" | "dropped"): void }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="funnel-steps">
        <caption className="sr-only">Funnel steps: people, conversion and time between steps</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <Th>Step</Th>
            <Th right title={DEFINITIONS.people}>People</Th>
            <Th right title={DEFINITIONS.fromPrevious}>From previous</Th>
            <Th right title={DEFINITIONS.fromFirst}>From step 1</Th>
            <Th right title={DEFINITIONS.median}>Median time</Th>
            <Th right title={DEFINITIONS.p90}>p90 time</Th>
            <Th title={DEFINITIONS.dropped}>People</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {steps.map((s, i) => {
            const dropped = i === 0 ? 0 : steps[i - 1]!.people - s.people;
            return (
              <tr key={i}>
                <th scope="row" className={`${td} text-left font-medium`}>
                  {i + 1}. {eventLabel(s.event)}
                </th>
                <td className={num}>{formatInt(s.people)}</td>
                <td className={num}>{i === 0 ? "—" : formatPercent(s.conversionFromPrevious)}</td>
                <td className={num}>{formatPercent(s.conversionFromFirst)}</td>
                <td className={num}>{formatDuration(s.medianSecondsFromPrevious)}</td>
                <td className={num}>{formatDuration(s.p90SecondsFromPrevious)}</td>
                <td className={`${td} whitespace-nowrap`}>
                  <button type="button" className="mr-2 text-brand-700 underline-offset-2 hover:underline disabled:text-slate-400" disabled={s.people === 0} onClick={() => onPeople(i + 1, "converted")}>
                    Converted ({formatInt(s.people)})
                  </button>
                  {i > 0 ? (
                    <button type="button" className="text-brand-700 underline-offset-2 hover:underline disabled:text-slate-400" disabled={dropped === 0} onClick={() => onPeople(i + 1, "dropped")}>
                      Dropped off ({formatInt(dropped)})
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Breakdown({ result, label, onPeople }: { result: FunnelResult; label: string; onPeople(step: number, outcome: "converted" | "dropped", value: string): void }) {
  const k = result.steps.length;
  const data = result.breakdowns.map((b) => ({ value: b.value, conversion: Math.round((b.steps[k - 1]?.conversionFromFirst ?? 0) * 1000) / 10, entered: b.steps[0]?.people ?? 0 }));
  return (
    <section aria-labelledby="breakdown-heading" className="space-y-3">
      <h3 id="breakdown-heading" className="font-medium">
        By {label}
      </h3>
      <figure aria-label={`Conversion from step 1 to the last step by ${label}`} style={{ height: Math.max(120, data.length * 28 + 40) }} className="w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 0, right: 40, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
            <XAxis type="number" unit="%" tick={{ fontSize: 11 }} domain={[0, 100]} />
            <YAxis type="category" dataKey="value" width={140} tick={{ fontSize: 11 }} />
            <Tooltip formatter={(v) => `${v}%`} />
            <Bar dataKey="conversion" name="Converted from step 1" fill="#2f6fed" isAnimationActive={false}>
              <LabelList dataKey="conversion" position="right" formatter={(v) => `${v}%`} fontSize={11} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="funnel-breakdown">
          <caption className="sr-only">People at each step by {label}</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <Th>{label}</Th>
              {result.steps.map((s, i) => (
                <Th key={i} right title={i === 0 ? DEFINITIONS.people : `${DEFINITIONS.people} Below: ${DEFINITIONS.fromFirst}`}>
                  {i + 1}. {eventLabel(s.event)}
                </Th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {result.breakdowns.map((b) => (
              <tr key={b.value}>
                <th scope="row" className={`${td} text-left font-medium`}>
                  {b.value}
                </th>
                {b.steps.map((s, i) => (
                  <td key={i} className={num}>
                    <button type="button" className="text-brand-700 underline-offset-2 hover:underline disabled:text-slate-400" disabled={s.people === 0} onClick={() => onPeople(i + 1, "converted", b.value)} aria-label={`${formatInt(s.people)} people of ${b.value} reached step ${i + 1}`}>
                      {formatInt(s.people)}
                    </button>
                    {i > 0 ? <span className="block text-xs text-slate-500">{formatPercent(s.conversionFromFirst)}</span> : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function TimeToConvert({ result }: { result: FunnelResult }) {
  const data = result.timeToConvert.map((b) => ({ label: binLabel(b), people: b.people }));
  const total = data.reduce((n, b) => n + b.people, 0);
  return (
    <section aria-labelledby="ttc-heading">
      <h3 id="ttc-heading" className="font-medium" title={DEFINITIONS.ttc}>
        Time to convert <span className="text-sm font-normal text-slate-500">(step 1 → last step, {formatInt(total)} people)</span>
      </h3>
      <p className="text-sm text-slate-600">{DEFINITIONS.ttc}</p>
      <figure aria-label="Time to convert histogram" className="mt-2 h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} angle={-20} textAnchor="end" height={48} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={44} />
            <Tooltip formatter={(v) => formatInt(Number(v))} />
            <Bar dataKey="people" name="People" fill="#0f766e" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <TableToggle>
        <table className="min-w-full text-sm">
          <caption className="sr-only">Time to convert</caption>
          <thead className="sticky top-0 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <Th>Time from step 1 to the last step</Th>
              <Th right>People</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data.map((b) => (
              <tr key={b.label}>
                <td className={td}>{b.label}</td>
                <td className={num}>{formatInt(b.people)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableToggle>
    </section>
  );
}

function Trend({ result }: { result: FunnelResult }) {
  const data = result.trend.map((t) => ({ ...t, rate: t.entered ? Math.round((t.converted / t.entered) * 1000) / 10 : null }));
  return (
    <section aria-labelledby="trend-heading">
      <h3 id="trend-heading" className="font-medium">
        Weekly trend
      </h3>
      <p className="text-sm text-slate-600">
        {DEFINITIONS.entered} {DEFINITIONS.converted}
      </p>
      <figure aria-label="Weekly trend: people entering and the share who converted" className="mt-2 h-60 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="week" tick={{ fontSize: 11 }} />
            <YAxis yAxisId="people" allowDecimals={false} tick={{ fontSize: 11 }} width={44} />
            <YAxis yAxisId="rate" orientation="right" unit="%" domain={[0, 100]} tick={{ fontSize: 11 }} width={44} />
            <Tooltip />
            <Legend />
            <Bar yAxisId="people" dataKey="entered" name="Entered" fill="#93c5fd" isAnimationActive={false} />
            <Line yAxisId="rate" dataKey="rate" name="Converted (%)" stroke="#1f58d0" strokeWidth={2} connectNulls isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <TableToggle>
        <table className="min-w-full text-sm">
          <caption className="sr-only">Weekly trend</caption>
          <thead className="sticky top-0 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <Th>Week of (UTC)</Th>
              <Th right title={DEFINITIONS.entered}>Entered</Th>
              <Th right title={DEFINITIONS.converted}>Converted</Th>
              <Th right>Rate</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {result.trend.map((t) => (
              <tr key={t.week}>
                <td className={td}>{t.week}</td>
                <td className={num}>{formatInt(t.entered)}</td>
                <td className={num}>{formatInt(t.converted)}</td>
                <td className={num}>{t.entered ? formatPercent(t.converted / t.entered) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableToggle>
    </section>
  );
}

export function FunnelResults({ result, request, breakdownLabel }: { result: FunnelResponse; request: FunnelRequestInput; breakdownLabel: string | null }) {
  const [people, setPeople] = useState<PeopleQuery | null>(null);
  const k = result.steps.length;
  const entered = result.steps[0]?.people ?? 0;
  const converted = result.steps[k - 1]?.people ?? 0;
  const open = (step: number, outcome: "converted" | "dropped", breakdownValue?: string) => setPeople({ step, outcome, breakdownValue, stepLabel: eventLabel(result.steps[step - 1]!.event) });

  if (entered === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600" data-testid="funnel-empty">
        Nobody{result.audience ? ` in the audience “${result.audience.name}”` : ""} did step 1 ({eventLabel(result.steps[0]!.event)}) in this date range. Widen the range{result.audience ? ", choose everyone" : ""}, or check the event name against the catalog.
      </p>
    );
  }
  return (
    <div className="space-y-8">
      <section aria-labelledby="summary-heading" className="space-y-3">
        <h2 id="summary-heading" className="sr-only">
          Funnel
        </h2>
        {result.audience ? (
          <p className="text-sm text-slate-600" data-testid="funnel-audience">
            Only the members of the audience “{result.audience.name}” (as of {result.audience.evaluatedAt.slice(0, 16).replace("T", " ")} UTC).
          </p>
        ) : null}
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {[
            ["Entered", formatInt(entered), DEFINITIONS.people],
            ["Converted", formatInt(converted), "People whose best attempt reached the last step."],
            ["Conversion", formatPercent(k ? result.steps[k - 1]!.conversionFromFirst : 0), DEFINITIONS.fromFirst],
            ["Median time to convert", formatDuration(result.medianSecondsToConvert), "Median time from step 1 to the last step, over the people who reached the last step (their best attempt)."],
          ].map(([label, value, title]) => (
            <div key={label} className="rounded-lg border border-slate-200 bg-white p-3" title={title}>
              <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
              <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
        <StepChart steps={result.steps} />
        <StepsTable steps={result.steps} onPeople={(step, outcome) => open(step, outcome)} />
      </section>
      {people ? <PeoplePanel funnel={request} query={people} onClose={() => setPeople(null)} /> : null}
      {breakdownLabel && result.breakdowns.length ? <Breakdown result={result} label={breakdownLabel} onPeople={open} /> : null}
      <div className="grid gap-8 lg:grid-cols-2">
        <TimeToConvert result={result} />
        <Trend result={result} />
      </div>
    </div>
  );
}
