"use client";
// Small pieces the analytics reports share: the run status line (loading, waiting for the embedded
// database, errors), a definitions list, date-range fields and a labelled field wrapper.
import { filterControl } from "@/components/data-table/filters";

export type RunState<T> =
  | { status: "idle" }
  | { status: "loading"; busySeconds?: number; previous?: T }
  | { status: "error"; code: string; message: string; previous?: T }
  | { status: "done"; data: T };

export function resultOf<T>(s: RunState<T>): T | undefined {
  return s.status === "done" ? s.data : s.status === "loading" || s.status === "error" ? s.previous : undefined;
}

export function RunStatus({ state, what }: { state: RunState<unknown>; what: string }) {
  return (
    <div aria-live="polite" className="min-h-6 text-sm">
      {state.status === "loading" ? (
        <p role="status" className="text-slate-600">
          {state.busySeconds ? `Another analysis is running on the embedded database; trying again in ${state.busySeconds} s…` : `Computing ${what}…`}
        </p>
      ) : state.status === "error" ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
          {state.message} <span className="text-red-600">({state.code})</span>
        </p>
      ) : null}
    </div>
  );
}

export function Definitions({ items, title = "How these numbers are counted" }: { items: [string, React.ReactNode][]; title?: string }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 className="mb-2 font-semibold">{title}</h2>
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
        {items.map(([term, text]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-800">{term}</dt>
            <dd className="text-slate-600">{text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function Field({ label, children, hint }: { label: string; children: React.ReactNode; hint?: string }) {
  return (
    <label className="flex flex-col text-sm font-medium">
      {label}
      <span className="mt-1 font-normal">{children}</span>
      {hint ? <span className="mt-0.5 text-xs font-normal text-slate-500">{hint}</span> : null}
    </label>
  );
}

export function DayRange({ from, to, onChange }: { from: string; to: string; onChange: (from: string, to: string) => void }) {
  return (
    <>
      <Field label="From (UTC)">
        <input type="date" required value={from} max={to} onChange={(e) => onChange(e.target.value, to)} className={filterControl} />
      </Field>
      <Field label="To (UTC, included)">
        <input type="date" required value={to} min={from} onChange={(e) => onChange(from, e.target.value)} className={filterControl} />
      </Field>
    </>
  );
}

/** A report's settings: its fields in a row, then the button that runs it. */
export function SettingsForm({ label, submitLabel, running, onSubmit, children }: { label: string; submitLabel: string; running: boolean; onSubmit: () => void; children: React.ReactNode }) {
  return (
    <form
      aria-label={label}
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <button type="submit" disabled={running} className={runButton}>
        {submitLabel}
      </button>
    </form>
  );
}

export const runButton = "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
export const tableClass = "min-w-full text-sm";
export const thClass = "border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
export const tdClass = "px-3 py-1.5 whitespace-nowrap";
