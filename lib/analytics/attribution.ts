// Multi-touch attribution: which channels (or campaigns) get the credit for conversions, under five
// rule-based models side by side, plus the all-time first touch. Pure: the request's shape, the
// models' weights, the result's shape, and a brute-force reference (attributionReference) that the
// SQL in lib/data/attribution.ts is compared with on random worlds. Only tests call the reference.
//
// Definitions (the UI shows the same words):
// - A CONVERSION is a track event (not from a CRM source) meeting the conversion rule: by default the
//   lifecycle setting's "became a customer" rule (lib/analytics/lifecycle.ts), or any named event.
//   count "first": each person's first such event ever, counted when it falls in [from, to);
//   count "every": every such event in [from, to). Its revenue is that event's `revenue` (0 if none).
// - A TOUCH is one of the person's sessions (lib/analytics/sessions.ts): its time is the session's
//   start (its first event) and its channel and campaign are its first event's.
// - The touches of a conversion at time T are the sessions that STARTED in [T − lookback, T] — at or
//   before the conversion, so the session in which the person converted is a touch (its start is
//   at or before T), and a session starting at exactly T counts; sessions starting after T do not.
//   They are ordered by start, then by their first event's ingest order.
// - A conversion with no touch gives its whole credit to "(none)" under every model.
// - Models (weights sum to 1 per conversion, so each model's credits add up to the conversions):
//   first touch: 100 % to the first touch in the window;
//   last non-direct: 100 % to the last touch whose channel is not Direct; when every touch is Direct,
//     the last touch (Direct) gets it — GA4's fallback;
//   linear: equal shares;
//   time decay: weight 2^(−age / 7 days), age = T − touch start, normalised to sum to 1;
//   U-shaped: one touch 100 %; two 50/50; three or more 40 % first, 40 % last, 20 % split over the middle.
// - All-time first touch: the person's first channel ever (profiles.first_channel, what CAC uses),
//   whatever the window — "(none)" when the profile has none.
import { z } from "zod";
import { revenueCentsOf } from "../identity/facts";
import { audienceIdField, checkRange, evaluatedAtField, isoInstant } from "./request";
import { reachesStage, type LifecycleRule } from "./lifecycle";
import { inSession, sessionize, type SessionEvent } from "./sessions";

export const ATTRIBUTION_MODELS = ["firstTouch", "lastNonDirect", "linear", "timeDecay", "uShaped"] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];
/** The five models and the all-time first touch: every column of the result. */
export const ATTRIBUTION_COLUMNS = [...ATTRIBUTION_MODELS, "allTimeFirstTouch"] as const;
export type AttributionColumn = (typeof ATTRIBUTION_COLUMNS)[number];

export const MODEL_LABELS: Record<AttributionColumn, string> = {
  firstTouch: "First touch",
  lastNonDirect: "Last non-direct",
  linear: "Linear",
  timeDecay: "Time decay",
  uShaped: "U-shaped",
  allTimeFirstTouch: "All-time first touch",
};

export const MODEL_DEFINITIONS: Record<AttributionColumn, string> = {
  firstTouch: "100 % of each conversion to the first touch in the lookback window.",
  lastNonDirect: "100 % to the last touch whose channel is not Direct; when every touch in the window is Direct, to Direct (GA4's fallback).",
  linear: "Equal shares to every touch in the window.",
  timeDecay: "Each touch weighs 2^(−days before the conversion ÷ 7) (a 7-day half-life); weights are scaled to add up to 100 %.",
  uShaped: "40 % to the first touch, 40 % to the last, 20 % split over the ones between; a single touch gets 100 %, two get 50 % each.",
  allTimeFirstTouch: "The person's first channel ever (their profile's first touch, the one CAC uses), whatever the lookback window.",
};

export const TIME_DECAY_HALF_LIFE_DAYS = 7;
export const DEFAULT_LOOKBACK_DAYS = 30;
export const MAX_LOOKBACK_DAYS = 365;
export const NO_TOUCH = "(none)";
export const NO_CAMPAIGN = "(not set)";
export const DIRECT = "Direct";
const DAY_MS = 86_400_000;

export const DIMENSIONS = ["channel", "campaign"] as const;
export type AttributionDimension = (typeof DIMENSIONS)[number];
export const COUNT_MODES = ["first", "every"] as const;
export type CountMode = (typeof COUNT_MODES)[number];

/** The weights of touches 0…n−1 (ordered oldest first) under a model; empty for no touches. */
export function modelWeights(model: AttributionModel, touches: readonly { at: Date; channel: string }[], conversionAt: Date): number[] {
  const n = touches.length;
  if (n === 0) return [];
  switch (model) {
    case "firstTouch":
      return touches.map((_, i) => (i === 0 ? 1 : 0));
    case "lastNonDirect": {
      let pick = n - 1;
      for (let i = n - 1; i >= 0; i--) {
        if (touches[i]!.channel !== DIRECT) {
          pick = i;
          break;
        }
      }
      return touches.map((_, i) => (i === pick ? 1 : 0));
    }
    case "linear":
      return touches.map(() => 1 / n);
    case "timeDecay": {
      const raw = touches.map((t) => Math.pow(2, -((conversionAt.getTime() - t.at.getTime()) / DAY_MS) / TIME_DECAY_HALF_LIFE_DAYS));
      const sum = raw.reduce((a, b) => a + b, 0);
      return raw.map((w) => w / sum);
    }
    case "uShaped":
      if (n === 1) return [1];
      if (n === 2) return [0.5, 0.5];
      return touches.map((_, i) => (i === 0 || i === n - 1 ? 0.4 : 0.2 / (n - 2)));
  }
}

// ───────────────────────────── the request ─────────────────────────────

export const attributionRequestSchema = z
  .object({
    /** The conversion: an event name; omitted or null = the lifecycle setting's "became a customer". */
    conversionEvent: z.string().trim().min(1).max(200).nullish(),
    from: isoInstant,
    to: isoInstant,
    lookbackDays: z.number().int().min(1).max(MAX_LOOKBACK_DAYS).default(DEFAULT_LOOKBACK_DAYS),
    dimension: z.enum(DIMENSIONS).default("channel"),
    count: z.enum(COUNT_MODES).default("first"),
    /** Only conversions by members of this saved audience (membership as of `now`). */
    audienceId: audienceIdField,
    now: evaluatedAtField,
  })
  .superRefine(checkRange);

export type AttributionRequest = z.output<typeof attributionRequestSchema>;

export interface AttributionQuery {
  rule: LifecycleRule;
  from: Date;
  to: Date;
  lookbackDays: number;
  dimension: AttributionDimension;
  count: CountMode;
}

// ───────────────────────────── the result ─────────────────────────────

export interface Credit {
  /** Conversions credited (fractions under the multi-touch models). */
  conversions: number;
  /** Revenue credited, in currency units (credit × the conversion's revenue). */
  revenue: number;
}

export interface AttributionRow {
  /** The channel or campaign; "(none)" for conversions with no touch, "(not set)" for a touch without a campaign. */
  key: string;
  credits: Record<AttributionColumn, Credit>;
}

export interface AttributionResult {
  dimension: AttributionDimension;
  totals: { conversions: number; revenue: number; people: number; withTouches: number; touches: number };
  rows: AttributionRow[];
}

/** One credited amount as the two implementations produce it: (key, column) → conversions and revenue in cents. */
export interface RawCredit {
  key: string;
  column: AttributionColumn;
  conversions: number;
  revenueCents: number;
}

/** Rows by key, every column filled, ordered by last non-direct credit, then first touch, then key. */
export function buildAttributionResult(dimension: AttributionDimension, totals: AttributionResult["totals"], credits: RawCredit[]): AttributionResult {
  const byKey = new Map<string, AttributionRow>();
  for (const c of credits) {
    let row = byKey.get(c.key);
    if (!row) {
      row = { key: c.key, credits: Object.fromEntries(ATTRIBUTION_COLUMNS.map((m) => [m, { conversions: 0, revenue: 0 }])) as Record<AttributionColumn, Credit> };
      byKey.set(c.key, row);
    }
    row.credits[c.column].conversions += c.conversions;
    row.credits[c.column].revenue += c.revenueCents / 100;
  }
  const rows = [...byKey.values()].sort(
    (a, b) =>
      b.credits.lastNonDirect.conversions - a.credits.lastNonDirect.conversions ||
      b.credits.firstTouch.conversions - a.credits.firstTouch.conversions ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return { dimension, totals, rows };
}

/** The shift of credit between two columns per key: b − a (what b gives a key that a does not). */
export function compareColumns(result: AttributionResult, a: AttributionColumn, b: AttributionColumn) {
  return result.rows
    .map((r) => ({
      key: r.key,
      a: r.credits[a].conversions,
      b: r.credits[b].conversions,
      delta: r.credits[b].conversions - r.credits[a].conversions,
      revenueDelta: r.credits[b].revenue - r.credits[a].revenue,
    }))
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

// ───────────────────────────── the reference (tests only) ─────────────────────────────

export interface ReferenceEvent extends SessionEvent {
  personId: string | null;
  event: string | null;
  properties: Record<string, unknown>;
}

export interface ReferencePerson {
  id: string;
  firstChannel: string | null;
  firstCampaign: string | null;
  /** Whether the profile knows a first touch at all (first_touch_at is set). */
  hasFirstTouch: boolean;
}

const bySeq = <T extends { at: Date; seq: number }>(a: T, b: T) => a.at.getTime() - b.at.getTime() || a.seq - b.seq;

/**
 * The attribution of `query` over every event, computed the plain way: sessions from all of each
 * person's events, conversions per the rule, each conversion's touches and weights. `members`
 * restricts conversions to those people.
 */
export function attributionReference(events: ReferenceEvent[], people: ReferencePerson[], query: AttributionQuery, members?: Set<string>): AttributionResult {
  const byPerson = new Map<string, ReferenceEvent[]>();
  for (const e of events) if (e.personId) byPerson.set(e.personId, [...(byPerson.get(e.personId) ?? []), e]);
  const profile = new Map(people.map((p) => [p.id, p]));
  const credits: RawCredit[] = [];
  const totals = { conversions: 0, revenue: 0, people: 0, withTouches: 0, touches: 0 };
  const lookbackMs = query.lookbackDays * DAY_MS;

  for (const [personId, all] of byPerson) {
    if (members && !members.has(personId)) continue;
    const matching = all
      .filter((e) => reachesStage(query.rule, { type: e.type, event: e.event, sourceKind: e.sourceKind, properties: e.properties }))
      .sort(bySeq);
    const candidates = query.count === "first" ? matching.slice(0, 1) : matching;
    const conversions = candidates.filter((e) => e.at >= query.from && e.at < query.to);
    if (!conversions.length) continue;
    totals.people += 1;
    const sessions = sessionize(all.filter(inSession));
    const p = profile.get(personId);
    const allTime =
      query.dimension === "channel" ? (p?.firstChannel ?? NO_TOUCH) : p?.hasFirstTouch ? (p.firstCampaign ?? NO_CAMPAIGN) : NO_TOUCH;

    for (const c of conversions) {
      const cents = revenueCentsOf(c);
      totals.conversions += 1;
      totals.revenue += cents / 100;
      const touches = sessions
        .filter((s) => s.start.getTime() >= c.at.getTime() - lookbackMs && s.start.getTime() <= c.at.getTime())
        .map((s) => ({ at: s.start, seq: s.firstSeq, channel: s.channel, campaign: s.campaign }))
        .sort(bySeq);
      totals.touches += touches.length;
      if (touches.length) totals.withTouches += 1;
      for (const model of ATTRIBUTION_MODELS) {
        if (!touches.length) {
          credits.push({ key: NO_TOUCH, column: model, conversions: 1, revenueCents: cents });
          continue;
        }
        modelWeights(model, touches, c.at).forEach((w, i) => {
          if (w === 0) return;
          const t = touches[i]!;
          const key = query.dimension === "channel" ? t.channel : (t.campaign ?? NO_CAMPAIGN);
          credits.push({ key, column: model, conversions: w, revenueCents: w * cents });
        });
      }
      credits.push({ key: allTime, column: "allTimeFirstTouch", conversions: 1, revenueCents: cents });
    }
  }
  return buildAttributionResult(query.dimension, totals, credits);
}
