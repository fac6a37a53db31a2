// The hand-worked fixture (fixture.ts): a small company from January to June 2025, "now" 15 June noon
// (June is the partial current month). Every expected number below is worked out in the comments;
// both the production pipeline (aggregate → computeDashboard) and the brute-force reference must
// give them.
import { describe, expect, it } from "vitest";
import { aggregate } from "./aggregate";
import { computeDashboard, type Dashboard, type MetricQuery } from "./compute";
import { FIXTURE, FIXTURE_SETTINGS as S } from "./fixture";
import { referenceDashboard } from "./reference";

// MRR by person at each month's sample (the month's last instant; June: now, 15 June noon):
//        Jan  Feb  Mar  Apr  May  Jun
//   A    100  100  100  100  100  100   (pays on the 10th)
//   B     50   50  150  150  150  150   (upgrade in March; 20 May payment covers until 20 June > now)
//   C      0  200  200  100    0    0   (downgrade in April; 5 April payment lapses 5 May)
//   D      0  100  100  100  100  100   ($1,200 a year = $100 a month; the $300 set-up fee is not MRR)
//   E      0    0   80    0   80   80   (1 March 00:00 covers until 1 April 00:00, so 31 March 23:59:59.999)
//   F      0    0    0  120    0    0   (the refund lowers revenue, not MRR)
//   G, H   0 …                          (G pays in EUR; H only had a refund)
//   MRR  150  450  630  570  430  430
//   paying 2    4    5    5    4    4
// Movements: Jan new 150 (A, B) · Feb new 300 (C, D) · Mar new 80 (E), expansion 100 (B)
//   Apr new 120 (F), contraction 100 (C), churn 80 (E) · May reactivation 80 (E), churn 220 (C 100, F 120) · Jun none.
//   Check: 0 +150 = 150, +300 = 450, +180 = 630, −60 = 570, −140 = 430, +0 = 430.
// Cohorts (first payment > 0): Jan A, B · Feb C, D · Mar E, G · Apr F.

const pipeline = (q: MetricQuery) => computeDashboard(aggregate(FIXTURE, { currency: S.currency, nrrWindowMonths: S.nrrWindowMonths }), S, q);
const reference = (q: MetricQuery) => referenceDashboard(FIXTURE, S, q);

describe.each([
  ["the production pipeline", pipeline],
  ["the brute-force reference", reference],
] as const)("hand-worked fixture: %s", (_, run: (q: MetricQuery) => Dashboard) => {
  const d = run({ from: "2025-04", to: "2025-06", channels: null });
  const early = run({ from: "2025-01", to: "2025-03", channels: null });

  it("CAC: blended, paid and by channel", () => {
    // Apr–Jun: one new customer (F). Spend in USD: Paid Search 1,000 + 1,000 + 500, Paid Social 1,500 =
    // 4,000 (May's €700 is left out); overhead 3 × 1,000. Blended = 7,000 ÷ 1; paid = 4,000 ÷ 1 (F is Paid Social).
    expect(d.kpis).toMatchObject({ newCustomers: 1, spend: 4000, overhead: 3000, blendedCac: 7000, paidSpend: 4000, paidNewCustomers: 1, paidCac: 4000 });
    // Jan–Mar: A, B, C, D, E, G = 6. Spend 3,000 + 1,000 + 1,000 (Paid Search) + 2,000 + 0 (Paid Social) + 400 (Email)
    // = 7,400, + 3,000 overhead → 10,400 ÷ 6. Paid: 7,000 ÷ 3 (A, B, C).
    expect(early.kpis.newCustomers).toBe(6);
    expect(early.kpis.blendedCac).toBeCloseTo(10_400 / 6, 9);
    expect(early.kpis.paidCac).toBeCloseTo(7000 / 3, 9);
    // The previous period of Apr–Jun is Jan–Mar.
    expect(d.previous).toEqual(early.kpis);
    // By channel, Apr–Jun: Paid Search spent 2,500 but won nobody (no CAC); Paid Social 1,500 for F;
    // Organic Search and Referral have no spend (organic: no CAC).
    expect(d.channels.map((c) => [c.channel, c.spend, c.newCustomers, c.cac])).toEqual([
      ["Organic Search", 0, 0, null],
      ["Paid Search", 2500, 0, null],
      ["Paid Social", 1500, 1, 1500],
      ["Referral", 0, 0, null],
    ]);
    expect(d.cacByMonth).toEqual([
      { month: "2025-04", channel: "Paid Search", spend: 1000, newCustomers: 0, cac: null },
      { month: "2025-04", channel: "Paid Social", spend: 1500, newCustomers: 1, cac: 1500 },
      { month: "2025-05", channel: "Paid Search", spend: 1000, newCustomers: 0, cac: null },
      { month: "2025-06", channel: "Paid Search", spend: 500, newCustomers: 0, cac: null },
    ]);
  });

  it("MRR, ARR, ARPA, churn, formula LTV, LTV:CAC and payback", () => {
    // June (partial, as of now): MRR 430, ARR 5,160, 4 paying → ARPA 107.50.
    expect(d.kpis).toMatchObject({ mrr: 430, arr: 5160, payingCustomers: 4, arpa: 107.5 });
    // Churn window: the 6 complete months ending May (June is partial): Dec–May. Dec and Jan have
    // nobody paying the month before (skipped); Feb 0/2, Mar 0/4, Apr 1/5 (E), May 2/5 (C, F).
    // Mean (0 + 0 + 0.2 + 0.4) ÷ 4 = 0.15.
    expect(d.kpis.churn.rate).toBeCloseTo(0.15, 12);
    expect(d.kpis.churn.months.map((m) => [m.month, m.base, m.churned])).toEqual([
      ["2024-12", 0, 0],
      ["2025-01", 0, 0],
      ["2025-02", 2, 0],
      ["2025-03", 4, 0],
      ["2025-04", 5, 1],
      ["2025-05", 5, 2],
    ]);
    // Formula LTV = 107.50 × 0.8 ÷ 0.15 = 573.33; LTV:CAC = 573.33 ÷ 7,000; payback = 7,000 ÷ (107.50 × 0.8) = 81.40 months.
    expect(d.kpis.formulaLtv).toBeCloseTo(573.3333333, 6);
    expect(d.kpis.ltvToCac).toBeCloseTo(573.3333333 / 7000, 9);
    expect(d.kpis.paybackMonths).toBeCloseTo(7000 / 86, 9);
    // Jan–Mar ends at a complete month (March): churn over Oct–Mar = Feb 0/2, Mar 0/4 → 0, so formula LTV is undefined.
    expect(early.kpis).toMatchObject({ mrr: 630, payingCustomers: 5, arpa: 126, formulaLtv: null, ltvToCac: null });
    expect(early.kpis.churn.rate).toBe(0);
    expect(early.kpis.paybackMonths).toBeCloseTo(10_400 / 6 / (126 * 0.8), 9);
  });

  it("NRR over the 3-month window", () => {
    // Start = March: A 100, B 150, C 200, D 100, E 80 = 630. The same people in June: 100 + 150 + 0 + 100 + 80 = 430.
    expect(d.kpis.nrr).toEqual({ value: 430 / 630, startMonth: "2025-03", startMrr: 630, retainedMrr: 430, customers: 5 });
    // Jan–Mar looks back to December: nobody paid, so NRR is undefined.
    expect(early.kpis.nrr.value).toBeNull();
  });

  it("MRR movements by month, June marked partial", () => {
    const rows = d.months.map((m) => [m.month, m.partial, m.mrr, m.movements, m.netNew, m.customersBefore, m.customerChurn]);
    expect(rows).toEqual([
      ["2025-04", false, 570, { new: 120, expansion: 0, contraction: 100, churn: 80, reactivation: 0 }, -60, 5, 1 / 5],
      ["2025-05", false, 430, { new: 0, expansion: 0, contraction: 0, churn: 220, reactivation: 80 }, -140, 5, 2 / 5],
      ["2025-06", true, 430, { new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 }, 0, 4, 0],
    ]);
    expect(early.months.map((m) => [m.month, m.movements.new, m.movements.expansion, m.mrr])).toEqual([
      ["2025-01", 150, 0, 150],
      ["2025-02", 300, 0, 450],
      ["2025-03", 80, 100, 630],
    ]);
    // Revenue Apr–Jun (USD, refunds net): Apr 100 + 150 + 100 + 120 − 120 = 350; May 100 + 150 + 80 = 330; Jun 100 + 80 = 180.
    expect(d.months.map((m) => m.revenue)).toEqual([350, 330, 180]);
    expect(d.kpis.revenue).toBe(860);
  });

  it("by channel: ARPA, churn and formula LTV", () => {
    const byName = Object.fromEntries(d.channels.map((c) => [c.channel, c]));
    // Referral: E pays 80 in June; churn Apr 1/1 (E), May skipped (nobody paid in April) → 1; LTV = 80 × 0.8 ÷ 1.
    expect(byName.Referral).toMatchObject({ mrr: 80, payingCustomers: 1, arpa: 80, churn: 1, formulaLtv: 64, ltvToCac: null, paybackMonths: null });
    // Paid Social: nobody pays in June (no ARPA, no LTV); churn Mar 0/1, Apr 0/1, May 2/2 → 1/3.
    expect(byName["Paid Social"]).toMatchObject({ mrr: 0, arpa: null, formulaLtv: null, paid: true });
    expect(byName["Paid Social"]!.churn).toBeCloseTo(1 / 3, 12);
    // Paid Search: A and B never churned → churn 0 → LTV undefined.
    expect(byName["Paid Search"]).toMatchObject({ mrr: 250, payingCustomers: 2, arpa: 125, churn: 0, formulaLtv: null });
  });

  it("cohorts: size, CAC, realized LTV and MRR retention", () => {
    const [jan, feb, mar] = early.cohorts;
    // January: A, B; spend 3,000 + 1,000 overhead → CAC 2,000.
    // Realized after 1 month: (100 + 50) × 0.8 ÷ 2 = 60; after 3: (300 + 250) × 0.8 ÷ 2 = 220 (LTV:CAC 0.11).
    expect(jan).toMatchObject({ cohort: "2025-01", customers: 2, spend: 3000, overhead: 1000, cac: 2000 });
    expect(jan!.realized.map((r) => [r.months, r.customers, r.revenue, r.ltv, r.ltvToCac])).toEqual([
      [1, 2, 150, 60, 0.03],
      [3, 2, 550, 220, 0.11],
    ]);
    // MRR retention vs January's 150: 150, 150, 250, 250, 250, 250 (June partial).
    expect(jan!.cells.map((c) => [c.month, c.mrr, c.retention, c.partial])).toEqual([
      ["2025-01", 150, 1, false],
      ["2025-02", 150, 1, false],
      ["2025-03", 250, 250 / 150, false],
      ["2025-04", 250, 250 / 150, false],
      ["2025-05", 250, 250 / 150, false],
      ["2025-06", 250, 250 / 150, true],
    ]);
    // February: C, D; spend 1,000 + 2,000 + 1,000 overhead → CAC 2,000. Month 0 revenue 200 + 1,200 + 300 = 1,700
    // → 680; three months 1,700 + 200 + 100 = 2,000 → 800. Retention 300, 300, 200, 100, 100.
    expect(feb).toMatchObject({ customers: 2, cac: 2000 });
    expect(feb!.realized.map((r) => r.ltv)).toEqual([680, 800]);
    expect(feb!.cells.map((c) => c.mrr)).toEqual([300, 300, 200, 100, 100]);
    // March: E, G; spend 1,000 + 0 + 400 + 1,000 overhead → CAC 1,200. USD revenue only (G pays in EUR):
    // month 0: 80 → 32; months 0–2: 80 + 0 + 80 → 64. Retention vs 80: 1, 0, 1, 1.
    expect(mar).toMatchObject({ customers: 2, cac: 1200 });
    expect(mar!.realized.map((r) => r.ltv)).toEqual([32, 64]);
    expect(mar!.cells.map((c) => c.retention)).toEqual([1, 0, 1, 1]);
    // Apr–Jun: April's cohort (F) has completed 1 month: revenue 120 − 120 = 0 → LTV 0; none has completed 3.
    expect(d.cohorts[0]!.realized.map((r) => [r.customers, r.ltv])).toEqual([
      [1, 0],
      [0, null],
    ]);
  });

  it("money in another currency is left out and reported", () => {
    // G's €90 in April and May, and €700 of Paid Social spend in May.
    expect(d.excluded).toEqual([{ currency: "EUR", revenue: 180, spend: 700 }]);
    expect(early.excluded).toEqual([{ currency: "EUR", revenue: 90, spend: 0 }]);
  });

  it("a channel filter keeps only those channels and drops the overhead", () => {
    const social = run({ from: "2025-01", to: "2025-06", channels: ["Paid Social"] });
    // Paid Social over six months: C (Feb) and F (Apr); spend 2,000 + 0 + 1,500 (USD) → CAC 1,750, no overhead.
    expect(social.kpis).toMatchObject({ newCustomers: 2, spend: 3500, overhead: 0, blendedCac: 1750, mrr: 0 });
    expect(social.channels.map((c) => c.channel)).toEqual(["Paid Social"]);
  });
});

describe("realized LTV by channel over the range", () => {
  it("counts only cohorts that have completed the horizon", () => {
    const d = pipeline({ from: "2025-01", to: "2025-03", channels: null });
    const ps = d.channels.find((c) => c.channel === "Paid Search")!;
    // Paid Search cohorts: January (A, B). After 1 month: 150 × 0.8 ÷ 2 = 60; after 3: 550 × 0.8 ÷ 2 = 220.
    expect(ps.realized.map((r) => [r.customers, r.ltv])).toEqual([
      [2, 60],
      [2, 220],
    ]);
  });
});
