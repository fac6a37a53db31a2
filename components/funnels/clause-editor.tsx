"use client";
// One funnel step (or exclusion): an event name autocompleted from the event catalog, its property
// filters (keys autocompleted from what that event carries, values typed by the key's JSON type), and
// "or" alternatives that each have their own event and filters.
import { useId } from "react";
import { FILTER_OP_LABELS, FILTER_OPS, type FilterOp } from "@/lib/analytics/funnel-definition";
import { PAGEVIEW, SCREENVIEW, type CatalogEvent } from "@/lib/analytics/event-catalog";

export interface DraftFilter {
  property: string;
  op: FilterOp;
  value?: string | number | boolean;
}
export interface DraftClause {
  event: string;
  filters: DraftFilter[];
}
export interface DraftStep extends DraftClause {
  anyOf: DraftClause[];
}

/** An input's look; `input` fills its cell, `inlineInput` sits in a row with a width of its own. */
export const inlineInput = "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm";
export const input = `block w-full ${inlineInput}`;
export const smallButton = "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50";

export function eventLabel(name: string): string {
  if (name === PAGEVIEW) return "Page viewed ($pageview)";
  if (name === SCREENVIEW) return "Screen viewed ($screen)";
  return name;
}

/** The JSON types the catalog has seen for an event's property. */
function typesOf(catalog: CatalogEvent[], event: string, key: string): string[] {
  return catalog.find((e) => e.event === event)?.properties.find((p) => p.key === key)?.types ?? [];
}

/** A filter value from what was typed, given the op and the types the catalog knows for the key. */
export function typedValue(text: string, op: FilterOp, types: string[]): string | number | boolean {
  const numeric = text.trim() !== "" && Number.isFinite(Number(text));
  if ((op === "gt" || op === "lt") && numeric) return Number(text);
  if ((op === "eq" || op === "neq") && types.length > 0 && types.every((t) => t === "number") && numeric) return Number(text);
  if ((op === "eq" || op === "neq") && types.length > 0 && types.every((t) => t === "boolean") && (text === "true" || text === "false")) return text === "true";
  return text;
}

function FilterRow({ filter, event, catalog, label, onChange, onRemove }: { filter: DraftFilter; event: string; catalog: CatalogEvent[]; label: string; onChange(f: DraftFilter): void; onRemove(): void }) {
  const keysId = useId();
  const keys = catalog.find((e) => e.event === event)?.properties ?? [];
  const types = typesOf(catalog, event, filter.property);
  const isBoolean = types.length > 0 && types.every((t) => t === "boolean") && (filter.op === "eq" || filter.op === "neq");
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label={label}>
      <span className="text-xs text-slate-500">where</span>
      <input
        className={`${inlineInput} w-40`}
        list={keysId}
        value={filter.property}
        placeholder="property"
        aria-label={`${label}: property`}
        onChange={(e) => onChange({ ...filter, property: e.target.value })}
      />
      <datalist id={keysId}>
        {keys.map((k) => (
          <option key={k.key} value={k.key}>
            {k.types.join(" / ")}
          </option>
        ))}
      </datalist>
      <select className={`${inlineInput} w-36`} value={filter.op} aria-label={`${label}: comparison`} onChange={(e) => onChange({ ...filter, op: e.target.value as FilterOp, value: e.target.value === "is_set" ? undefined : filter.value })}>
        {FILTER_OPS.map((op) => (
          <option key={op} value={op}>
            {FILTER_OP_LABELS[op]}
          </option>
        ))}
      </select>
      {filter.op === "is_set" ? null : isBoolean ? (
        <select className={`${inlineInput} w-28`} value={String(filter.value ?? "true")} aria-label={`${label}: value`} onChange={(e) => onChange({ ...filter, value: e.target.value === "true" })}>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : (
        <input
          className={`${inlineInput} w-40`}
          value={filter.value === undefined ? "" : String(filter.value)}
          placeholder="value"
          inputMode={filter.op === "gt" || filter.op === "lt" ? "decimal" : undefined}
          aria-label={`${label}: value`}
          onChange={(e) => onChange({ ...filter, value: typedValue(e.target.value, filter.op, types) })}
        />
      )}
      {types.length ? <span className="text-xs text-slate-400">{types.join(" / ")}</span> : null}
      <button type="button" className={smallButton} onClick={onRemove} aria-label={`Remove ${label}`}>
        ×
      </button>
    </div>
  );
}

function ClauseFields({ clause, catalog, label, eventsId, onChange }: { clause: DraftClause; catalog: CatalogEvent[]; label: string; eventsId: string; onChange(c: DraftClause): void }) {
  const known = clause.event === "" || catalog.some((e) => e.event === clause.event);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <input
          className={`${inlineInput} w-full max-w-xs`}
          list={eventsId}
          value={clause.event}
          placeholder="Event name, or $pageview"
          aria-label={`${label}: event`}
          onChange={(e) => onChange({ ...clause, event: e.target.value })}
        />
        <button type="button" className={smallButton} onClick={() => onChange({ ...clause, filters: [...clause.filters, { property: "", op: "eq", value: "" }] })}>
          + Filter
        </button>
        {!known ? <span className="text-xs text-amber-700">Not in the event catalog: no source has sent it yet.</span> : null}
      </div>
      {clause.filters.map((f, i) => (
        <FilterRow
          key={i}
          filter={f}
          event={clause.event}
          catalog={catalog}
          label={`${label}, filter ${i + 1}`}
          onChange={(nf) => onChange({ ...clause, filters: clause.filters.map((x, j) => (j === i ? nf : x)) })}
          onRemove={() => onChange({ ...clause, filters: clause.filters.filter((_, j) => j !== i) })}
        />
      ))}
    </div>
  );
}

/** A step or exclusion with its alternatives. */
export function ClauseEditor({ step, catalog, label, eventsId, onChange }: { step: DraftStep; catalog: CatalogEvent[]; label: string; eventsId: string; onChange(s: DraftStep): void }) {
  return (
    <div className="space-y-2">
      <ClauseFields clause={step} catalog={catalog} label={label} eventsId={eventsId} onChange={(c) => onChange({ ...step, ...c })} />
      {step.anyOf.map((alt, i) => (
        <div key={i} className="ml-4 space-y-2 border-l-2 border-slate-200 pl-3">
          <div className="flex items-center gap-2">
            <span className="text-xs font-medium uppercase tracking-wide text-slate-500">or</span>
            <button type="button" className={smallButton} onClick={() => onChange({ ...step, anyOf: step.anyOf.filter((_, j) => j !== i) })} aria-label={`Remove ${label}, alternative ${i + 1}`}>
              ×
            </button>
          </div>
          <ClauseFields clause={alt} catalog={catalog} label={`${label}, alternative ${i + 1}`} eventsId={eventsId} onChange={(c) => onChange({ ...step, anyOf: step.anyOf.map((x, j) => (j === i ? c : x)) })} />
        </div>
      ))}
      <button type="button" className={smallButton} onClick={() => onChange({ ...step, anyOf: [...step.anyOf, { event: "", filters: [] }] })}>
        + Or another event
      </button>
    </div>
  );
}

/** The catalog's event names for every event input of the page. */
export function EventOptions({ id, catalog }: { id: string; catalog: CatalogEvent[] }) {
  return (
    <datalist id={id}>
      {catalog.map((e) => (
        <option key={e.event} value={e.event}>
          {eventLabel(e.event)}
        </option>
      ))}
    </datalist>
  );
}
