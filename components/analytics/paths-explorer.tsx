"use client";
// The Paths page: choose a start step (or an end step to look back from), how many steps, the range
// and how page views are grouped; see the flows as a diagram, people and drop-off per level, the
// steps of each level and the most common whole paths. The form is kept in the address, so a
// report can be shared; it runs on load and on "Show paths".
import { useId, useState } from "react";
import { filterControl } from "@/components/data-table/filters";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { describeStep, MAX_PATH_STEPS, sankeyData, TOP_PATHS, type PathsResult } from "@/lib/analytics/paths";
import { daysToRange } from "@/lib/analytics/request";
import { TOP_STEP_CHOICES, type PathsView } from "@/lib/analytics/views";
import { formatInt } from "@/lib/format";
import { DayRange, Definitions, Field, resultOf, RunStatus, SettingsForm, tableClass, tdClass, thClass } from "./report-parts";
import { useReport } from "./use-report";
import { SankeyDiagram } from "./sankey-diagram";

type Result = PathsResult & { from: string; to: string; pages: string };

const requestOf = (v: PathsView) => ({ anchor: { kind: v.kind, name: v.anchor }, direction: v.direction, steps: v.steps, pages: v.pages, ...daysToRange(v.from, v.to) });

const pct = (n: number, of: number) => (of > 0 ? `${Math.round((n / of) * 1000) / 10} %` : "—");

export function PathsExplorer({ initial, defaults, suggestions }: { initial: PathsView; defaults: PathsView; suggestions: { events: string[]; pages: string[] } }) {
  const [view, setView] = useState(initial);
  // Loading from the start: the report runs as soon as the page is shown.
  const { state, submit } = useReport<PathsView, Result>("/api/v1/analytics/paths", initial, defaults, requestOf);
  const listId = useId();
  const set = <K extends keyof PathsView>(k: K, v: PathsView[K]) => setView((x) => ({ ...x, [k]: v }));

  const result = resultOf(state);
  const reverse = result?.direction === "before";
  const words = reverse ? { toward: "before", ended: "Session began" } : { toward: "after", ended: "Dropped off" };

  return (
    <div className="space-y-5">
      <SettingsForm label="Paths settings" submitLabel="Show paths" running={state.status === "loading"} onSubmit={() => submit(view)}>
        <Field label="Direction">
          <select value={view.direction} onChange={(e) => set("direction", e.target.value as PathsView["direction"])} className={filterControl}>
            <option value="after">Starting at</option>
            <option value="before">Ending at</option>
          </select>
        </Field>
        <Field label="Step type">
          <select value={view.kind} onChange={(e) => set("kind", e.target.value as PathsView["kind"])} className={filterControl}>
            <option value="event">Event</option>
            <option value="page">Page path</option>
          </select>
        </Field>
        <Field label={view.kind === "event" ? "Event" : "Page path"}>
          <input required value={view.anchor} list={listId} onChange={(e) => set("anchor", e.target.value)} className={`${filterControl} w-56`} />
          <datalist id={listId}>
            {(view.kind === "event" ? suggestions.events : suggestions.pages).map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </Field>
        <Field label="Steps">
          <input type="number" min={1} max={MAX_PATH_STEPS} required value={view.steps} onChange={(e) => set("steps", Number(e.target.value))} className={`${filterControl} w-20`} />
        </Field>
        <DayRange from={view.from} to={view.to} onChange={(from, to) => setView((x) => ({ ...x, from, to }))} />
        <Field label="Page views">
          <select value={view.pages} onChange={(e) => set("pages", e.target.value as PathsView["pages"])} className={filterControl}>
            <option value="path">Grouped by path</option>
            <option value="collapsed">Collapsed into one step</option>
          </select>
        </Field>
        <Field label="Steps shown per level">
          <select value={view.top} onChange={(e) => set("top", Number(e.target.value))} className={filterControl}>
            {TOP_STEP_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
      </SettingsForm>
      <p className="-mt-3 text-xs text-slate-500">Suggestions: events from the event catalog (most recently seen first); page paths viewed in the last 30 days.</p>

      <RunStatus state={state} what="paths" />

      {result ? (
        <div className={`space-y-5 ${state.status === "loading" ? "opacity-60" : ""}`} aria-busy={state.status === "loading" || undefined}>
          {result.people === 0 ? (
            <section className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
              <p className="font-medium text-slate-900">No one did “{describeStep(result.anchor)}” in a web or mobile session in this range.</p>
              <p className="mt-1">Check the name (it must match exactly), widen the dates, or pick a step from the suggestions.</p>
            </section>
          ) : (
            <>
              <p className="text-sm text-slate-700">
                <strong data-testid="paths-people">{formatInt(result.people)}</strong> people did <strong>{describeStep(result.anchor)}</strong> in a session between {result.from.slice(0, 10)} and{" "}
                {new Date(Date.parse(result.to) - 1).toISOString().slice(0, 10)}; here are the {result.steps} steps {words.toward} their first time, within that session.
              </p>
              <section aria-labelledby="paths-diagram" className="rounded-lg border border-slate-200 bg-white p-4">
                <h2 id="paths-diagram" className="mb-2 font-semibold">
                  Flow {reverse ? "into" : "from"} {describeStep(result.anchor)}
                </h2>
                <SankeyDiagram data={sankeyData(result, view.top)} levels={result.steps} reverse={reverse} label={`Paths ${words.toward} ${describeStep(result.anchor)}: people at each step`} />
                <details className="mt-3 text-sm">
                  <summary className="cursor-pointer text-slate-600">Show the diagram as a table</summary>
                  <ScrollRegion label="Steps at each level" className="mt-2 max-h-96 overflow-auto rounded-md border border-slate-200">
                    <table className={tableClass}>
                      <caption className="sr-only">Steps at each level</caption>
                      <thead>
                        <tr>
                          <th scope="col" className={thClass}>Steps {words.toward}</th>
                          <th scope="col" className={thClass}>Step</th>
                          <th scope="col" className={`${thClass} text-right`}>People</th>
                          <th scope="col" className={`${thClass} text-right`}>Share of the level</th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100">
                        {result.levels.flatMap((l) =>
                          l.nodes.map((n) => (
                            <tr key={`${l.level}-${n.step.kind}-${n.step.name}`}>
                              <td className={tdClass}>{l.level}</td>
                              <td className={tdClass}>{describeStep(n.step)}</td>
                              <td className={`${tdClass} text-right tabular-nums`}>{formatInt(n.people)}</td>
                              <td className={`${tdClass} text-right tabular-nums`}>{pct(n.people, l.people)}</td>
                            </tr>
                          )),
                        )}
                      </tbody>
                    </table>
                  </ScrollRegion>
                </details>
              </section>

              <section aria-labelledby="paths-levels" className="rounded-lg border border-slate-200 bg-white p-4">
                <h2 id="paths-levels" className="mb-2 font-semibold">
                  People and drop-off at each step
                </h2>
                <table className={tableClass} aria-labelledby="paths-levels">
                  <thead>
                    <tr>
                      <th scope="col" className={thClass}>Steps {words.toward}</th>
                      <th scope="col" className={`${thClass} text-right`}>People</th>
                      <th scope="col" className={`${thClass} text-right`}>{words.ended}</th>
                      <th scope="col" className={`${thClass} text-right`}>Still going</th>
                      <th scope="col" className={thClass}>Most common step</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    <tr>
                      <td className={tdClass}>0 (the anchor)</td>
                      <td className={`${tdClass} text-right tabular-nums`}>{formatInt(result.people)}</td>
                      <td className={`${tdClass} text-right`}>—</td>
                      <td className={`${tdClass} text-right tabular-nums`}>100 %</td>
                      <td className={tdClass}>{describeStep(result.anchor)}</td>
                    </tr>
                    {result.levels.map((l) => (
                      <tr key={l.level} data-testid="paths-level">
                        <td className={tdClass}>{l.level}</td>
                        <td className={`${tdClass} text-right tabular-nums`}>{formatInt(l.people)}</td>
                        <td className={`${tdClass} text-right tabular-nums`}>{formatInt(l.dropOff)}</td>
                        <td className={`${tdClass} text-right tabular-nums`}>{pct(l.people, result.people)}</td>
                        <td className={tdClass}>{l.nodes[0] ? `${describeStep(l.nodes[0].step)} (${formatInt(l.nodes[0].people)})` : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>

              <section aria-labelledby="paths-top" className="rounded-lg border border-slate-200 bg-white p-4">
                <h2 id="paths-top" className="mb-2 font-semibold">
                  Most common paths
                </h2>
                <p className="mb-2 text-xs text-slate-500">
                  {formatInt(result.distinctPaths)} different paths; the {Math.min(TOP_PATHS, result.paths.length)} most common, each person counted once.
                </p>
                <ScrollRegion label="Most common paths" className="max-h-[32rem] overflow-auto">
                  <table className={tableClass} aria-labelledby="paths-top">
                    <thead className="sticky top-0">
                      <tr>
                        <th scope="col" className={`${thClass} text-right`}>Rank</th>
                        <th scope="col" className={thClass}>Path</th>
                        <th scope="col" className={`${thClass} text-right`}>People</th>
                        <th scope="col" className={`${thClass} text-right`}>Share</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {result.paths.map((p, i) => {
                        const steps = p.steps.map(describeStep);
                        const shown = reverse ? [...steps].reverse() : steps;
                        const anchor = describeStep(result.anchor);
                        const text = p.steps.length === 0 ? (reverse ? `(session began) → ${anchor}` : `${anchor} → (session ended)`) : reverse ? [...shown, anchor].join(" → ") : [anchor, ...shown].join(" → ");
                        return (
                          <tr key={i} data-testid="paths-top-row">
                            <td className={`${tdClass} text-right tabular-nums`}>{i + 1}</td>
                            <td className="px-3 py-1.5">{text}</td>
                            <td className={`${tdClass} text-right tabular-nums`}>{formatInt(p.people)}</td>
                            <td className={`${tdClass} text-right tabular-nums`}>{pct(p.people, result.people)}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </ScrollRegion>
              </section>
            </>
          )}
          <Definitions
            items={[
              ["People", `Resolved people (every device and profile merged into one) who did the anchor step in a web or mobile session in the range; each counts once, from their first time.`],
              ["Step", "A track event by name, a page view by its path, or a screen view by name. With page views collapsed, all page views are one step. The same step repeated back to back counts once."],
              ["Session", "Page, screen and track events from web and mobile sources; more than 30 minutes without one starts a new session. Only events in the range are read, so a visit crossing its edge is cut there."],
              [reverse ? "Session began" : "Dropped off", reverse ? "People at the step before whose session had no earlier step." : "People at the step before whose session had no further step."],
              ["Still going", `People with at least this many steps ${words.toward} the anchor, as a share of the people at the anchor.`],
              ["Most common paths", `People grouped by their whole sequence of up to ${result.steps} steps; “${reverse ? "session began" : "session ended"}” means none.`],
            ]}
          />
        </div>
      ) : null}
    </div>
  );
}
