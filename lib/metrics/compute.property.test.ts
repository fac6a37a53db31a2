// Property: on generated companies (random-facts.ts: upgrades, downgrades, skipped months, annual
// plans, refunds, other currencies, payments at month boundaries and exactly at a lapse), the
// production pipeline (aggregate → computeDashboard) gives what the brute-force reference gives, for
// random ranges, channel filters and settings. Plus identities the definitions imply.
import { describe, expect, it } from "vitest";
import { prng } from "../identity/seeded-random";
import { aggregate } from "./aggregate";
import { differences } from "./close";
import { computeDashboard, type MetricQuery } from "./compute";
import { addMonths, monthOf } from "./months";
import { RANDOM_CHANNELS, randomFacts } from "./random-facts";
import { referenceDashboard } from "./reference";
import { DEFAULT_METRIC_SETTINGS, type MetricSettings } from "./settings";

const NOW = Date.parse("2026-03-17T08:30:00Z");
const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);

function scenario(seed: number) {
  const rng = prng(seed * 7919);
  const facts = randomFacts(seed, { people: rng.int(20, 70), months: rng.int(6, 20), now: NOW + rng.int(0, 40) * 86_400_000 });
  const settings: MetricSettings = {
    ...DEFAULT_METRIC_SETTINGS,
    currency: rng.chance(0.2) ? "EUR" : "USD",
    grossMargin: rng.pick([0.8, 0.65, 1]),
    monthlyOverhead: rng.pick([0, 0, 2500]),
    churnWindowMonths: rng.int(1, 8),
    nrrWindowMonths: rng.int(1, 14),
    realizedMonths: rng.pick([[1, 3, 6, 12], [2], [1, 4, 9]]),
  };
  const current = monthOf(facts.now);
  const to = addMonths(current, -rng.int(0, 4));
  const from = addMonths(to, -rng.int(0, 9));
  const channels = rng.chance(0.35) ? RANDOM_CHANNELS.filter(() => rng.chance(0.4)) : null;
  const query: MetricQuery = { from, to, channels };
  return { facts, settings, query };
}

describe("the pipeline equals the brute-force reference", () => {
  it.each(SEEDS)("seed %i", (seed) => {
    const { facts, settings, query } = scenario(seed);
    const aggregates = aggregate(facts, { currency: settings.currency, nrrWindowMonths: settings.nrrWindowMonths });
    const got = computeDashboard(aggregates, settings, query);
    const want = referenceDashboard(facts, settings, query);
    expect(differences(got, want)).toEqual([]);
    // The scenario exercises something: customers, movements, cohorts.
    expect(want.months.length).toBeGreaterThan(0);
  });

  it("the generated companies hold every kind of movement, refunds and other currencies", () => {
    const kinds = new Set<string>();
    let excluded = 0;
    for (const seed of SEEDS) {
      const { facts } = scenario(seed);
      const a = aggregate(facts, { currency: "USD", nrrWindowMonths: 12 });
      for (const r of a.channelMonths) for (const [k, v] of Object.entries(r.moveCounts)) if (v > 0) kinds.add(k);
      excluded += a.excluded.length;
    }
    expect([...kinds].sort()).toEqual(["churn", "contraction", "expansion", "new", "reactivation"]);
    expect(excluded).toBeGreaterThan(0);
  });
});

describe("identities of the definitions", () => {
  it.each(SEEDS.slice(0, 8))("seed %i: MRR changes by exactly the net new MRR; NRR = 1 + the start customers' movements ÷ start MRR", (seed) => {
    const { facts, settings } = scenario(seed);
    const a = aggregate(facts, { currency: settings.currency, nrrWindowMonths: settings.nrrWindowMonths });
    const current = monthOf(facts.now);
    const d = computeDashboard(a, settings, { from: addMonths(current, -18), to: current, channels: null });
    for (let i = 1; i < d.months.length; i++) {
      expect(d.months[i]!.mrr - d.months[i - 1]!.mrr).toBeCloseTo(d.months[i]!.netNew, 6);
    }
    // Customers paying before minus those who churned plus new and reactivated = paying now.
    for (const m of d.months) {
      expect(m.customersBefore - m.movementCustomers.churn + m.movementCustomers.new + m.movementCustomers.reactivation).toBe(m.payingCustomers);
    }
    // NRR's numerator equals the reference's sum over the start customers (checked above); here: it never
    // exceeds all MRR at the end, and it is 0 when nobody paid at the start.
    const k = d.kpis;
    expect(k.nrr.retainedMrr).toBeLessThanOrEqual(k.mrr + 1e-9);
    if (k.nrr.startMrr === 0) expect(k.nrr.value).toBeNull();
  });
});
