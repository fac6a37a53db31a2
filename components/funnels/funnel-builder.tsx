"use client";
// The funnel builder: steps (autocompleted from the event catalog), exclusions, date range, conversion
// window, order, breakdown and optionally a saved audience; runs the funnel through the API and keeps it in the address so the
// link can be shared; saves it by name (its author or an admin can change or delete it later).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore, useTransition } from "react";
import type { CatalogEvent } from "@/lib/analytics/event-catalog";
import { FIRST_TOUCH_PROPERTIES, MAX_STEPS, type FunnelOrder, type FunnelRequestInput, type FunnelResponse, type WindowUnit } from "@/lib/analytics/funnel-definition";
import { checkState, encodeState, RANGE_PRESETS, type BuilderState, type FunnelRange } from "@/lib/analytics/funnel-builder";
import { deleteFunnel, saveFunnel } from "@/app/(app)/funnels/actions";
import { ClauseEditor, EventOptions, inlineInput, input, smallButton, type DraftStep } from "./clause-editor";
import { DEFINITIONS, FunnelResults } from "./funnel-results";
import { postJson } from "@/components/analytics/post-json";

export interface SavedSummary {
  id: string;
  name: string;
  authorName: string | null;
  updatedAt: string;
  canEdit: boolean;
}

interface Draft {
  steps: DraftStep[];
  exclusions: (DraftStep & { fromStep?: number; toStep?: number })[];
  window: { value: number; unit: WindowUnit };
  order: FunnelOrder;
  breakdown: BuilderState["breakdown"];
  range: FunnelRange;
  audienceId?: string | null;
}

const ORDER_HELP: Record<FunnelOrder, string> = {
  sequential: "Steps in this order; anything may happen in between.",
  strict: "Steps in this order with nothing else in between (no other track, page or screen event).",
  any: "All the steps within the window, in any order.",
};
const FIRST_TOUCH_LABELS: Record<string, string> = {
  channel: "First-touch channel",
  utm_source: "First-touch UTM source",
  utm_medium: "First-touch UTM medium",
  utm_campaign: "First-touch UTM campaign",
  referrer: "First-touch referrer",
  landing_page: "First-touch landing page",
};

function toDraft(s: BuilderState): Draft {
  return { steps: s.steps, exclusions: s.exclusions, window: s.window, order: s.order, breakdown: s.breakdown, range: s.range, audienceId: s.audienceId };
}

export function breakdownLabel(b: BuilderState["breakdown"]): string | null {
  if (!b) return null;
  if (b.type === "first_touch") return FIRST_TOUCH_LABELS[b.property ?? "channel"] ?? "First touch";
  return `${b.type === "event" ? "Event property" : "Trait"} “${b.property ?? ""}”`;
}

type RunState = { status: "idle" } | { status: "running" } | { status: "done"; result: FunnelResponse; request: FunnelRequestInput; label: string | null } | { status: "error"; message: string };

export function FunnelBuilder({
  catalog,
  audiences,
  initial,
  starter,
  autoRun,
  saved,
  current,
}: {
  catalog: CatalogEvent[];
  /** The saved audiences a funnel can be limited to. */
  audiences: { id: string; name: string }[];
  initial: BuilderState;
  starter: BuilderState;
  autoRun: boolean;
  saved: SavedSummary[];
  current: SavedSummary | null;
}) {
  const router = useRouter();
  const eventsId = useId();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [run, setRun] = useState<RunState>({ status: "idle" });
  const [issues, setIssues] = useState<{ path: string; message: string }[]>([]);
  const [name, setName] = useState(current?.name ?? "");
  const [saveMessage, setSaveMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, startSaving] = useTransition();
  const [shareUrl, setShareUrl] = useState<string | null>(null);
  const ran = useRef(false);
  // true once hydrated (false in the server render): the end-to-end tests wait for it before clicking.
  const hydrated = useSyncExternalStore(
    () => () => undefined,
    () => true,
    () => false,
  );

  const calculate = useCallback(
    async (d: Draft) => {
      // A calculation started by hand also counts as the first one (no second run when the URL updates).
      ran.current = true;
      const checked = checkState(d, new Date());
      if (!checked.ok) {
        setIssues(checked.issues);
        setRun({ status: "idle" });
        return;
      }
      setIssues([]);
      const param = encodeState(d);
      const params = new URLSearchParams();
      if (current) params.set("id", current.id);
      params.set("f", param);
      router.replace(`/funnels?${params}`, { scroll: false });
      setShareUrl(`${window.location.origin}/funnels?f=${param}`);
      setRun({ status: "running" });
      try {
        // Waits out analytics_busy (the embedded database runs one analysis at a time).
        const res = await postJson<FunnelResponse>("/api/v1/analytics/funnels", checked.input);
        if (res.ok) setRun({ status: "done", result: res.data, request: checked.input, label: breakdownLabel(d.breakdown) });
        else setRun({ status: "error", message: res.message });
      } catch {
        setRun({ status: "error", message: "The funnel could not be calculated: check the connection and try again." });
      }
    },
    [current, router],
  );

  useEffect(() => {
    if (autoRun && !ran.current) void calculate(toDraft(initial));
  }, [autoRun, calculate, initial]);

  const setStep = (i: number, s: DraftStep) => setDraft((d) => ({ ...d, steps: d.steps.map((x, j) => (j === i ? s : x)) }));
  const moveStep = (i: number, by: number) =>
    setDraft((d) => {
      const steps = [...d.steps];
      const [s] = steps.splice(i, 1);
      steps.splice(i + by, 0, s!);
      return { ...d, steps };
    });

  function onSave(asNew: boolean) {
    setSaveMessage(null);
    const checked = checkState(draft, new Date());
    if (!checked.ok) {
      setIssues(checked.issues);
      return;
    }
    startSaving(async () => {
      const res = await saveFunnel({ name, definition: draft, id: asNew ? undefined : current?.id });
      if (!res.ok) return setSaveMessage({ ok: false, text: res.fieldErrors?.name ?? res.message });
      setSaveMessage({ ok: true, text: `Saved “${res.data.name}”.` });
      router.push(`/funnels?id=${encodeURIComponent(res.data.id)}`);
    });
  }

  function onDelete() {
    if (!current || !window.confirm(`Delete the saved funnel “${current.name}”? Everyone loses it.`)) return;
    startSaving(async () => {
      const res = await deleteFunnel({ id: current.id });
      if (!res.ok) return setSaveMessage({ ok: false, text: res.message });
      router.push("/funnels");
    });
  }

  const k = draft.steps.length;
  const fixed = "from" in draft.range ? draft.range : null;
  return (
    <div className="grid gap-6 xl:grid-cols-[18rem_1fr]">
      <aside aria-labelledby="saved-heading" className="space-y-3">
        <h2 id="saved-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Saved funnels
        </h2>
        <button
          type="button"
          className="block w-full rounded-md border border-dashed border-slate-300 px-3 py-2 text-left text-sm text-slate-700 hover:bg-white"
          onClick={() => {
            setDraft(toDraft(starter));
            setRun({ status: "idle" });
            setIssues([]);
            setName("");
            setShareUrl(null);
            router.push("/funnels");
          }}
        >
          + New funnel
        </button>
        {saved.length === 0 ? <p className="text-sm text-slate-500">None yet: build one and save it to share it with the team.</p> : null}
        <ul className="space-y-1">
          {saved.map((f) => (
            <li key={f.id}>
              <Link href={`/funnels?id=${encodeURIComponent(f.id)}`} aria-current={current?.id === f.id ? "page" : undefined} className={`block rounded-md px-3 py-2 text-sm hover:bg-white ${current?.id === f.id ? "bg-white font-medium shadow-sm" : ""}`}>
                {f.name}
                <span className="block text-xs text-slate-500">
                  {f.authorName ?? "Former user"} · {new Date(f.updatedAt).toISOString().slice(0, 10)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </aside>

      <div className="min-w-0 space-y-6">
        <EventOptions id={eventsId} catalog={catalog} />
        <form
          className="space-y-5 rounded-lg border border-slate-200 bg-white p-4"
          aria-labelledby="builder-heading"
          data-hydrated={hydrated ? "true" : undefined}
          onSubmit={(e) => {
            e.preventDefault();
            void calculate(draft);
          }}
        >
          <h2 id="builder-heading" className="font-medium">
            {current ? current.name : "New funnel"}
          </h2>
          {catalog.length === 0 ? <p className="text-sm text-amber-700">The event catalog is empty: no source has sent events yet, so there is nothing to suggest.</p> : null}
          <ol className="space-y-4">
            {draft.steps.map((s, i) => (
              <li key={i} className="rounded-md border border-slate-200 p-3" aria-label={`Step ${i + 1}`}>
                <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                  <span className="text-sm font-semibold">Step {i + 1}</span>
                  <span className="flex gap-1">
                    <button type="button" className={smallButton} disabled={i === 0} onClick={() => moveStep(i, -1)} aria-label={`Move step ${i + 1} up`}>
                      ↑
                    </button>
                    <button type="button" className={smallButton} disabled={i === k - 1} onClick={() => moveStep(i, 1)} aria-label={`Move step ${i + 1} down`}>
                      ↓
                    </button>
                    <button type="button" className={smallButton} disabled={k <= 2} onClick={() => setDraft((d) => ({ ...d, steps: d.steps.filter((_, j) => j !== i) }))} aria-label={`Remove step ${i + 1}`}>
                      Remove
                    </button>
                  </span>
                </div>
                <ClauseEditor step={s} catalog={catalog} label={`Step ${i + 1}`} eventsId={eventsId} onChange={(ns) => setStep(i, ns)} />
              </li>
            ))}
          </ol>
          <button type="button" className={smallButton} disabled={k >= MAX_STEPS} onClick={() => setDraft((d) => ({ ...d, steps: [...d.steps, { event: "", filters: [], anyOf: [] }] }))}>
            + Add step
          </button>

          <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-semibold">Exclusions</legend>
            <p className="text-xs text-slate-600">An excluded event between two steps ends that attempt at the earlier step{draft.order === "any" ? " (in any order: between two steps done)" : ""}.</p>
            {draft.exclusions.map((x, i) => (
              <div key={i} className="space-y-2 rounded-md bg-slate-50 p-2">
                <ClauseEditor step={x} catalog={catalog} label={`Exclusion ${i + 1}`} eventsId={eventsId} onChange={(nx) => setDraft((d) => ({ ...d, exclusions: d.exclusions.map((y, j) => (j === i ? { ...y, ...nx } : y)) }))} />
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  {draft.order === "any" ? null : (
                    <>
                      <label className="flex items-center gap-1">
                        between step
                        <select className={`${inlineInput} w-16`} value={x.fromStep ?? 1} onChange={(e) => setDraft((d) => ({ ...d, exclusions: d.exclusions.map((y, j) => (j === i ? { ...y, fromStep: Number(e.target.value) } : y)) }))}>
                          {draft.steps.slice(0, -1).map((_, n) => (
                            <option key={n} value={n + 1}>
                              {n + 1}
                            </option>
                          ))}
                        </select>
                      </label>
                      <label className="flex items-center gap-1">
                        and step
                        <select className={`${inlineInput} w-16`} value={x.toStep ?? k} onChange={(e) => setDraft((d) => ({ ...d, exclusions: d.exclusions.map((y, j) => (j === i ? { ...y, toStep: Number(e.target.value) } : y)) }))}>
                          {draft.steps.slice(1).map((_, n) => (
                            <option key={n} value={n + 2}>
                              {n + 2}
                            </option>
                          ))}
                        </select>
                      </label>
                    </>
                  )}
                  <button type="button" className={smallButton} onClick={() => setDraft((d) => ({ ...d, exclusions: d.exclusions.filter((_, j) => j !== i) }))}>
                    Remove exclusion
                  </button>
                </div>
              </div>
            ))}
            <button type="button" className={smallButton} onClick={() => setDraft((d) => ({ ...d, exclusions: [...d.exclusions, { event: "", filters: [], anyOf: [] }] }))}>
              + Exclude an event
            </button>
          </fieldset>

          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
            <div>
              <label htmlFor="funnel-range" className="text-sm font-medium">
                Date range (step 1, UTC)
              </label>
              <select
                id="funnel-range"
                className={`${input} mt-1`}
                value={"last" in draft.range ? String(draft.range.last) : "custom"}
                onChange={(e) => {
                  const v = e.target.value;
                  const today = new Date().toISOString().slice(0, 10);
                  setDraft((d) => ({ ...d, range: v === "custom" ? { from: today.slice(0, 8) + "01", to: today } : { last: Number(v) as (typeof RANGE_PRESETS)[number] } }));
                }}
              >
                {RANGE_PRESETS.map((n) => (
                  <option key={n} value={n}>
                    Last {n} days
                  </option>
                ))}
                <option value="custom">Custom…</option>
              </select>
              {fixed ? (
                <div className="mt-2 flex gap-2">
                  <input type="date" aria-label="From (inclusive)" className={input} value={fixed.from} onChange={(e) => setDraft((d) => ({ ...d, range: { from: e.target.value, to: fixed.to } }))} />
                  <input type="date" aria-label="To (inclusive)" className={input} value={fixed.to} onChange={(e) => setDraft((d) => ({ ...d, range: { from: fixed.from, to: e.target.value } }))} />
                </div>
              ) : null}
            </div>
            <div>
              <span id="window-label" className="text-sm font-medium">
                Conversion window
              </span>
              <div className="mt-1 flex gap-2" role="group" aria-labelledby="window-label">
                <input type="number" min={1} aria-label="Window length" className={`${inlineInput} w-20`} value={draft.window.value} onChange={(e) => setDraft((d) => ({ ...d, window: { ...d.window, value: Math.max(1, Math.trunc(Number(e.target.value) || 1)) } }))} />
                <select aria-label="Window unit" className={`${inlineInput} flex-1`} value={draft.window.unit} onChange={(e) => setDraft((d) => ({ ...d, window: { ...d.window, unit: e.target.value as WindowUnit } }))}>
                  <option value="minute">minutes</option>
                  <option value="hour">hours</option>
                  <option value="day">days</option>
                </select>
              </div>
              <p className="mt-1 text-xs text-slate-500">From step 1 to the last step; at most 366 days.</p>
            </div>
            <div>
              <label htmlFor="funnel-order" className="text-sm font-medium">
                Step order
              </label>
              <select id="funnel-order" className={`${input} mt-1`} value={draft.order} onChange={(e) => setDraft((d) => ({ ...d, order: e.target.value as FunnelOrder }))}>
                <option value="sequential">Sequential</option>
                <option value="strict">Strict</option>
                <option value="any">Any order</option>
              </select>
              <p className="mt-1 text-xs text-slate-500">{ORDER_HELP[draft.order]}</p>
            </div>
            <div>
              <label htmlFor="funnel-breakdown" className="text-sm font-medium">
                Breakdown
              </label>
              <select
                id="funnel-breakdown"
                className={`${input} mt-1`}
                value={draft.breakdown ? (draft.breakdown.type === "first_touch" ? `first_touch:${draft.breakdown.property ?? "channel"}` : draft.breakdown.type) : ""}
                onChange={(e) => {
                  const v = e.target.value;
                  setDraft((d) => ({
                    ...d,
                    breakdown: v === "" ? undefined : v.startsWith("first_touch:") ? { type: "first_touch", property: v.slice("first_touch:".length) } : { type: v as "event" | "profile", property: d.breakdown?.type === v ? d.breakdown.property : v === "event" ? "$channel" : "" },
                  }));
                }}
              >
                <option value="">None</option>
                {Object.keys(FIRST_TOUCH_PROPERTIES).map((p) => (
                  <option key={p} value={`first_touch:${p}`}>
                    {FIRST_TOUCH_LABELS[p]}
                  </option>
                ))}
                <option value="event">Step 1 event property…</option>
                <option value="profile">Profile trait…</option>
              </select>
              {draft.breakdown && draft.breakdown.type !== "first_touch" ? (
                <input
                  aria-label={draft.breakdown.type === "event" ? "Event property to break down by" : "Trait to break down by"}
                  className={`${input} mt-2`}
                  list={draft.breakdown.type === "event" ? `${eventsId}-bd` : undefined}
                  value={draft.breakdown.property ?? ""}
                  placeholder={draft.breakdown.type === "event" ? "$channel, plan…" : "plan, company…"}
                  onChange={(e) => setDraft((d) => ({ ...d, breakdown: d.breakdown ? { ...d.breakdown, property: e.target.value } : undefined }))}
                />
              ) : null}
              <datalist id={`${eventsId}-bd`}>
                {["$channel", "$utm_source", "$utm_medium", "$utm_campaign", "$referring_domain", "$page_path", ...(catalog.find((e) => e.event === draft.steps[0]?.event)?.properties.map((p) => p.key) ?? [])].map((p) => (
                  <option key={p} value={p} />
                ))}
              </datalist>
              <p className="mt-1 text-xs text-slate-500">One value per person; the 20 largest, then “(other)”.</p>
            </div>
            <div>
              <label htmlFor="funnel-audience" className="text-sm font-medium">
                People
              </label>
              <select id="funnel-audience" className={`${input} mt-1`} value={draft.audienceId ?? ""} onChange={(e) => setDraft((d) => ({ ...d, audienceId: e.target.value || undefined }))}>
                <option value="">Everyone</option>
                {audiences.map((a) => (
                  <option key={a.id} value={a.id}>
                    Audience: {a.name}
                  </option>
                ))}
                {draft.audienceId && !audiences.some((a) => a.id === draft.audienceId) ? <option value={draft.audienceId}>A deleted audience</option> : null}
              </select>
              <p className="mt-1 text-xs text-slate-500">
                {audiences.length ? "Only a saved audience’s members (as they are when you calculate) take part." : (
                  <>
                    No saved audiences yet: <Link href="/audiences/new" className="text-brand-700 underline">build one</Link> to limit a funnel to it.
                  </>
                )}
              </p>
            </div>
          </div>

          {issues.length ? (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
              <p className="font-medium">Fix these first:</p>
              <ul className="mt-1 list-disc pl-5">
                {issues.map((i, n) => (
                  <li key={n}>
                    {i.path ? `${i.path}: ` : ""}
                    {i.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" disabled={run.status === "running"} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
              {run.status === "running" ? "Calculating…" : "Calculate"}
            </button>
            <span className="text-xs text-slate-500">Counts resolved people; CRM activity is never a step.</span>
          </div>
        </form>

        <section aria-labelledby="save-heading" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="save-heading" className="sr-only">
            Save and share
          </h2>
          <div className="min-w-56 flex-1">
            <label htmlFor="funnel-name" className="text-sm font-medium">
              Name
            </label>
            <input id="funnel-name" className={`${input} mt-1`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} placeholder="e.g. Trial to paid by channel" />
          </div>
          {current?.canEdit ? (
            <button type="button" disabled={saving} onClick={() => onSave(false)} className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white disabled:opacity-60">
              Save changes
            </button>
          ) : null}
          <button type="button" disabled={saving} onClick={() => onSave(true)} className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
            {current ? "Save as new" : "Save"}
          </button>
          {current?.canEdit ? (
            <button type="button" disabled={saving} onClick={onDelete} className="rounded-md border border-red-300 px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60">
              Delete
            </button>
          ) : current ? (
            <p className="text-xs text-slate-500">Saved by {current.authorName ?? "a former user"}: only they or an admin can change it.</p>
          ) : null}
          {shareUrl ? (
            <div className="w-full">
              <label htmlFor="funnel-share" className="text-xs font-medium text-slate-600">
                Link to this funnel
              </label>
              <div className="mt-1 flex gap-2">
                <input id="funnel-share" readOnly className={`${input} font-mono text-xs`} value={current ? shareUrl.replace("/funnels?", `/funnels?id=${encodeURIComponent(current.id)}&`) : shareUrl} onFocus={(e) => e.currentTarget.select()} />
                <button type="button" className={smallButton} onClick={() => void navigator.clipboard?.writeText((document.getElementById("funnel-share") as HTMLInputElement).value)}>
                  Copy
                </button>
              </div>
            </div>
          ) : null}
          {saveMessage ? (
            <p role="status" className={`w-full text-sm ${saveMessage.ok ? "text-green-700" : "text-red-700"}`}>
              {saveMessage.text}
            </p>
          ) : null}
        </section>

        <div aria-live="polite" aria-busy={run.status === "running"}>
          {run.status === "error" ? (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
              {run.message}{" "}
              <button type="button" className="font-medium underline" onClick={() => void calculate(draft)}>
                Try again
              </button>
            </div>
          ) : null}
          {run.status === "running" ? <p className="text-sm text-slate-600">Calculating over resolved people…</p> : null}
          {run.status === "idle" ? <p className="text-sm text-slate-600">Choose the steps, then Calculate.</p> : null}
          {run.status === "done" ? <FunnelResults result={run.result} request={run.request} breakdownLabel={run.label} /> : null}
        </div>

        <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <summary className="cursor-pointer font-medium">How is this computed?</summary>
          <div className="mt-3 space-y-2 text-slate-700">
            <p>
              <strong>People</strong> are resolved profiles: everything a person did before and after signing in, on every device, counts once. Only track, page and screen events from your sources count; CRM activity never does.
            </p>
            <p>
              <strong>Attempts.</strong> Every step-1 event in the date range starts an attempt (in any order: every event of any step). From each step, the next is the first matching event after it — an event never serves two steps; events in the same millisecond count in step order. An attempt stops when the next step is missing, more than the conversion window after step 1, after an excluded event between the two steps, or (strict order) after any other event between them.
            </p>
            <p>
              <strong>Best attempt.</strong> Each person is counted once, through the attempt that got furthest (the earliest on a tie); its times, breakdown value (step 1&apos;s property, or the person&apos;s first touch or trait) and people lists come from it.
            </p>
            <ul className="list-disc pl-5">
              <li>People: {DEFINITIONS.people}</li>
              <li>From previous: {DEFINITIONS.fromPrevious}</li>
              <li>From step 1: {DEFINITIONS.fromFirst}</li>
              <li>Median and p90 time: {DEFINITIONS.median} {DEFINITIONS.p90}</li>
              <li>Dropped off: {DEFINITIONS.dropped}</li>
              <li>Weekly trend: {DEFINITIONS.entered} {DEFINITIONS.converted}</li>
              <li>Time to convert: {DEFINITIONS.ttc}</li>
            </ul>
            <p>
              The same definitions drive <code>POST /api/v1/analytics/funnels</code>; see the README.
            </p>
          </div>
        </details>
      </div>
    </div>
  );
}
