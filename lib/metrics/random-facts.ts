// Seeded random companies for the property tests and the benchmark: customers on monthly and annual
// plans who upgrade, downgrade, skip months, churn and come back, pay set-up fees, get refunds, pay in
// another currency, pay exactly at month boundaries and exactly when the previous payment lapses, plus
// spend by channel, source and currency. Pure and deterministic for a seed.
import { prng, type Rng } from "../identity/seeded-random";
import { addCalendarMonths, addMonths, monthOf, monthSpan, monthStart } from "./months";
import type { MetricFacts, Payment, PersonFacts, SpendFact } from "./model";

export interface RandomFactsOptions {
  people: number;
  /** Months of history before the current month. */
  months: number;
  now: number;
  /** Awkward cases (boundaries, other currencies, refunds, custom customer moments) on top of the plain story. */
  edgeCases?: boolean;
  /** Share of people who ever subscribe (default 0.85). */
  payingShare?: number;
}

export const RANDOM_CHANNELS = ["Paid Search", "Paid Social", "Display", "Organic Search", "Referral", "Email", "Direct", "Unassigned"] as const;
const PRICES = [49, 99, 149, 499, 19.99];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function subscription(rng: Rng, start: number, now: number, edge: boolean): Payment[] {
  const out: Payment[] = [];
  const annual = rng.chance(0.15);
  let price = rng.pick(PRICES);
  const currency = edge && rng.chance(0.08) ? "EUR" : "USD";
  let t = start;
  for (let k = 0; t <= now + (edge ? 40 * DAY : 0); k++) {
    const cents = Math.round(price * (annual ? 10 : 1) * 100);
    out.push({ at: t, cents, currency, periodMonths: annual ? 12 : 1 });
    if (rng.chance(annual ? 0.3 : 0.06)) break; // cancels: the last payment lapses
    if (rng.chance(0.07)) price = rng.pick(PRICES); // plan change at renewal
    const step = annual ? 12 : 1;
    // A skipped renewal (paid again later: churn then reactivation), or the next on time.
    const months = !annual && rng.chance(0.05) ? step + rng.int(1, 3) : step;
    let next = addCalendarMonths(t, months);
    if (edge) {
      // Exactly at the lapse, a millisecond late (a gap across nothing but that instant), or a day early.
      next += rng.weighted<number>([
        [0, 6],
        [1, 1],
        [-DAY, 1],
        [rng.int(-3, 3) * HOUR, 2],
      ]);
    }
    t = next;
  }
  return out;
}

export function randomFacts(seed: number, opts: RandomFactsOptions): MetricFacts {
  const rng = prng(seed);
  const edge = opts.edgeCases ?? true;
  const { now } = opts;
  const current = monthOf(now);
  const firstMonth = addMonths(current, -opts.months);
  const start = monthStart(firstMonth);
  const span = now - start;
  const people: PersonFacts[] = [];
  for (let i = 0; i < opts.people; i++) {
    const channel = rng.pick(RANDOM_CHANNELS);
    let payments: Payment[] = [];
    if (rng.chance(opts.payingShare ?? 0.85)) {
      let s = start + Math.floor(rng.next() * span);
      // Month boundaries: exactly 00:00:00.000 on the 1st, or the month's last millisecond.
      if (edge && rng.chance(0.1)) s = monthStart(monthOf(s));
      else if (edge && rng.chance(0.05)) s = monthStart(addMonths(monthOf(s), 1)) - 1;
      payments = subscription(rng, s, now, edge);
      if (rng.chance(0.1)) payments.push(...subscription(rng, s + rng.int(0, 90) * DAY, now, edge)); // a second subscription
      if (rng.chance(0.15)) payments.push({ at: s + rng.int(0, 5) * HOUR, cents: rng.int(50, 500) * 100, currency: "USD", periodMonths: null }); // set-up fee
      if (edge && rng.chance(0.1) && payments.length) {
        const p = rng.pick(payments);
        payments.push({ at: p.at + rng.int(1, 10) * DAY, cents: -p.cents, currency: p.currency, periodMonths: rng.chance(0.5) ? null : p.periodMonths });
      }
    } else if (edge && rng.chance(0.5)) {
      payments = [{ at: start + Math.floor(rng.next() * span), cents: -rng.int(1, 100) * 100, currency: "USD", periodMonths: null }];
    }
    if (edge && rng.chance(0.03)) payments.push({ at: now, cents: 4900, currency: "USD", periodMonths: 1 });
    payments.sort((a, b) => a.at - b.at);
    const positive = payments.filter((p) => p.cents > 0 && p.at <= now);
    // Default lifecycle: the first payment > 0. Sometimes another rule's moment (earlier, later, or none).
    let customerAt: number | null = positive.length ? positive[0]!.at : null;
    if (edge && rng.chance(0.08)) customerAt = rng.chance(0.3) ? null : Math.min(now, start + Math.floor(rng.next() * span));
    people.push({ id: `p${seed}-${String(i).padStart(5, "0")}`, channel, customerAt, payments });
  }
  const spend: SpendFact[] = [];
  for (const month of monthSpan(firstMonth, current)) {
    for (const channel of ["Paid Search", "Paid Social", "Display", "Email"]) {
      for (const source of ["google", "meta", ""]) {
        if (!rng.chance(0.5)) continue;
        spend.push({ month, channel, source, cents: rng.chance(0.05) ? 0 : rng.int(100, 5000) * 100, currency: edge && rng.chance(0.05) ? "EUR" : "USD" });
      }
    }
  }
  return { now, people, spend };
}
