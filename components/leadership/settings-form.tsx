"use client";
// The metric settings form (leadership and admins): reporting currency, gross margin, overhead and
// the windows. Read-only for other roles.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveMetricSettingsAction } from "@/app/(app)/leadership/actions";
import type { MetricSettings } from "@/lib/metrics/settings";

export function MetricSettingsForm({ settings, canEdit }: { settings: MetricSettings; canEdit: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [form, setForm] = useState({
    currency: settings.currency,
    grossMarginPercent: String(Math.round(settings.grossMargin * 10000) / 100),
    monthlyOverhead: String(settings.monthlyOverhead),
    churnWindowMonths: String(settings.churnWindowMonths),
    nrrWindowMonths: String(settings.nrrWindowMonths),
    realizedMonths: settings.realizedMonths.join(", "),
  });
  const [result, setResult] = useState<{ ok: boolean; text: string; fields?: Record<string, string> } | null>(null);
  const field = (name: keyof typeof form, label: string, hint: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      <input
        name={name}
        value={form[name]}
        disabled={!canEdit}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
        aria-invalid={result?.fields?.[name] ? true : undefined}
        className="w-48 rounded-md border border-slate-300 px-2 py-1 disabled:bg-slate-50"
        {...props}
      />
      <span className="text-xs text-slate-500">{result?.fields?.[name] ?? hint}</span>
    </label>
  );
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        setResult(null);
        startTransition(async () => {
          const res = await saveMetricSettingsAction({
            currency: form.currency,
            grossMarginPercent: Number(form.grossMarginPercent),
            monthlyOverhead: Number(form.monthlyOverhead),
            churnWindowMonths: Number(form.churnWindowMonths),
            nrrWindowMonths: Number(form.nrrWindowMonths),
            realizedMonths: form.realizedMonths
              .split(/[,\s]+/)
              .filter(Boolean)
              .map(Number),
          });
          if (!res.ok) setResult({ ok: false, text: res.message, fields: res.fieldErrors });
          else {
            setResult({ ok: true, text: "Saved. Every figure now uses these settings." });
            router.refresh();
          }
        });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {field("currency", "Reporting currency", "Three-letter ISO code. Revenue and spend in other currencies are left out (and listed).", { maxLength: 3 })}
        {field("grossMarginPercent", "Gross margin (%)", "LTV and payback count margin, not revenue.", { inputMode: "decimal" })}
        {field("monthlyOverhead", "Monthly sales & marketing overhead", "Salaries, tools… added to spend in blended CAC, per month.", { inputMode: "decimal" })}
        {field("churnWindowMonths", "Churn window (months)", "Customer churn averages this many complete months.", { inputMode: "numeric" })}
        {field("nrrWindowMonths", "NRR window (months)", "Net revenue retention looks back this far (12 is the usual).", { inputMode: "numeric" })}
        {field("realizedMonths", "Realized LTV after (months)", "Up to six horizons, e.g. 1, 3, 6, 12.")}
      </div>
      {canEdit ? (
        <div className="flex items-center gap-3">
          <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
            {pending ? "Saving…" : "Save settings"}
          </button>
          {result ? (
            <p role={result.ok ? "status" : "alert"} className={`text-sm ${result.ok ? "text-emerald-700" : "text-red-700"}`}>
              {result.text}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-slate-600">Leadership and admins change these settings.</p>
      )}
    </form>
  );
}
