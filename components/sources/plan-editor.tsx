"use client";
// The tracking plan editor: the planned events with their properties (key, type, required) in a form,
// or the whole plan as JSON (nested schemas, other keywords); what to do with unplanned and invalid
// messages; a suggestion from the event catalog's last 30 days. Saving checks every schema server-side.
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteTrackingPlanAction, saveTrackingPlanAction, suggestTrackingPlanAction } from "@/lib/actions/tracking-plans";
import type { JsonSchema, PlanAction } from "@/lib/ingest/plan-check";
import { PLAN_ACTION_LABELS, PROPERTY_TYPES, parsePlanJson, planJson, rowsOfSchema, schemaOfRows, type PlanDocument, type PropertyRow, type PropertyType } from "@/lib/sources/plan";
import { ConfirmDialog } from "./confirm-dialog";

interface EventDraft {
  key: number;
  name: string;
  /** The form's rows, or null when the schema needs the JSON editor. */
  rows: PropertyRow[] | null;
  schema: JsonSchema;
}

interface Draft {
  events: EventDraft[];
  identify: { rows: PropertyRow[] | null; schema: JsonSchema } | null;
  unplanned: PlanAction;
  invalid: PlanAction;
}

let nextKey = 1;

function toDraft(plan: PlanDocument): Draft {
  return {
    events: plan.events.map((e) => ({ key: nextKey++, name: e.name, rows: rowsOfSchema(e.schema), schema: e.schema })),
    identify: plan.identify ? { rows: rowsOfSchema(plan.identify), schema: plan.identify } : null,
    unplanned: plan.unplanned,
    invalid: plan.invalid,
  };
}

function toPlan(d: Draft): PlanDocument {
  return {
    events: d.events.map((e) => ({ name: e.name.trim(), schema: e.rows ? schemaOfRows(e.rows) : e.schema })),
    identify: d.identify ? (d.identify.rows ? schemaOfRows(d.identify.rows) : d.identify.schema) : null,
    unplanned: d.unplanned,
    invalid: d.invalid,
  };
}

const input = "block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const small = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60";
const primary = "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

function PropertyRows({ label, rows, onChange }: { label: string; rows: PropertyRow[]; onChange: (rows: PropertyRow[]) => void }) {
  const id = useId();
  const set = (i: number, patch: Partial<PropertyRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-2">
      {rows.length ? (
        <table className="w-full text-sm">
          <caption className="sr-only">{label}</caption>
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th scope="col" className="pr-2 font-medium">Property</th>
              <th scope="col" className="pr-2 font-medium">Type</th>
              <th scope="col" className="pr-2 font-medium">Required</th>
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td className="py-1 pr-2">
                  <input aria-label={`${label}: property ${i + 1} name`} value={r.key} onChange={(e) => set(i, { key: e.target.value })} className={input} />
                </td>
                <td className="py-1 pr-2">
                  <select aria-label={`${label}: property ${i + 1} type`} value={r.type} onChange={(e) => set(i, { type: e.target.value as PropertyType })} className={input}>
                    {PROPERTY_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {t}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="py-1 pr-2 text-center">
                  <input type="checkbox" aria-label={`${label}: property ${i + 1} required`} checked={r.required} onChange={(e) => set(i, { required: e.target.checked })} />
                </td>
                <td className="py-1">
                  <button type="button" className={small} onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`${label}: remove property ${i + 1}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p id={id} className="text-xs text-slate-500">
          No properties listed: any properties pass.
        </p>
      )}
      <button type="button" className={small} onClick={() => onChange([...rows, { key: "", type: "string", required: false }])}>
        Add property
      </button>
    </div>
  );
}

export function PlanEditor({ sourceId, initial, exists }: { sourceId: string; initial: PlanDocument; exists: boolean }) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [mode, setMode] = useState<"form" | "json">("form");
  const [json, setJson] = useState("");
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  function switchTo(next: "form" | "json") {
    if (next === mode) return;
    if (next === "json") {
      setJson(planJson(toPlan(draft)));
      setMode("json");
      setOutcome(null);
      return;
    }
    const parsed = parsePlanJson(json);
    if (!parsed.ok) {
      setOutcome({ ok: false, message: parsed.error });
      return;
    }
    setDraft(toDraft(parsed.plan));
    setMode("form");
    setOutcome(null);
  }

  function current(): PlanDocument | null {
    if (mode === "form") return toPlan(draft);
    const parsed = parsePlanJson(json);
    if (!parsed.ok) {
      setOutcome({ ok: false, message: parsed.error });
      return null;
    }
    return parsed.plan;
  }

  function save() {
    const plan = current();
    if (!plan) return;
    setOutcome(null);
    startTransition(async () => {
      const res = await saveTrackingPlanAction({ sourceId, plan });
      if (res.ok) {
        setOutcome({ ok: true, message: `Saved: version ${res.data.version}. The Tracking API checks messages against it within 5 seconds.` });
        router.refresh();
      } else setOutcome({ ok: false, message: res.fieldErrors ? Object.entries(res.fieldErrors).map(([k, v]) => `${k}: ${v}`).join("; ") : res.message });
    });
  }

  function suggest() {
    setOutcome(null);
    startTransition(async () => {
      const res = await suggestTrackingPlanAction({ sourceId });
      if (!res.ok) return setOutcome({ ok: false, message: res.message });
      const base = mode === "json" ? parsePlanJson(json) : { ok: true as const, plan: toPlan(draft) };
      if (!base.ok) return setOutcome({ ok: false, message: base.error });
      const have = new Set(base.plan.events.map((e) => e.name));
      const added = res.data.events.filter((e) => !have.has(e.name));
      const merged = { ...base.plan, events: [...base.plan.events, ...added] };
      if (mode === "json") setJson(planJson(merged));
      else setDraft(toDraft(merged));
      setOutcome({ ok: true, message: added.length ? `Added ${added.length} event${added.length === 1 ? "" : "s"} seen in the last 30 days; review and save.` : "Every event seen in the last 30 days is already planned." });
    });
  }

  function remove() {
    startTransition(async () => {
      const res = await deleteTrackingPlanAction({ sourceId });
      setConfirmDelete(false);
      if (res.ok) router.push(`/sources/${sourceId}`);
      else setOutcome({ ok: false, message: res.message });
    });
  }

  const setEvent = (key: number, patch: Partial<EventDraft>) => setDraft((d) => ({ ...d, events: d.events.map((e) => (e.key === key ? { ...e, ...patch } : e)) }));

  return (
    <div className="space-y-6">
      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">What happens to messages that break the plan</legend>
        {(["unplanned", "invalid"] as const).map((k) => (
          <div key={k}>
            <label htmlFor={`plan-${k}`} className="text-sm font-medium">
              {k === "unplanned" ? "Unplanned events (a track name the plan does not list)" : "Invalid messages (properties or traits that break their schema)"}
            </label>
            <select
              id={`plan-${k}`}
              value={mode === "json" ? undefined : draft[k]}
              disabled={mode === "json"}
              onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value as PlanAction }))}
              className={`mt-1 ${input}`}
            >
              {(["allow", "flag", "block"] as const).map((a) => (
                <option key={a} value={a}>
                  {PLAN_ACTION_LABELS[a]}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>

      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Edit as">
        <button type="button" aria-pressed={mode === "form"} onClick={() => switchTo("form")} className={`${small} ${mode === "form" ? "bg-slate-100 font-semibold" : ""}`}>
          Form
        </button>
        <button type="button" aria-pressed={mode === "json"} onClick={() => switchTo("json")} className={`${small} ${mode === "json" ? "bg-slate-100 font-semibold" : ""}`}>
          JSON
        </button>
        <button type="button" onClick={suggest} disabled={pending} className={small}>
          Suggest from the last 30 days
        </button>
      </div>

      {mode === "json" ? (
        <div>
          <label htmlFor="plan-json" className="text-sm font-medium">
            The plan as JSON: events (name and JSON Schema of properties), identify (JSON Schema of traits, or null), unplanned and invalid (allow, flag or block)
          </label>
          <textarea id="plan-json" value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} rows={24} className={`mt-1 font-mono ${input}`} />
        </div>
      ) : (
        <>
          <section aria-labelledby="planned-events" className="space-y-3">
            <h2 id="planned-events" className="text-lg font-semibold">
              Planned events
            </h2>
            {draft.events.length === 0 ? <p className="text-sm text-slate-600">No events planned yet: add them, or suggest them from what this workspace received.</p> : null}
            <ol className="space-y-3">
              {draft.events.map((e, i) => (
                <li key={e.key} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3" data-testid="plan-event">
                  <div className="flex flex-wrap items-end gap-2">
                    <div className="min-w-[16rem] flex-1">
                      <label htmlFor={`event-${e.key}`} className="text-xs font-medium text-slate-600">
                        Event name
                      </label>
                      <input id={`event-${e.key}`} value={e.name} onChange={(x) => setEvent(e.key, { name: x.target.value })} className={`mt-1 ${input}`} />
                    </div>
                    <button type="button" className={small} onClick={() => setDraft((d) => ({ ...d, events: d.events.filter((x) => x.key !== e.key) }))}>
                      Remove event {i + 1}
                    </button>
                  </div>
                  {e.rows ? (
                    <PropertyRows label={e.name || `Event ${i + 1}`} rows={e.rows} onChange={(rows) => setEvent(e.key, { rows })} />
                  ) : (
                    <p className="text-xs text-slate-600">This event has a custom JSON Schema (nested or with other keywords): edit it as JSON.</p>
                  )}
                </li>
              ))}
            </ol>
            <button
              type="button"
              className={small}
              onClick={() => setDraft((d) => ({ ...d, events: [...d.events, { key: nextKey++, name: "", rows: [], schema: { type: "object" } }] }))}
            >
              Add event
            </button>
          </section>

          <section aria-labelledby="identify-traits" className="space-y-2">
            <h2 id="identify-traits" className="text-lg font-semibold">
              Identify traits
            </h2>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={draft.identify !== null}
                onChange={(e) => setDraft((d) => ({ ...d, identify: e.target.checked ? { rows: [], schema: { type: "object" } } : null }))}
              />
              Check the traits of identify calls
            </label>
            {draft.identify ? (
              draft.identify.rows ? (
                <PropertyRows label="Identify traits" rows={draft.identify.rows} onChange={(rows) => setDraft((d) => ({ ...d, identify: { rows, schema: d.identify!.schema } }))} />
              ) : (
                <p className="text-xs text-slate-600">The traits have a custom JSON Schema: edit it as JSON.</p>
              )
            ) : null}
          </section>
        </>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={save} disabled={pending} className={primary}>
          {pending ? "Saving…" : "Save plan"}
        </button>
        {exists ? (
          <button type="button" onClick={() => setConfirmDelete(true)} disabled={pending} className="rounded-md border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50">
            Delete plan
          </button>
        ) : null}
        {outcome ? (
          <p role={outcome.ok ? "status" : "alert"} className={`text-sm ${outcome.ok ? "text-green-700" : "text-red-700"}`}>
            {outcome.message}
          </p>
        ) : null}
      </div>
      <ConfirmDialog open={confirmDelete} title="Delete the tracking plan?" confirmLabel="Delete plan" danger pending={pending} onConfirm={remove} onCancel={() => setConfirmDelete(false)}>
        <p>Messages are no longer checked: everything valid is stored as sent. Recorded violations and the quarantine stay.</p>
      </ConfirmDialog>
    </div>
  );
}
