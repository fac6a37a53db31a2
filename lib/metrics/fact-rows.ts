// Metric facts written out as the rows the database holds (profiles and track events), so the SQL can
// be held to the TypeScript on the same company: for the integration tests and the benchmark. The
// rows vary what the SQL must see through: revenue as a number or a decimal string, currency absent,
// lower-case or padded, billing_period in its spellings, some events on a merged-away profile, plus
// events that must not count (a CRM copy, a page with revenue, junk revenue, events after now).
// Each person gets a "Became Customer" event at their customer moment, so a lifecycle rule on that
// name reproduces the facts' customerAt exactly. Pure.
import type { MetricFacts } from "./model";
import { NO_CHANNEL } from "./model";

export const CUSTOMER_EVENT = "Became Customer";

export interface ProfileRow {
  id: string;
  mergedIntoId: string | null;
  firstChannel: string | null;
}

export interface EventRow {
  messageId: string;
  sourceKind: "server" | "crm" | "web";
  type: "track" | "page";
  event: string | null;
  profileId: string | null;
  timestamp: number;
  properties: Record<string, unknown>;
}

export interface FactRows {
  profiles: ProfileRow[];
  events: EventRow[];
}

/** A small deterministic hash of a string, to vary the rows without a random generator. */
function h(s: string): number {
  let x = 2166136261;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 16777619);
  return (x >>> 0) % 1000;
}

export function factRows(facts: MetricFacts, opts: { noise?: boolean } = {}): FactRows {
  const noise = opts.noise ?? true;
  const profiles: ProfileRow[] = [];
  const events: EventRow[] = [];
  let n = 0;
  for (const p of facts.people) {
    const k = h(p.id);
    const unassignedAsNull = p.channel === NO_CHANNEL && k % 2 === 0;
    profiles.push({ id: p.id, mergedIntoId: null, firstChannel: unassignedAsNull ? null : p.channel });
    const merged = noise && k % 5 === 0 ? `${p.id}-m` : null;
    if (merged) profiles.push({ id: merged, mergedIntoId: p.id, firstChannel: "Direct" });
    const profileFor = (i: number) => (merged && i % 2 === 1 ? merged : p.id);
    if (p.customerAt !== null) {
      events.push({ messageId: `m${++n}`, sourceKind: "server", type: "track", event: CUSTOMER_EVENT, profileId: profileFor(0), timestamp: p.customerAt, properties: {} });
    }
    p.payments.forEach((pay, i) => {
      const v = h(`${p.id}/${i}`);
      const dollars = pay.cents / 100;
      const properties: Record<string, unknown> = { revenue: noise && v % 4 === 0 ? dollars.toFixed(2) : dollars };
      if (pay.currency !== "USD" || (noise && v % 3 === 0)) properties.currency = noise && v % 2 === 0 ? ` ${pay.currency.toLowerCase()} ` : pay.currency;
      if (pay.periodMonths === 1) properties.billing_period = noise && v % 7 === 0 ? "Monthly" : "monthly";
      else if (pay.periodMonths === 12) properties.billing_period = noise && v % 2 === 0 ? "yearly" : "annual";
      else if (noise && v % 5 === 0) properties.billing_period = "one-time";
      events.push({ messageId: `m${++n}`, sourceKind: "server", type: "track", event: pay.cents < 0 ? "Order Refunded" : "Subscription Renewed", profileId: profileFor(i + 1), timestamp: pay.at, properties });
    });
    if (noise && k % 7 === 0) {
      // Never counted: a CRM copy with revenue, a page view with revenue, junk revenue, after now.
      const t = p.payments[0]?.at ?? facts.now - 86_400_000;
      events.push({ messageId: `m${++n}`, sourceKind: "crm", type: "track", event: "Deal Won", profileId: p.id, timestamp: t, properties: { revenue: 5000, billing_period: "monthly" } });
      events.push({ messageId: `m${++n}`, sourceKind: "web", type: "page", event: null, profileId: p.id, timestamp: t, properties: { revenue: 10, billing_period: "monthly" } });
      events.push({ messageId: `m${++n}`, sourceKind: "server", type: "track", event: "Subscription Renewed", profileId: p.id, timestamp: t, properties: { revenue: "n/a", billing_period: "monthly" } });
      events.push({ messageId: `m${++n}`, sourceKind: "server", type: "track", event: "Subscription Renewed", profileId: p.id, timestamp: facts.now + 1, properties: { revenue: 99, billing_period: "monthly" } });
    }
  }
  if (noise) events.push({ messageId: `m${++n}`, sourceKind: "server", type: "track", event: "Subscription Renewed", profileId: null, timestamp: facts.now - 1, properties: { revenue: 49, billing_period: "monthly" } });
  return { profiles, events };
}
