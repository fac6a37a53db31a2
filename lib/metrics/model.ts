// The plain inputs every leadership metric is computed from, and the monthly aggregates the
// database produces from them (lib/data/metrics.ts) and aggregate.ts produces in TypeScript.
//
// Definitions (the dashboard shows them beside each number):
// - A person is a live profile; their channel is the all-time first-touch channel of that profile
//   ("Unassigned" when it has none). A customer is a person who reached the lifecycle setting's
//   "customer" stage (default: a track event with revenue > 0); the month of that moment is their
//   acquisition cohort.
// - A payment is a track event (not from a CRM source) with a numeric revenue ≠ 0. Only payments in
//   the reporting currency count (a payment with no currency is USD, as in the Segment spec).
// - A recurring payment has revenue > 0 and billing_period "monthly" (covers one calendar month from
//   the moment it was paid) or "annual" / "yearly" (twelve months, counting one twelfth a month).
// - MRR of a customer in a month = the monthly value of the recurring payments covering the month's
//   last instant; for the current month, covering now (the month is partial, so a renewal still due
//   later this month is not churn). MRR is kept in twelfths of a cent so annual plans stay exact.
import { CHANNELS } from "../analytics/channel";
import type { Month } from "./months";

/** Twelfths of a cent per cent: MRR units. */
export const MRR_UNITS_PER_CENT = 12;

export const MOVEMENTS = ["new", "expansion", "contraction", "churn", "reactivation"] as const;
export type Movement = (typeof MOVEMENTS)[number];

export const MOVEMENT_LABELS: Record<Movement, string> = {
  new: "New",
  expansion: "Expansion",
  contraction: "Contraction",
  churn: "Churn",
  reactivation: "Reactivation",
};

/** Paid CAC counts these channels: every Paid… channel, Display and Cross-network. */
export const PAID_CHANNELS: readonly string[] = CHANNELS.filter((c) => c.startsWith("Paid ") || c === "Display" || c === "Cross-network");
export const isPaidChannel = (channel: string) => PAID_CHANNELS.includes(channel);

/** The channel of a person with no first touch. */
export const NO_CHANNEL = "Unassigned";

export interface Payment {
  /** Epoch ms. */
  at: number;
  /** Integer cents; negative for a refund. */
  cents: number;
  /** Upper-case ISO code. */
  currency: string;
  /** Months one payment covers (1 monthly, 12 annual), or null for a one-off payment. */
  periodMonths: 1 | 12 | null;
}

export interface PersonFacts {
  id: string;
  channel: string;
  /** When the person first reached the customer stage (epoch ms), or null. */
  customerAt: number | null;
  payments: Payment[];
}

export interface SpendFact {
  month: Month;
  channel: string;
  source: string;
  cents: number;
  currency: string;
}

/** Everything the metrics read, as of `now` (nothing after it counts). */
export interface MetricFacts {
  now: number;
  people: PersonFacts[];
  spend: SpendFact[];
}

// ───────────────────────────── aggregates ─────────────────────────────

export type MovementAmounts = Record<Movement, number>;

/** One channel in one month. Rows exist only where something is non-zero. */
export interface ChannelMonth {
  month: Month;
  channel: string;
  /** Customers whose cohort is this month. */
  newCustomers: number;
  /** Net revenue (reporting currency, refunds included) of payments in this month, in cents. */
  revenueCents: number;
  /** MRR at the month's sample instant (twelfths of a cent), and the customers paying then. */
  mrr: number;
  paying: number;
  /** MRR movements into this month (magnitudes, twelfths of a cent) and how many customers made each. */
  moves: MovementAmounts;
  moveCounts: MovementAmounts;
  /** MRR now of the customers who paid `nrrWindowMonths` months before (the NRR numerator). */
  retainedMrr: number;
}

export interface SpendMonth {
  month: Month;
  channel: string;
  cents: number;
}

/** An acquisition cohort's channel slice, `age` months after the cohort month. */
export interface CohortCell {
  cohort: Month;
  channel: string;
  age: number;
  revenueCents: number;
  mrr: number;
  paying: number;
}

/** Money in another currency than the reporting one, left out of every figure. */
export interface ExcludedMonth {
  month: Month;
  currency: string;
  revenueCents: number;
  spendCents: number;
}

export interface Aggregates {
  now: number;
  currentMonth: Month;
  /** The first month with any payment, customer or spend (null: no data at all). */
  firstMonth: Month | null;
  channelMonths: ChannelMonth[];
  spend: SpendMonth[];
  cohorts: CohortCell[];
  excluded: ExcludedMonth[];
}

export const emptyMoves = (): MovementAmounts => ({ new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 });

// Only string values count, trimmed of spaces (PostgreSQL's btrim) and compared case-insensitively.
const trimSpaces = (v: string) => v.replace(/^ +| +$/g, "");

/** A billing_period value as the months it covers (null: not recurring). Mirrored in SQL. */
export function periodMonthsOf(value: unknown): 1 | 12 | null {
  if (typeof value !== "string") return null;
  const v = trimSpaces(value).toLowerCase();
  if (v === "monthly") return 1;
  if (v === "annual" || v === "yearly") return 12;
  return null;
}

/** A currency property as the code payments are compared by (none, or not a string → USD). Mirrored in SQL. */
export function currencyOf(value: unknown): string {
  const v = typeof value === "string" ? trimSpaces(value).toUpperCase() : "";
  return v === "" ? "USD" : v;
}
