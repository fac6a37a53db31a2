// A small company over six months (January–June 2025, "now" = 15 June noon UTC), every figure of it
// worked out by hand in compute.test.ts.
import type { MetricFacts, Payment } from "./model";
import type { MetricSettings } from "./settings";

const at = (iso: string) => Date.parse(iso);
const monthly = (iso: string, dollars: number, currency = "USD"): Payment => ({ at: at(iso), cents: dollars * 100, currency, periodMonths: 1 });

export const FIXTURE_NOW = at("2025-06-15T12:00:00Z");

export const FIXTURE_SETTINGS: MetricSettings = {
  currency: "USD",
  grossMargin: 0.8,
  monthlyOverhead: 1000,
  churnWindowMonths: 6,
  nrrWindowMonths: 3,
  realizedMonths: [1, 3],
};

export const FIXTURE: MetricFacts = {
  now: FIXTURE_NOW,
  people: [
    // A pays $100 on the 10th of every month.
    { id: "A", channel: "Paid Search", customerAt: at("2025-01-10T09:00:00Z"), payments: ["01", "02", "03", "04", "05", "06"].map((m) => monthly(`2025-${m}-10T09:00:00Z`, 100)) },
    // B starts at $50, upgrades to $150 in March, pays last on 20 May (covered until 20 June).
    {
      id: "B",
      channel: "Paid Search",
      customerAt: at("2025-01-20T10:00:00Z"),
      payments: [monthly("2025-01-20T10:00:00Z", 50), monthly("2025-02-20T10:00:00Z", 50), monthly("2025-03-20T10:00:00Z", 150), monthly("2025-04-20T10:00:00Z", 150), monthly("2025-05-20T10:00:00Z", 150)],
    },
    // C pays $200, downgrades to $100 in April, then stops (covered until 5 May).
    { id: "C", channel: "Paid Social", customerAt: at("2025-02-05T08:00:00Z"), payments: [monthly("2025-02-05T08:00:00Z", 200), monthly("2025-03-05T08:00:00Z", 200), monthly("2025-04-05T08:00:00Z", 100)] },
    // D pays $1,200 a year ($100 MRR) and a one-off $300 set-up fee.
    {
      id: "D",
      channel: "Organic Search",
      customerAt: at("2025-02-15T12:00:00Z"),
      payments: [
        { at: at("2025-02-15T12:00:00Z"), cents: 120_000, currency: "USD", periodMonths: 12 },
        { at: at("2025-02-15T12:05:00Z"), cents: 30_000, currency: "USD", periodMonths: null },
      ],
    },
    // E pays $80 on 1 March (covered until 1 April 00:00), skips April, comes back in May.
    { id: "E", channel: "Referral", customerAt: at("2025-03-01T00:00:00Z"), payments: [monthly("2025-03-01T00:00:00Z", 80), monthly("2025-05-03T14:00:00Z", 80), monthly("2025-06-03T14:00:00Z", 80)] },
    // F pays $120 on 2 April and is refunded a week later; never pays again.
    {
      id: "F",
      channel: "Paid Social",
      customerAt: at("2025-04-02T11:00:00Z"),
      payments: [monthly("2025-04-02T11:00:00Z", 120), { at: at("2025-04-09T11:00:00Z"), cents: -12_000, currency: "USD", periodMonths: null }],
    },
    // G pays €90 a month: a customer, but none of the money is in the reporting currency.
    { id: "G", channel: "Email", customerAt: at("2025-03-10T10:00:00Z"), payments: ["03", "04", "05"].map((m) => monthly(`2025-${m}-10T10:00:00Z`, 90, "EUR")) },
    // H only ever got a refund: never a customer.
    { id: "H", channel: "Direct", customerAt: null, payments: [{ at: at("2025-02-11T10:00:00Z"), cents: -2_000, currency: "USD", periodMonths: null }] },
  ],
  spend: [
    ...(
      [
        ["2025-01", 3000],
        ["2025-02", 1000],
        ["2025-03", 1000],
        ["2025-04", 1000],
        ["2025-05", 1000],
        ["2025-06", 500],
      ] as const
    ).map(([month, dollars]) => ({ month, channel: "Paid Search", source: "google", cents: dollars * 100, currency: "USD" })),
    { month: "2025-02", channel: "Paid Social", source: "meta", cents: 200_000, currency: "USD" },
    { month: "2025-03", channel: "Paid Social", source: "meta", cents: 0, currency: "USD" },
    { month: "2025-04", channel: "Paid Social", source: "linkedin", cents: 150_000, currency: "USD" },
    { month: "2025-03", channel: "Email", source: "newsletter-sponsorship", cents: 40_000, currency: "USD" },
    { month: "2025-05", channel: "Paid Social", source: "meta", cents: 70_000, currency: "EUR" },
  ],
};
