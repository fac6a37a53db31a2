// The source page's tracking-plan section (server-rendered): the plan's state, the quarantine's size
// and what its bounds dropped, and the violations of the last 7 days per event name with counts and
// the latest examples (payloads as text).
import Link from "next/link";
import type { EventViolations, QuarantineBounds, StoredPlan } from "@/lib/data/tracking-plans";
import { PLAN_ACTION_LABELS } from "@/lib/sources/plan";
import { formatDateTime, formatInt } from "@/lib/format";

const KIND_LABELS: Record<string, string> = {
  unplanned_event: "unplanned",
  missing_required: "missing required",
  wrong_type: "wrong type",
  invalid: "other schema",
};

const button = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50";

export function PlanSummary({
  sourceId,
  builtIn,
  plan,
  violations,
  quarantined,
  bounds,
}: {
  sourceId: string;
  builtIn: boolean;
  plan: StoredPlan | null;
  violations: EventViolations[];
  quarantined: number;
  bounds: QuarantineBounds;
}) {
  const dropped = bounds.droppedByRetention + bounds.droppedByCap;
  return (
    <section aria-labelledby="plan-heading" className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="plan-heading" className="text-lg font-semibold">
          Tracking plan
        </h2>
        <div className="flex flex-wrap gap-2">
          {builtIn ? null : (
            <Link href={`/sources/${sourceId}/plan`} className={button}>
              {plan ? "Edit tracking plan" : "Create a tracking plan"}
            </Link>
          )}
          <Link href={`/sources/${sourceId}/quarantine`} className={button}>
            Quarantine ({formatInt(quarantined)})
          </Link>
        </div>
      </div>
      {builtIn ? (
        <p className="text-sm text-slate-600">Tandem writes this source&apos;s events itself, not through the Tracking API: a tracking plan would check nothing.</p>
      ) : plan ? (
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-500">Version</dt>
          <dd>
            {plan.version}, saved {formatDateTime(plan.updatedAt)} — {formatInt(plan.plan.events.length)} planned event{plan.plan.events.length === 1 ? "" : "s"}
            {plan.plan.identify ? ", identify traits checked" : ""}
          </dd>
          <dt className="text-slate-500">Unplanned events</dt>
          <dd>{PLAN_ACTION_LABELS[plan.plan.unplanned]}</dd>
          <dt className="text-slate-500">Invalid messages</dt>
          <dd>{PLAN_ACTION_LABELS[plan.plan.invalid]}</dd>
        </dl>
      ) : (
        <p className="text-sm text-slate-600">No plan: every valid message is stored as sent. A plan lists the events this source should send, with a JSON Schema for their properties.</p>
      )}
      <p className="text-sm text-slate-600">
        Quarantine: {formatInt(quarantined)} message{quarantined === 1 ? "" : "s"} held, kept {bounds.retentionDays} days and at most {formatInt(bounds.cap)}
        {dropped ? `; the bounds have dropped ${formatInt(bounds.droppedByRetention)} past the retention period and ${formatInt(bounds.droppedByCap)} over the cap` : "; nothing dropped"}.
      </p>

      <h3 className="font-medium">Violations, last 7 days</h3>
      {violations.length === 0 ? (
        <p className="text-sm text-slate-600">None recorded.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Violations of the tracking plan per event name, last 7 days</caption>
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-3">Event</th>
                <th scope="col" className="py-2 pr-3 text-right">Messages</th>
                <th scope="col" className="py-2 pr-3 text-right">Flagged</th>
                <th scope="col" className="py-2 pr-3 text-right">Blocked</th>
                <th scope="col" className="py-2 pr-3">Kinds</th>
                <th scope="col" className="py-2">Examples</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {violations.map((v) => (
                <tr key={v.eventName} data-testid="violation-row">
                  <th scope="row" className="py-2 pr-3 font-medium break-words">{v.eventName || "(no name)"}</th>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatInt(v.messages)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatInt(v.flagged)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatInt(v.blocked)}</td>
                  <td className="py-2 pr-3 text-xs">
                    {Object.entries(v.kinds)
                      .map(([k, n]) => `${KIND_LABELS[k] ?? k} ${formatInt(n)}`)
                      .join(", ")}
                  </td>
                  <td className="py-2 text-xs">
                    <details>
                      <summary className="cursor-pointer text-brand-700">{v.examples[0]?.detail ?? "Examples"}</summary>
                      <ul className="mt-2 space-y-2">
                        {v.examples.map((x, i) => (
                          <li key={i}>
                            <p>
                              <span className="font-mono">{x.messageId}</span> ({x.action === "block" ? "blocked" : "flagged"}, {formatDateTime(x.receivedAt)}): {x.detail}
                            </p>
                            <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-900 p-2 text-slate-100" tabIndex={0} aria-label={`Example payload of ${x.messageId}`}>
                              {JSON.stringify(x.example, null, 2)}
                            </pre>
                          </li>
                        ))}
                      </ul>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
