"use client";
// Settings → Lifecycle events: for each moment (signed up, trial started, became a customer) the track
// event that marks it and/or "any event with revenue > 0". Saved through lib/actions/lifecycle.ts.
import { useId, useState, useTransition } from "react";
import { DEFAULT_LIFECYCLE, LIFECYCLE_LABELS, LIFECYCLE_STAGES, type LifecycleSettings } from "@/lib/analytics/lifecycle";
import { resetLifecycleAction, saveLifecycleAction } from "@/lib/actions/lifecycle";

const input = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500";
const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50";

export function LifecycleEventsEditor({ settings, isDefault, eventNames, updatedBy }: { settings: LifecycleSettings; isDefault: boolean; eventNames: string[]; updatedBy: string | null }) {
  const uid = useId();
  const [form, setForm] = useState(settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function save(e: React.FormEvent) {
    e.preventDefault();
    setStatus(null);
    start(async () => {
      const res = await saveLifecycleAction(form);
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        setStatus(res.message);
        return;
      }
      setErrors({});
      setStatus("Saved. Every view reads the new definitions from now on.");
    });
  }
  function reset() {
    start(async () => {
      const res = await resetLifecycleAction({ confirm: true });
      if (res.ok) {
        setForm(DEFAULT_LIFECYCLE);
        setErrors({});
        setStatus("Back to the defaults.");
      } else setStatus(res.message);
    });
  }

  return (
    <form onSubmit={save} aria-labelledby="lifecycle-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <p className="text-sm text-slate-700">
        One definition for every view: the Customer 360 summary, Journeys, funnels, attribution and the CAC/LTV dashboards read these. Only track events from non-CRM
        sources count; a moment is reached by the person&apos;s first such event. {isDefault ? "These are the defaults." : updatedBy ? `Last changed by ${updatedBy}.` : null}
      </p>
      <datalist id={`${uid}-events`}>
        {eventNames.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <div className="grid gap-4 md:grid-cols-3">
        {LIFECYCLE_STAGES.map((stage) => {
          const err = errors[`${stage}.event`];
          return (
            <fieldset key={stage} className="rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-semibold">{LIFECYCLE_LABELS[stage]}</legend>
              <label htmlFor={`${uid}-${stage}`} className="text-xs font-medium text-slate-800">
                Event name
              </label>
              <input
                id={`${uid}-${stage}`}
                list={`${uid}-events`}
                value={form[stage].event ?? ""}
                onChange={(e) => setForm({ ...form, [stage]: { ...form[stage], event: e.target.value } })}
                aria-invalid={err ? true : undefined}
                aria-describedby={err ? `${uid}-${stage}-error` : undefined}
                className={input}
                placeholder="none"
              />
              <label className="mt-2 flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" checked={form[stage].revenue} onChange={(e) => setForm({ ...form, [stage]: { ...form[stage], revenue: e.target.checked } })} className="h-4 w-4" />
                or any event with revenue &gt; 0
              </label>
              {err ? (
                <p id={`${uid}-${stage}-error`} className="mt-1 text-xs text-red-700">
                  {err}
                </p>
              ) : null}
            </fieldset>
          );
        })}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-600 disabled:opacity-50">
          {pending ? "Saving…" : "Save lifecycle events"}
        </button>
        <button type="button" disabled={pending || isDefault} onClick={reset} className={button}>
          Reset to defaults
        </button>
        <p role="status" className="text-sm text-slate-800">
          {status}
        </p>
      </div>
    </form>
  );
}
