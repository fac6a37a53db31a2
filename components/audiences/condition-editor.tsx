"use client";
// The audience condition tree as a form: a group ("all" / "any" of its conditions) holds conditions
// and nested groups; each condition is one row of native controls (so it is keyboard usable), its
// fields depending on what it tests — a behaviour (event), a CRM interaction, a trait, a profile
// field or a CRM field.
import { useId } from "react";
import { filterControl } from "@/components/data-table/filters";
import {
  INTERACTION_KINDS,
  INTERACTION_LABELS,
  LIFECYCLE_STAGES,
  MAX_DEPTH,
  OP_LABELS,
  PROFILE_FIELD_KEYS,
  PROFILE_FIELDS,
  stageLabel,
  TRAIT_OPS,
  type AudienceCondition,
  type GroupCondition,
  type LeafCondition,
  type TimeWindow,
  type TraitOp,
} from "@/lib/analytics/audiences";

export interface EditorOptions {
  events: string[];
  owners: { id: string; name: string }[];
  channels: readonly string[];
  disabled?: boolean;
}

const KIND_LABELS: Record<LeafCondition["type"], string> = {
  event: "Did an event",
  interaction: "Had a CRM interaction",
  trait: "Trait",
  profile: "Profile field",
  crm: "CRM field",
};

const opOptions = <T extends TraitOp>(ops: readonly T[]) => ops.map((op) => [op, OP_LABELS[op]] as const);
const NUMBER_OPS: TraitOp[] = ["gt", "gte", "lt", "lte", "eq", "neq"];
const TEXT_OPS: TraitOp[] = ["eq", "neq", "contains", "not_contains", "is_set", "not_set"];

export function newLeaf(type: LeafCondition["type"] = "event"): LeafCondition {
  switch (type) {
    case "event":
      return { type, event: "", did: true, window: { type: "last", days: 30 } };
    case "interaction":
      return { type, kind: "demo", did: true, window: { type: "last", days: 30 } };
    case "trait":
      return { type, key: "", op: "eq", value: "" };
    case "profile":
      return { type, field: "revenue", op: "gt", value: 0 };
    case "crm":
      return { type, field: "lifecycle_stage", op: "eq", value: "opportunity" };
  }
}

const control = `${filterControl} disabled:bg-slate-50`;

/** A labelled native select over [value, label] pairs. */
function Choice<T extends string>({ name, value, options, onChange, disabled }: { name: string; value: T; options: readonly (readonly [T, string])[]; onChange: (v: T) => void; disabled?: boolean }) {
  return (
    <select aria-label={name} disabled={disabled} value={value} onChange={(e) => onChange(e.target.value as T)} className={control}>
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
}

function WindowFields({ value, onChange, disabled, label }: { value: TimeWindow; onChange: (w: TimeWindow) => void; disabled?: boolean; label: string }) {
  return (
    <>
      <Choice
        name={`${label}: when`}
        disabled={disabled}
        value={value.type}
        options={[
          ["ever", "ever"],
          ["last", "in the last…"],
          ["between", "between…"],
        ]}
        onChange={(t) => {
          const today = new Date().toISOString().slice(0, 10);
          onChange(t === "ever" ? { type: "ever" } : t === "last" ? { type: "last", days: 30 } : { type: "between", from: `${today.slice(0, 8)}01T00:00:00.000Z`, to: `${today}T00:00:00.000Z` });
        }}
      />
      {value.type === "last" ? (
        <span className="inline-flex items-center gap-1">
          <input aria-label={`${label}: days`} disabled={disabled} type="number" min={1} max={3650} value={value.days} onChange={(e) => onChange({ type: "last", days: Number(e.target.value) || 1 })} className={`${control} w-20`} />
          days
        </span>
      ) : null}
      {value.type === "between" ? (
        <span className="inline-flex items-center gap-1">
          <input aria-label={`${label}: from (UTC)`} disabled={disabled} type="date" value={value.from.slice(0, 10)} onChange={(e) => onChange({ ...value, from: `${e.target.value}T00:00:00.000Z` })} className={control} />
          and
          <input aria-label={`${label}: before (UTC)`} disabled={disabled} type="date" value={value.to.slice(0, 10)} onChange={(e) => onChange({ ...value, to: `${e.target.value}T00:00:00.000Z` })} className={control} />
        </span>
      ) : null}
    </>
  );
}

function LeafFields({ c, onChange, options, label }: { c: LeafCondition; onChange: (c: LeafCondition) => void; options: EditorOptions; label: string }) {
  const listId = useId();
  const d = options.disabled;
  switch (c.type) {
    case "event":
      return (
        <>
          <Choice name={`${label}: did or did not`} disabled={d} value={c.did ? "did" : "not"} options={[["did", "did"], ["not", "did not do"]]} onChange={(v) => onChange({ ...c, did: v === "did", times: undefined })} />
          <input aria-label={`${label}: event name`} placeholder="Event name" disabled={d} required list={listId} value={c.event} onChange={(e) => onChange({ ...c, event: e.target.value })} className={`${control} w-48`} />
          <datalist id={listId}>
            {options.events.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
          {c.did ? (
            <span className="inline-flex items-center gap-1">
              at least
              <input aria-label={`${label}: at least how many times`} disabled={d} type="number" min={1} value={c.times ?? 1} onChange={(e) => onChange({ ...c, times: Math.max(1, Number(e.target.value) || 1) })} className={`${control} w-16`} />
              ×
            </span>
          ) : null}
          <WindowFields label={label} value={c.window} onChange={(window) => onChange({ ...c, window })} disabled={d} />
        </>
      );
    case "interaction":
      return (
        <>
          <Choice name={`${label}: had or did not have`} disabled={d} value={c.did ? "had" : "not"} options={[["had", "had"], ["not", "did not have"]]} onChange={(v) => onChange({ ...c, did: v === "had" })} />
          <Choice name={`${label}: interaction`} disabled={d} value={c.kind} options={[...INTERACTION_KINDS, "any" as const].map((k) => [k, INTERACTION_LABELS[k]] as const)} onChange={(kind) => onChange({ ...c, kind })} />
          <WindowFields label={label} value={c.window} onChange={(window) => onChange({ ...c, window })} disabled={d} />
        </>
      );
    case "trait": {
      const valueless = c.op === "is_set" || c.op === "not_set";
      return (
        <>
          <input aria-label={`${label}: trait name`} placeholder="Trait, e.g. plan" disabled={d} required value={c.key} onChange={(e) => onChange({ ...c, key: e.target.value })} className={`${control} w-40`} />
          <Choice name={`${label}: comparison`} disabled={d} value={c.op} options={opOptions(TRAIT_OPS)} onChange={(op) => onChange({ ...c, op, value: op === "is_set" || op === "not_set" ? undefined : (c.value ?? "") })} />
          {valueless ? null : <input aria-label={`${label}: value`} disabled={d} value={String(c.value ?? "")} onChange={(e) => onChange({ ...c, value: e.target.value })} className={`${control} w-36`} />}
        </>
      );
    }
    case "profile": {
      const numeric = PROFILE_FIELDS[c.field].type === "number";
      const ops = numeric ? NUMBER_OPS : TEXT_OPS;
      const valueless = c.op === "is_set" || c.op === "not_set";
      return (
        <>
          <Choice
            name={`${label}: field`}
            disabled={d}
            value={c.field}
            options={PROFILE_FIELD_KEYS.map((f) => [f, PROFILE_FIELDS[f].label] as const)}
            onChange={(field) =>
              onChange(PROFILE_FIELDS[field].type === "number" ? { ...c, field, op: "gt", value: 0 } : { ...c, field, op: "eq", value: field === "first_channel" ? options.channels[0] : "" })
            }
          />
          <Choice name={`${label}: comparison`} disabled={d} value={c.op} options={opOptions(ops)} onChange={(op) => onChange({ ...c, op })} />
          {valueless ? null : c.field === "first_channel" && (c.op === "eq" || c.op === "neq") ? (
            <Choice name={`${label}: value`} disabled={d} value={String(c.value ?? "")} options={options.channels.map((ch) => [ch, ch] as const)} onChange={(value) => onChange({ ...c, value })} />
          ) : (
            <input
              aria-label={`${label}: value`}
              disabled={d}
              type={numeric ? "number" : "text"}
              step="any"
              value={String(c.value ?? "")}
              onChange={(e) => onChange({ ...c, value: numeric ? (e.target.value === "" ? "" : Number(e.target.value)) : e.target.value })}
              className={`${control} w-32`}
            />
          )}
        </>
      );
    }
    case "crm":
      return (
        <>
          <Choice
            name={`${label}: field`}
            disabled={d}
            value={c.field}
            options={[
              ["lifecycle_stage", "Lifecycle stage"],
              ["owner", "Contact owner"],
              ["contact", "Has a CRM contact"],
            ]}
            onChange={(field) =>
              onChange(field === "contact" ? { type: "crm", field, op: "is_set" } : field === "owner" ? { type: "crm", field, op: "eq", value: options.owners[0]?.id ?? "" } : { type: "crm", field, op: "eq", value: "opportunity" })
            }
          />
          {c.field === "contact" ? (
            <Choice name={`${label}: comparison`} disabled={d} value={c.op} options={[["is_set", "yes"], ["not_set", "no"]]} onChange={(op) => onChange({ ...c, op })} />
          ) : (
            <>
              <Choice
                name={`${label}: comparison`}
                disabled={d}
                value={c.op}
                options={c.field === "owner" ? opOptions(["eq", "neq", "is_set", "not_set"] as const) : opOptions(["eq", "neq"] as const)}
                onChange={(op) => onChange(op === "is_set" || op === "not_set" ? { ...c, op, value: undefined } : { ...c, op, value: c.value ?? (c.field === "owner" ? (options.owners[0]?.id ?? "") : "opportunity") })}
              />
              {c.op === "eq" || c.op === "neq" ? (
                <Choice
                  name={`${label}: value`}
                  disabled={d}
                  value={c.value ?? ""}
                  options={c.field === "owner" ? options.owners.map((o) => [o.id, o.name] as const) : LIFECYCLE_STAGES.map((st) => [st, stageLabel(st)] as const)}
                  onChange={(value) => onChange({ ...c, value })}
                />
              ) : null}
            </>
          )}
        </>
      );
  }
}

const buttonClass = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50 disabled:opacity-50";

export function GroupEditor({ group, onChange, onRemove, options, depth = 1, path = "Condition" }: { group: GroupCondition; onChange: (g: GroupCondition) => void; onRemove?: () => void; options: EditorOptions; depth?: number; path?: string }) {
  const d = options.disabled;
  const replace = (i: number, c: AudienceCondition | null) => onChange({ ...group, conditions: c === null ? group.conditions.filter((_, j) => j !== i) : group.conditions.map((x, j) => (j === i ? c : x)) });
  return (
    <fieldset className={`space-y-2 rounded-lg border p-3 ${depth === 1 ? "border-slate-200 bg-white" : "border-dashed border-slate-300 bg-slate-50"}`}>
      <legend className="flex items-center gap-2 px-1 text-sm">
        <span>People matching</span>
        <Choice name={`${path} group: match`} disabled={d} value={group.match} options={[["all", "all of (AND)"], ["any", "any of (OR)"]]} onChange={(match) => onChange({ ...group, match })} />
        {onRemove ? (
          <button type="button" disabled={d} onClick={onRemove} className={buttonClass} aria-label={`Remove ${path.toLowerCase()} group`}>
            Remove group
          </button>
        ) : null}
      </legend>
      {group.conditions.length === 0 ? (
        <p className="text-sm text-slate-500">{group.match === "all" ? "No conditions: everyone matches." : "No conditions: no one matches."}</p>
      ) : null}
      <ol className="space-y-2">
        {group.conditions.map((c, i) => {
          const label = `${path} ${i + 1}`;
          return (
            <li key={i} data-testid="audience-condition">
              {c.type === "group" ? (
                <GroupEditor group={c} onChange={(g) => replace(i, g)} onRemove={() => replace(i, null)} options={options} depth={depth + 1} path={label} />
              ) : (
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  {i > 0 ? <span className="w-8 text-xs font-semibold uppercase text-slate-500">{group.match === "all" ? "and" : "or"}</span> : <span className="w-8" />}
                  <Choice name={`${label}: type`} disabled={d} value={c.type} options={(Object.keys(KIND_LABELS) as LeafCondition["type"][]).map((k) => [k, KIND_LABELS[k]] as const)} onChange={(t) => replace(i, newLeaf(t))} />
                  <LeafFields c={c} onChange={(x) => replace(i, x)} options={options} label={label} />
                  <button type="button" disabled={d} onClick={() => replace(i, null)} className={buttonClass} aria-label={`Remove ${label.toLowerCase()}`}>
                    ✕
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={d} onClick={() => onChange({ ...group, conditions: [...group.conditions, newLeaf()] })} className={buttonClass}>
          + Condition{depth > 1 ? " in this group" : ""}
        </button>
        {depth < MAX_DEPTH ? (
          <button type="button" disabled={d} onClick={() => onChange({ ...group, conditions: [...group.conditions, { type: "group", match: group.match === "all" ? "any" : "all", conditions: [newLeaf()] }] })} className={buttonClass}>
            + Group
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
