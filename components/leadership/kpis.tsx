// The KPI tiles: each figure with its change against the previous period of the same length, the
// inputs it was computed from, its definition, a link to the people behind it, and a warning when it
// rests on fewer than 30 customers.
import Link from "next/link";
import type { Dashboard, Kpis } from "@/lib/metrics/compute";
import type { Definition } from "@/lib/metrics/definitions";
import { isPaidChannel, PAID_CHANNELS } from "@/lib/metrics/model";
import { peopleHref, rangeLabel } from "@/lib/metrics/query";
import { formatCurrency, formatInt, formatPercent } from "@/lib/format";
import { FewWarning } from "./parts";

type Format = "money" | "ratio" | "months" | "count" | "percent";

interface Tile {
  label: string;
  value: (k: Kpis) => number | null;
  format: Format;
  /** Whether a rise is good news (colours the change). */
  higherIsBetter: boolean;
  inputs: (k: Kpis) => string;
  definition: Definition;
  people: (k: Kpis) => string;
  peopleLabel: string;
  basis: (k: Kpis) => number;
}

function show(v: number | null, f: Format, currency: string): string {
  if (v === null) return "—";
  switch (f) {
    case "money":
      return formatCurrency(v, currency, v !== 0 && Math.abs(v) < 100 ? 2 : 0);
    case "ratio":
      return `${v.toFixed(2)}×`;
    case "months":
      return `${v.toFixed(1)} months`;
    case "count":
      return formatInt(v);
    case "percent":
      return formatPercent(v);
  }
}

function change(now: number | null, before: number | null, f: Format): { text: string; dir: number } | null {
  if (now === null || before === null) return null;
  if (f === "percent") {
    const pts = (now - before) * 100;
    return { text: `${pts >= 0 ? "+" : "−"}${Math.abs(pts).toFixed(1)} pts`, dir: Math.sign(pts) };
  }
  if (before === 0) return now === 0 ? { text: "no change", dir: 0 } : null;
  const rel = (now - before) / Math.abs(before);
  return { text: `${rel >= 0 ? "+" : "−"}${Math.abs(rel * 100).toFixed(rel !== 0 && Math.abs(rel) < 0.1 ? 1 : 0)} %`, dir: Math.sign(rel) };
}

export function KpiTiles({ d, defs }: { d: Dashboard; defs: Record<Definition, string> }) {
  const c = d.currency;
  const m = (n: number) => formatCurrency(n, c);
  const ch = d.query.channels;
  const paidChannels = ch ? ch.filter(isPaidChannel) : [...PAID_CHANNELS];
  const churnPeople = (k: Kpis) => {
    const months = k.churn.months;
    return peopleHref({ kind: "movement", movement: "churn", from: months[0]!.month, to: months[months.length - 1]!.month }, ch);
  };
  const tiles: Tile[] = [
    {
      label: "Blended CAC",
      value: (k) => k.blendedCac,
      format: "money",
      higherIsBetter: false,
      inputs: (k) => `(${m(k.spend)} spend + ${m(k.overhead)} overhead) ÷ ${formatInt(k.newCustomers)} new customers`,
      definition: "blendedCac",
      people: (k) => peopleHref({ kind: "new", from: k.from, to: k.to }, ch),
      peopleLabel: "new customers",
      basis: (k) => k.newCustomers,
    },
    {
      label: "Paid CAC",
      value: (k) => k.paidCac,
      format: "money",
      higherIsBetter: false,
      inputs: (k) => `${m(k.paidSpend)} paid spend ÷ ${formatInt(k.paidNewCustomers)} customers from paid channels`,
      definition: "paidCac",
      people: (k) => peopleHref({ kind: "new", from: k.from, to: k.to }, paidChannels.length ? paidChannels : [...PAID_CHANNELS]),
      peopleLabel: "customers from paid channels",
      basis: (k) => k.paidNewCustomers,
    },
    {
      label: "Formula LTV",
      value: (k) => k.formulaLtv,
      format: "money",
      higherIsBetter: true,
      inputs: (k) => `${k.arpa === null ? "—" : formatCurrency(k.arpa, c, 2)} ARPA × margin ÷ ${k.churn.rate === null ? "—" : formatPercent(k.churn.rate)} churn`,
      definition: "formulaLtv",
      people: (k) => peopleHref({ kind: "paying", month: k.to }, ch),
      peopleLabel: "paying customers",
      basis: (k) => k.payingCustomers,
    },
    {
      label: "LTV:CAC",
      value: (k) => k.ltvToCac,
      format: "ratio",
      higherIsBetter: true,
      inputs: (k) => `${k.formulaLtv === null ? "—" : m(k.formulaLtv)} LTV ÷ ${k.blendedCac === null ? "—" : m(k.blendedCac)} blended CAC`,
      definition: "ltvToCac",
      people: (k) => peopleHref({ kind: "new", from: k.from, to: k.to }, ch),
      peopleLabel: "new customers",
      basis: (k) => Math.min(k.newCustomers, k.payingCustomers),
    },
    {
      label: "CAC payback",
      value: (k) => k.paybackMonths,
      format: "months",
      higherIsBetter: false,
      inputs: (k) => `${k.blendedCac === null ? "—" : m(k.blendedCac)} CAC ÷ (${k.arpa === null ? "—" : formatCurrency(k.arpa, c, 2)} ARPA × margin)`,
      definition: "payback",
      people: (k) => peopleHref({ kind: "new", from: k.from, to: k.to }, ch),
      peopleLabel: "new customers",
      basis: (k) => Math.min(k.newCustomers, k.payingCustomers),
    },
    {
      label: "New customers",
      value: (k) => k.newCustomers,
      format: "count",
      higherIsBetter: true,
      inputs: (k) => `acquired ${rangeLabel(k.from, k.to)}`,
      definition: "newCustomers",
      people: (k) => peopleHref({ kind: "new", from: k.from, to: k.to }, ch),
      peopleLabel: "new customers",
      basis: (k) => k.newCustomers,
    },
    {
      label: "MRR",
      value: (k) => k.mrr,
      format: "money",
      higherIsBetter: true,
      inputs: (k) => `${formatInt(k.payingCustomers)} paying × ${k.arpa === null ? "—" : formatCurrency(k.arpa, c, 2)} ARPA, end of ${rangeLabel(k.to, k.to)}${k.to === d.currentMonth ? " (so far)" : ""}`,
      definition: "mrr",
      people: (k) => peopleHref({ kind: "paying", month: k.to }, ch),
      peopleLabel: "paying customers",
      basis: (k) => k.payingCustomers,
    },
    {
      label: "ARR",
      value: (k) => k.arr,
      format: "money",
      higherIsBetter: true,
      inputs: (k) => `12 × ${m(k.mrr)} MRR`,
      definition: "arr",
      people: (k) => peopleHref({ kind: "paying", month: k.to }, ch),
      peopleLabel: "paying customers",
      basis: (k) => k.payingCustomers,
    },
    {
      label: "Net revenue retention",
      value: (k) => k.nrr.value,
      format: "percent",
      higherIsBetter: true,
      inputs: (k) =>
        k.nrr.startMrr > 0 ? `${m(k.nrr.retainedMrr)} now ÷ ${m(k.nrr.startMrr)} in ${rangeLabel(k.nrr.startMonth, k.nrr.startMonth)}` : `nobody paid in ${rangeLabel(k.nrr.startMonth, k.nrr.startMonth)}: needs that much history`,
      definition: "nrr",
      people: (k) => peopleHref({ kind: "paying", month: k.nrr.startMonth }, ch),
      peopleLabel: "customers paying at the start",
      basis: (k) => k.nrr.customers,
    },
    {
      label: "Customer churn",
      value: (k) => k.churn.rate,
      format: "percent",
      higherIsBetter: false,
      inputs: (k) => {
        const used = k.churn.months.filter((x) => x.rate !== null);
        return used.length ? `monthly mean of ${used.map((x) => `${x.churned}/${x.base}`).join(", ")}` : "nobody paid in the window's months";
      },
      definition: "churn",
      people: churnPeople,
      peopleLabel: "churned customers",
      basis: (k) => Math.max(0, ...k.churn.months.map((x) => x.base)),
    },
  ];
  const prevRange = rangeLabel(d.previous.from, d.previous.to);
  return (
    <section aria-label="Key figures" className="mb-6">
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {tiles.map((t) => {
          const v = t.value(d.kpis);
          const delta = change(v, t.value(d.previous), t.format);
          const good = delta && delta.dir !== 0 ? (delta.dir > 0) === t.higherIsBetter : null;
          return (
            <div key={t.label} className="flex flex-col rounded-lg border border-slate-200 bg-white p-3" data-testid="kpi">
              <dt className="text-sm font-medium text-slate-600">{t.label}</dt>
              <dd className="mt-1 flex flex-wrap items-baseline gap-x-2">
                <Link href={t.people(d.kpis)} className="text-2xl font-semibold text-slate-900 hover:text-brand-700 hover:underline" aria-label={`${t.label}: ${show(v, t.format, c)} — see the ${t.peopleLabel}`}>
                  {show(v, t.format, c)}
                </Link>
                <FewWarning n={t.basis(d.kpis)} />
              </dd>
              <dd className={`text-xs ${good === null ? "text-slate-500" : good ? "text-emerald-700" : "text-red-700"}`}>
                {delta ? `${delta.text} vs ${prevRange}` : `no comparable figure for ${prevRange}`}
              </dd>
              <dd className="mt-1 text-xs text-slate-600">{t.inputs(d.kpis)}</dd>
              <dd className="mt-1 text-[11px] leading-snug text-slate-500">{defs[t.definition]}</dd>
            </div>
          );
        })}
      </dl>
      <p className="mt-2 text-xs text-slate-500">
        MRR, ARR and paying customers are taken at the end of {rangeLabel(d.query.to, d.query.to)}
        {d.query.to === d.currentMonth ? " — the current month, so as of now (renewals still due this month are not churn)" : ""}; churn averages the complete months{" "}
        {rangeLabel(d.kpis.churn.months[0]!.month, d.kpis.churn.months[d.kpis.churn.months.length - 1]!.month)}. Changes compare with {prevRange}, the period of the same length just before.
      </p>
    </section>
  );
}
