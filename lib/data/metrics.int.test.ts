// The metrics SQL equals the TypeScript on generated companies written out as events: the monthly
// aggregates row for row (aggregate() on the same facts), every dashboard figure (the brute-force
// reference), and the people behind figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { loadMetricFacts } from "../../tests/metrics-world";
import { DEFAULT_LIFECYCLE, type LifecycleSettings } from "../analytics/lifecycle";
import { aggregate } from "../metrics/aggregate";
import { differences } from "../metrics/close";
import { computeDashboard } from "../metrics/compute";
import { CUSTOMER_EVENT } from "../metrics/fact-rows";
import type { MetricFacts } from "../metrics/model";
import { addMonths, monthOf } from "../metrics/months";
import { randomFacts } from "../metrics/random-facts";
import { referenceDashboard } from "../metrics/reference";
import { DEFAULT_METRIC_SETTINGS, type MetricSettings } from "../metrics/settings";
import { figurePeople, metricAggregates, metricFacts } from "./metrics";

const NOW = new Date("2026-02-11T15:45:30.250Z");
const CUSTOM: LifecycleSettings = { ...DEFAULT_LIFECYCLE, customer: { event: CUSTOMER_EVENT, revenue: false } };
const SETTINGS: MetricSettings[] = [
  DEFAULT_METRIC_SETTINGS,
  { ...DEFAULT_METRIC_SETTINGS, currency: "EUR", nrrWindowMonths: 3, churnWindowMonths: 2, monthlyOverhead: 1500, realizedMonths: [2, 5] },
];

let t: TestDatabase;
let facts: MetricFacts;
beforeAll(async () => {
  t = await createTestDatabase();
  // Three companies side by side (distinct people), one of them without the awkward rows.
  const parts = [randomFacts(101, { people: 60, months: 14, now: NOW.getTime() }), randomFacts(102, { people: 50, months: 8, now: NOW.getTime() }), randomFacts(103, { people: 40, months: 20, now: NOW.getTime(), edgeCases: false })];
  facts = { now: NOW.getTime(), people: parts.flatMap((p) => p.people), spend: parts[0]!.spend };
  await loadMetricFacts(t.db, facts);
});
afterAll(() => t.close());

describe("metric aggregates in SQL", () => {
  it.each(SETTINGS.map((s, i) => [i, s] as const))("equal aggregate() on the same facts (settings %i)", async (_, settings) => {
    const sql = await metricAggregates(t.db, settings, CUSTOM, NOW);
    const ts = aggregate(facts, { currency: settings.currency, nrrWindowMonths: settings.nrrWindowMonths });
    expect(differences(sql, ts)).toEqual([]);
    // Something to compare: the EUR view sees only the few EUR payments.
    expect(sql.channelMonths.length).toBeGreaterThan(settings.currency === "USD" ? 50 : 5);
    expect(sql.cohorts.length).toBeGreaterThan(settings.currency === "USD" ? 50 : 2);
  });

  it("read back as facts, give the original facts' figures (the default lifecycle: first revenue > 0)", async () => {
    const back = await metricFacts(t.db, DEFAULT_LIFECYCLE, NOW);
    const sql = await metricAggregates(t.db, DEFAULT_METRIC_SETTINGS, DEFAULT_LIFECYCLE, NOW);
    expect(differences(sql, aggregate(back, { currency: "USD", nrrWindowMonths: 12 }))).toEqual([]);
    // Every person's payments came back (the merged-away profile's included, the noise left out).
    const paymentsOf = (f: MetricFacts) => f.people.reduce((n, p) => n + p.payments.filter((x) => x.at <= f.now).length, 0);
    expect(paymentsOf(back)).toBe(paymentsOf(facts));
  });

  it.each([
    ["the last three months", -2, 0, null],
    ["a year ending last month", -12, -1, null],
    ["paid channels over 18 months", -17, 0, ["Paid Search", "Paid Social", "Display"]],
    ["organic search, one month", -5, -5, ["Organic Search"]],
  ] as const)("every dashboard figure equals the brute-force reference: %s", async (_, fromOffset, toOffset, channels) => {
    const current = monthOf(NOW.getTime());
    const query = { from: addMonths(current, fromOffset), to: addMonths(current, toOffset), channels: channels ? [...channels] : null };
    for (const settings of SETTINGS) {
      const got = computeDashboard(await metricAggregates(t.db, settings, CUSTOM, NOW), settings, query);
      expect(differences(got, referenceDashboard(facts, settings, query))).toEqual([]);
    }
  });
});

describe("the people behind a figure", () => {
  const page = { limit: 1000, offset: 0 };
  const current = monthOf(NOW.getTime());
  const ref = (f: (d: ReturnType<typeof referenceDashboard>) => number, from: string, to: string, channels: string[] | null = null) =>
    f(referenceDashboard(facts, DEFAULT_METRIC_SETTINGS, { from, to, channels }));

  it("new customers: as many as the figure, each acquired in the range", async () => {
    const from = addMonths(current, -4);
    const res = await figurePeople(t.db, DEFAULT_METRIC_SETTINGS, CUSTOM, NOW, { figure: { kind: "new", from, to: current }, channels: ["Paid Search"] }, page);
    expect(res.total).toBe(ref((d) => d.kpis.newCustomers, from, current, ["Paid Search"]));
    expect(res.total).toBeGreaterThan(0);
    const want = new Set(facts.people.filter((p) => p.channel === "Paid Search" && p.customerAt !== null && monthOf(p.customerAt) >= from).map((p) => p.id));
    expect(new Set(res.rows.map((r) => r.id))).toEqual(want);
    expect(res.rows.every((r) => r.channel === "Paid Search" && r.customerAt !== null)).toBe(true);
  });

  it("paying customers and their MRR add up to the month's MRR", async () => {
    const month = addMonths(current, -1);
    const res = await figurePeople(t.db, DEFAULT_METRIC_SETTINGS, CUSTOM, NOW, { figure: { kind: "paying", month }, channels: null }, page);
    const d = referenceDashboard(facts, DEFAULT_METRIC_SETTINGS, { from: month, to: month, channels: null });
    expect(res.total).toBe(d.kpis.payingCustomers);
    expect(res.rows.reduce((n, r) => n + r.amount!, 0)).toBeCloseTo(d.kpis.mrr, 6);
  });

  it("movements: churned MRR over a range adds up, and pages cover everyone once", async () => {
    const from = addMonths(current, -11);
    const figure = { kind: "movement", movement: "churn", from, to: current } as const;
    const all = await figurePeople(t.db, DEFAULT_METRIC_SETTINGS, CUSTOM, NOW, { figure, channels: null }, page);
    const d = referenceDashboard(facts, DEFAULT_METRIC_SETTINGS, { from, to: current, channels: null });
    expect(all.rows.reduce((n, r) => n + r.amount!, 0)).toBeCloseTo(d.months.reduce((n, m) => n + m.movements.churn, 0), 6);
    const first = await figurePeople(t.db, DEFAULT_METRIC_SETTINGS, CUSTOM, NOW, { figure, channels: null }, { limit: 7, offset: 0 });
    const second = await figurePeople(t.db, DEFAULT_METRIC_SETTINGS, CUSTOM, NOW, { figure, channels: null }, { limit: 7, offset: 7 });
    expect(first.total).toBe(all.total);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(all.rows.slice(0, 14).map((r) => r.id));
    const beyond = await figurePeople(t.db, DEFAULT_METRIC_SETTINGS, CUSTOM, NOW, { figure, channels: null }, { limit: 7, offset: 100_000 });
    expect(beyond).toEqual({ rows: [], total: all.total });
  });

  it("a cohort's members still paying after N months match the retention cell", async () => {
    const cohort = addMonths(current, -6);
    const d = referenceDashboard(facts, DEFAULT_METRIC_SETTINGS, { from: cohort, to: cohort, channels: null });
    const cell = d.cohorts[0]!.cells[3]!;
    const res = await figurePeople(t.db, DEFAULT_METRIC_SETTINGS, CUSTOM, NOW, { figure: { kind: "cohort", cohort, age: 3 }, channels: null }, page);
    expect(res.total).toBe(cell.payingCustomers);
    expect(res.rows.reduce((n, r) => n + r.amount!, 0)).toBeCloseTo(cell.mrr, 6);
    const members = await figurePeople(t.db, DEFAULT_METRIC_SETTINGS, CUSTOM, NOW, { figure: { kind: "cohort", cohort, age: null }, channels: null }, page);
    expect(members.total).toBe(d.cohorts[0]!.customers);
  });
});
