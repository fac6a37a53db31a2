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

function WindowFields({ value, onChange, disabled, label }: { value: TimeWindow; onChange: (w: TimeWindow) => void; disabled?: boolean; label: string }) {
  return (
    <>
      <select
        aria-label={`${label}: when`}
        disabled={disabled}
        value={value.type}
        onChange={(e) => {
          const t = e.target.value;
          const today = new Date().toISOString().slice(0, 10);
          onChange(t === "ever" ? { type: "ever" } : t === "last" ? { type: "last", days: 30 } : { type: "between", from: `${today.slice(0, 8)}01T00:00:00.000Z`, to: `${today}T00:00:00.000Z` });
        }}
        className={control}
      >
        <option value="ever">ever</option>
        <option value="last">in the last…</option>
        <option value="between">between…</option>
      </select>
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
          <select aria-label={`${label}: did or did not`} disabled={d} value={c.did ? "did" : "not"} onChange={(e) => onChange({ ...c, did: e.target.value === "did", times: undefined })} className={control}>
            <option value="did">did</option>
            <option value="not">did not do</option>
          </select>
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
          <select aria-label={`${label}: had or did not have`} disabled={d} value={c.did ? "had" : "not"} onChange={(e) => onChange({ ...c, did: e.target.value === "had" })} className={control}>
            <option value="had">had</option>
            <option value="not">did not have</option>
          </select>
          <select aria-label={`${label}: interaction`} disabled={d} value={c.kind} onChange={(e) => onChange({ ...c, kind: e.target.value as typeof c.kind })} className={control}>
            {[...INTERACTION_KINDS, "any" as const].map((k) => (
              <option key={k} value={k}>
                {INTERACTION_LABELS[k]}
              </option>
            ))}
          </select>
          <WindowFields label={label} value={c.window} onChange={(window) => onChange({ ...c, window })} disabled={d} />
        </>
      );
    case "trait": {
      const valueless = c.op === "is_set" || c.op === "not_set";
      return (
        <>
          <input aria-label={`${label}: trait name`} placeholder="Trait, e.g. plan" disabled={d} required value={c.key} onChange={(e) => onChange({ ...c, key: e.target.value })} className={`${control} w-40`} />
          <select aria-label={`${label}: comparison`} disabled={d} value={c.op} onChange={(e) => onChange({ ...c, op: e.target.value as TraitOp, value: e.target.value === "is_set" || e.target.value === "not_set" ? undefined : (c.value ?? "") })} className={control}>
            {TRAIT_OPS.map((op) => (
              <option key={op} value={op}>
                {OP_LABELS[op]}
              </option>
            ))}
          </select>
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
          <select
            aria-label={`${label}: field`}
            disabled={d}
            value={c.field}
            onChange={(e) => {
              const field = e.target.value as typeof c.field;
              const nowNumeric = PROFILE_FIELDS[field].type === "number";
              onChange(nowNumeric ? { ...c, field, op: "gt", value: 0 } : { ...c, field, op: "eq", value: field === "first_channel" ? options.channels[0] : "" });
            }}
            className={control}
          >
            {PROFILE_FIELD_KEYS.map((f) => (
              <option key={f} value={f}>
                {PROFILE_FIELDS[f].label}
              </option>
            ))}
          </select>
          <select aria-label={`${label}: comparison`} disabled={d} value={c.op} onChange={(e) => onChange({ ...c, op: e.target.value as TraitOp })} className={control}>
            {ops.map((op) => (
              <option key={op} value={op}>
                {OP_LABELS[op]}
              </option>
            ))}
          </select>
          {valueless ? null : c.field === "first_channel" && (c.op === "eq" || c.op === "neq") ? (
            <select aria-label={`${label}: value`} disabled={d} value={String(c.value ?? "")} onChange={(e) => onChange({ ...c, value: e.target.value })} className={control}>
              {options.channels.map((ch) => (
                <option key={ch} value={ch}>
                  {ch}
                </option>
              ))}
            </select>
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
          <select
            aria-label={`${label}: field`}
            disabled={d}
            value={c.field}
            onChange={(e) => {
              const field = e.target.value as typeof c.field;
              onChange(field === "contact" ? { type: "crm", field, op: "is_set" } : field === "owner" ? { type: "crm", field, op: "eq", value: options.owners[0]?.id ?? "" } : { type: "crm", field, op: "eq", value: "opportunity" });
            }}
            className={control}
          >
            <option value="lifecycle_stage">Lifecycle stage</option>
            <option value="owner">Contact owner</option>
            <option value="contact">Has a CRM contact</option>
          </select>
          {c.field === "contact" ? (
            <select aria-label={`${label}: comparison`} disabled={d} value={c.op} onChange={(e) => onChange({ ...c, op: e.target.value as "is_set" | "not_set" })} className={control}>
              <option value="is_set">yes</option>
              <option value="not_set">no</option>
            </select>
          ) : (
            <>
              <select
                aria-label={`${label}: comparison`}
                disabled={d}
                value={c.op}
                onChange={(e) => {
                  const op = e.target.value as typeof c.op;
                  onChange(op === "is_set" || op === "not_set" ? { ...c, op, value: undefined } : { ...c, op, value: c.value ?? (c.field === "owner" ? (options.owners[0]?.id ?? "") : "opportunity") });
                }}
                className={control}
              >
                <option value="eq">is</option>
                <option value="neq">is not</option>
                {c.field === "owner" ? (
                  <>
                    <option value="is_set">is set</option>
                    <option value="not_set">is not set</option>
                  </>
                ) : null}
              </select>
              {c.op === "eq" || c.op === "neq" ? (
                <select aria-label={`${label}: value`} disabled={d} value={c.value ?? ""} onChange={(e) => onChange({ ...c, value: e.target.value })} className={control}>
                  {c.field === "owner"
                    ? options.owners.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))
                    : LIFECYCLE_STAGES.map((s) => (
                        <option key={s} value={s}>
                          {stageLabel(s)}
                        </option>
                      ))}
                </select>
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
        <select aria-label={`${path} group: match`} disabled={d} value={group.match} onChange={(e) => onChange({ ...group, match: e.target.value as "all" | "any" })} className={control}>
          <option value="all">all of (AND)</option>
          <option value="any">any of (OR)</option>
        </select>
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
                  <select aria-label={`${label}: type`} disabled={d} value={c.type} onChange={(e) => replace(i, newLeaf(e.target.value as LeafCondition["type"]))} className={control}>
                    {(Object.keys(KIND_LABELS) as LeafCondition["type"][]).map((k) => (
                      <option key={k} value={k}>
                        {KIND_LABELS[k]}
                      </option>
                    ))}
                  </select>
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
