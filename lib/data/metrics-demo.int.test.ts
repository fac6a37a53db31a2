// The metrics on the demo data: the SQL aggregates equal aggregate() over the same rows read back as
// facts, every dashboard figure equals the brute-force reference, and the story they tell is the
// one the generator promises (paid channels with CAC, renewals, churn, plan changes, comebacks).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { DEFAULT_LIFECYCLE } from "../analytics/lifecycle";
import { seedDemo } from "../demo/load";
import { aggregate } from "../metrics/aggregate";
import { differences } from "../metrics/close";
import { computeDashboard, type Dashboard } from "../metrics/compute";
import type { Aggregates, MetricFacts } from "../metrics/model";
import { addMonths } from "../metrics/months";
import { referenceDashboard } from "../metrics/reference";
import { DEFAULT_METRIC_SETTINGS, type MetricSettings } from "../metrics/settings";
import { loadDashboard, metricAggregates, metricContext, metricFacts } from "./metrics";

const OPTIONS = { profiles: 900, days: 240, seed: 42, anchor: "2025-06-30", password: "demo-test-password", skipAnalyze: true };
const NOW = new Date("2025-06-30T00:00:00Z");
const SETTINGS: MetricSettings = { ...DEFAULT_METRIC_SETTINGS, nrrWindowMonths: 3, monthlyOverhead: 2000 };

let t: TestDatabase;
let facts: MetricFacts;
let sql: Aggregates;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.url, OPTIONS);
  facts = await metricFacts(t.db, DEFAULT_LIFECYCLE, NOW);
  sql = await metricAggregates(t.db, SETTINGS, DEFAULT_LIFECYCLE, NOW);
}, 240_000);
afterAll(() => t.close());

describe("metrics on the demo data", () => {
  it("the SQL aggregates equal aggregate() over the same rows", () => {
    expect(differences(sql, aggregate(facts, { currency: "USD", nrrWindowMonths: SETTINGS.nrrWindowMonths }))).toEqual([]);
  });

  it.each([
    ["the default view (last three months)", "2025-04", "2025-06", null],
    ["every month of the window", "2024-11", "2025-06", null],
    ["paid social, complete months", "2025-01", "2025-05", ["Paid Social"]],
  ] as const)("every figure equals the brute-force reference: %s", (_, from, to, channels) => {
    const q = { from, to, channels: channels ? [...channels] : null };
    expect(differences(computeDashboard(sql, SETTINGS, q), referenceDashboard(facts, SETTINGS, q))).toEqual([]);
  });

  it("through the runner with the stored settings, the page's loader gives the same", async () => {
    const ctx = await metricContext(NOW);
    expect(ctx.settings).toEqual(DEFAULT_METRIC_SETTINGS);
    const q = { from: "2025-04", to: "2025-06", channels: null };
    const d = await loadDashboard(ctx, q);
    expect(differences(d, referenceDashboard(facts, DEFAULT_METRIC_SETTINGS, q))).toEqual([]);
  });

  describe("tells the story", () => {
    let d: Dashboard;
    beforeAll(() => {
      d = computeDashboard(sql, SETTINGS, { from: "2024-11", to: "2025-06", channels: null });
    });

    it("new customers in every channel, paid ones with a CAC, organic ones without", () => {
      const by = Object.fromEntries(d.channels.map((c) => [c.channel, c]));
      // Paid social converts worst in the story: few customers, but some.
      for (const c of ["Paid Search", "Paid Social"]) {
        expect(by[c]!.newCustomers, c).toBeGreaterThan(0);
        expect(by[c]!.cac, c).toBeGreaterThan(0);
      }
      for (const c of ["Organic Search", "Referral", "Email", "Direct"]) {
        expect(by[c]!.newCustomers, c).toBeGreaterThan(0);
        expect(by[c]!.cac, c).toBeNull();
      }
      expect(d.kpis.paidCac).toBeGreaterThan(0);
      expect(d.kpis.blendedCac).toBeLessThan(d.kpis.paidCac! + SETTINGS.monthlyOverhead * 8);
    });

    it("renewals keep MRR growing, churn and every other movement happen", () => {
      const moves = d.months.reduce(
        (n, m) => ({ new: n.new + m.movementCustomers.new, churn: n.churn + m.movementCustomers.churn, expansion: n.expansion + m.movementCustomers.expansion, contraction: n.contraction + m.movementCustomers.contraction, reactivation: n.reactivation + m.movementCustomers.reactivation }),
        { new: 0, churn: 0, expansion: 0, contraction: 0, reactivation: 0 },
      );
      expect(moves.new).toBeGreaterThan(50);
      expect(moves.churn).toBeGreaterThan(3);
      expect(moves.expansion).toBeGreaterThan(0);
      expect(moves.contraction + moves.reactivation).toBeGreaterThan(0);
      expect(d.kpis.mrr).toBeGreaterThan(d.months[2]!.mrr);
      expect(d.kpis.churn.rate).toBeGreaterThan(0.005);
      expect(d.kpis.churn.rate).toBeLessThan(0.15);
      expect(d.kpis.formulaLtv).toBeGreaterThan(d.kpis.arpa!);
      expect(d.kpis.nrr.value).toBeGreaterThan(0.6);
      expect(d.excluded).toEqual([]);
    });

    it("cohorts retain MRR month after month and realize revenue", () => {
      const jan = d.cohorts.find((c) => c.cohort === "2025-01")!;
      expect(jan.customers).toBeGreaterThan(4);
      expect(jan.cells.length).toBe(6);
      expect(jan.cells[3]!.retention).toBeGreaterThan(0.5);
      expect(jan.realized.find((r) => r.months === 3)!.ltv).toBeGreaterThan(0);
      // The partial current month is marked.
      expect(jan.cells.at(-1)!.partial).toBe(true);
      expect(addMonths(jan.cohort, 5)).toBe(d.currentMonth);
    });
  });
});
