// A funnel request (POST /api/v1/analytics/funnels and the /funnels builder): its schema, its
// vocabulary, and the small pure pieces both the SQL (lib/data/analytics/funnels.ts) and the
// reference (lib/analytics/funnels.ts) share to shape an answer — conversion ratios, week buckets,
// time-to-convert bins. What the numbers MEAN is defined in lib/analytics/funnels.ts.
import { z } from "zod";
import { PAGEVIEW, SCREENVIEW } from "./event-catalog";
import { audienceIdField, evaluatedAtField } from "./request";

export const MAX_STEPS = 20;
export const MIN_STEPS = 2;
export const MAX_WINDOW_DAYS = 366;
export const DEFAULT_WINDOW = { value: 14, unit: "day" } as const;
/** Breakdown values shown one by one; the rest are summed into OTHER. */
export const BREAKDOWN_LIMIT = 20;
export const OTHER = "(other)";
export const NONE = "(none)";

export const FILTER_OPS = ["eq", "neq", "contains", "gt", "lt", "is_set"] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
export const FILTER_OP_LABELS: Record<FilterOp, string> = {
  eq: "equals",
  neq: "does not equal",
  contains: "contains",
  gt: "greater than",
  lt: "less than",
  is_set: "is set",
};

export const ORDERS = ["sequential", "strict", "any"] as const;
export type FunnelOrder = (typeof ORDERS)[number];
export const WINDOW_UNITS = ["minute", "hour", "day"] as const;
export type WindowUnit = (typeof WINDOW_UNITS)[number];
const UNIT_MS: Record<WindowUnit, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** First-touch breakdowns read the person's (live profile's) all-time first touch. */
export const FIRST_TOUCH_PROPERTIES = {
  channel: "first_channel",
  utm_source: "first_utm_source",
  utm_medium: "first_utm_medium",
  utm_campaign: "first_utm_campaign",
  referrer: "first_referrer",
  landing_page: "first_landing_page",
} as const;
export type FirstTouchProperty = keyof typeof FIRST_TOUCH_PROPERTIES;

/** Event breakdowns may also read what ingest derived for every event (columns, not properties). */
export const EVENT_COLUMNS = {
  $channel: "channel",
  $utm_source: "utm_source",
  $utm_medium: "utm_medium",
  $utm_campaign: "utm_campaign",
  $referring_domain: "referring_domain",
  $page_path: "page_path",
} as const;
export type EventColumnProperty = keyof typeof EVENT_COLUMNS;

const name = z.string().trim().min(1, "must not be empty").max(200, "has at most 200 characters");

const filterSchema = z
  .strictObject({
    property: name,
    op: z.enum(FILTER_OPS, { error: `op must be one of ${FILTER_OPS.join(", ")}` }),
    value: z.union([z.string().max(500), z.number(), z.boolean()]).optional(),
  })
  .superRefine((f, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: "custom", path: ["value"], message });
    if (f.op === "is_set") return;
    if (f.value === undefined) return bad(`op ${f.op} needs a value`);
    if ((f.op === "gt" || f.op === "lt") && typeof f.value !== "number") bad(`op ${f.op} compares numbers: give a number value`);
    if (f.op === "contains" && (typeof f.value !== "string" || f.value === "")) bad("op contains needs a non-empty string value");
  });
export type PropertyFilter = z.infer<typeof filterSchema>;

const clauseShape = {
  event: name.describe(`A track event name, or ${PAGEVIEW} (page views) or ${SCREENVIEW} (screen views)`),
  filters: z.array(filterSchema).max(10, "at most 10 filters").default([]),
};
const clauseSchema = z.strictObject(clauseShape);
export type EventClause = z.infer<typeof clauseSchema>;

export const stepSchema = z.strictObject({ ...clauseShape, anyOf: z.array(clauseSchema).max(10, "at most 10 alternatives").default([]) });
export type FunnelStep = z.infer<typeof stepSchema>;

export const exclusionSchema = z.strictObject({
  ...clauseShape,
  anyOf: z.array(clauseSchema).max(10, "at most 10 alternatives").default([]),
  /** The exclusion applies between these steps (1-based; default the whole funnel). */
  fromStep: z.int().min(1).optional(),
  toStep: z.int().min(2).optional(),
});
export type FunnelExclusion = z.infer<typeof exclusionSchema>;

/** Everything of a funnel but its date range (shared with the builder's saved state). */
export const funnelShape = {
  steps: z.array(stepSchema).min(MIN_STEPS, `a funnel has ${MIN_STEPS} to ${MAX_STEPS} steps`).max(MAX_STEPS, `a funnel has ${MIN_STEPS} to ${MAX_STEPS} steps`),
  window: z
    .strictObject({ value: z.int().min(1, "window.value is at least 1"), unit: z.enum(WINDOW_UNITS, { error: "window.unit is minute, hour or day" }) })
    .default({ ...DEFAULT_WINDOW }),
  order: z.enum(ORDERS, { error: "order is sequential, strict or any" }).default("sequential"),
  exclusions: z.array(exclusionSchema).max(10, "at most 10 exclusions").default([]),
  breakdown: z
    .strictObject({
      type: z.enum(["first_touch", "event", "profile"], { error: "breakdown.type is first_touch, event or profile" }),
      property: name.optional(),
    })
    .optional(),
  /** Only the members of this saved audience take part. */
  audienceId: audienceIdField,
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const instant = (field: string) =>
  z.string().transform((v, ctx) => {
    const ok = DATE_ONLY.test(v) || z.iso.datetime({ offset: true }).safeParse(v).success;
    const d = new Date(DATE_ONLY.test(v) ? `${v}T00:00:00Z` : v);
    if (!ok || Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: `${field}: use a date (2026-03-01, midnight UTC) or a date-time with a zone (2026-03-01T09:00:00Z)` });
      return z.NEVER;
    }
    return d;
  });

export const funnelRequestSchema = z
  .strictObject({
    from: instant("from"),
    to: instant("to"),
    ...funnelShape,
    now: evaluatedAtField,
  })
  .superRefine((r, ctx) => {
    const k = r.steps.length;
    if (r.from.getTime() >= r.to.getTime()) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from (from is inclusive, to exclusive)" });
    if (windowMs(r.window) > MAX_WINDOW_DAYS * UNIT_MS.day) ctx.addIssue({ code: "custom", path: ["window"], message: `the conversion window is at most ${MAX_WINDOW_DAYS} days` });
    r.exclusions.forEach((x, i) => {
      const from = x.fromStep ?? 1;
      const to = x.toStep ?? k;
      if (r.order === "any" && (from !== 1 || to !== k)) {
        ctx.addIssue({ code: "custom", path: ["exclusions", i], message: "in an any-order funnel an exclusion covers the whole funnel: leave out fromStep and toStep" });
      } else if (!(from < to && to <= k)) {
        ctx.addIssue({ code: "custom", path: ["exclusions", i], message: `fromStep and toStep name two steps of the funnel, 1 ≤ fromStep < toStep ≤ ${k}` });
      }
    });
    const b = r.breakdown;
    if (b?.type === "first_touch" && b.property !== undefined && !(b.property in FIRST_TOUCH_PROPERTIES)) {
      ctx.addIssue({ code: "custom", path: ["breakdown", "property"], message: `a first-touch breakdown is by ${Object.keys(FIRST_TOUCH_PROPERTIES).join(", ")}` });
    }
    if (b && b.type !== "first_touch" && b.property === undefined) ctx.addIssue({ code: "custom", path: ["breakdown", "property"], message: `name the ${b.type} property to break down by` });
    if (b?.type === "event" && b.property?.startsWith("$") && !(b.property in EVENT_COLUMNS)) {
      ctx.addIssue({ code: "custom", path: ["breakdown", "property"], message: `the built-in event properties are ${Object.keys(EVENT_COLUMNS).join(", ")}` });
    }
  });

export type FunnelRequestInput = z.input<typeof funnelRequestSchema>;

export const PEOPLE_PAGE_MAX = 100;

/** The people behind one step: the funnel, then which step, which side of it, which page. */
export const funnelPeopleRequestSchema = z
  .strictObject({
    funnel: funnelRequestSchema,
    step: z.int().min(1, "step is 1-based"),
    outcome: z.enum(["converted", "dropped"], { error: "outcome is converted or dropped" }),
    /** Only people with this breakdown value (as the funnel answer names it, "(other)" and "(none)" included). */
    breakdownValue: z.string().max(500).optional(),
    limit: z.int().min(1).max(PEOPLE_PAGE_MAX, `limit is at most ${PEOPLE_PAGE_MAX}`).default(25),
    offset: z.int().min(0).default(0),
  })
  .superRefine((r, ctx) => {
    if (r.step > r.funnel.steps.length) ctx.addIssue({ code: "custom", path: ["step"], message: `the funnel has ${r.funnel.steps.length} steps` });
    if (r.outcome === "dropped" && r.step === 1) ctx.addIssue({ code: "custom", path: ["step"], message: "nobody drops off before step 1: ask for dropped at step 2 or later" });
    if (r.breakdownValue !== undefined && !r.funnel.breakdown) ctx.addIssue({ code: "custom", path: ["breakdownValue"], message: "breakdownValue needs a funnel with a breakdown" });
  });
export type FunnelPeopleRequest = z.output<typeof funnelPeopleRequestSchema>;
export type FunnelRequest = z.output<typeof funnelRequestSchema>;
export type Breakdown = NonNullable<FunnelRequest["breakdown"]>;

export function windowMs(w: { value: number; unit: WindowUnit }): number {
  return w.value * UNIT_MS[w.unit];
}

/** The breakdown's property with its default (first touch: channel). */
export function breakdownProperty(b: Breakdown): string {
  return b.property ?? "channel";
}

/** A step's clauses: the step itself and its "any of" alternatives. */
export const clausesOf = (s: FunnelStep | FunnelExclusion): EventClause[] => [{ event: s.event, filters: s.filters }, ...s.anyOf];

/** A short label for a step ("Signed Up", "Signed Up or Account Created"). */
export function stepLabel(s: FunnelStep): string {
  return clausesOf(s)
    .map((c) => c.event)
    .filter((v, i, all) => all.indexOf(v) === i)
    .join(" or ");
}

// ───────────────────────────── the answer's shape ─────────────────────────────

export interface StepResult {
  event: string;
  people: number;
  conversionFromPrevious: number;
  conversionFromFirst: number;
  medianSecondsFromPrevious: number | null;
  p90SecondsFromPrevious: number | null;
}

export interface TrendPoint {
  week: string;
  entered: number;
  converted: number;
}

export interface TimeToConvertBin {
  fromSeconds: number;
  /** null for the last, open bin. */
  toSeconds: number | null;
  people: number;
}

export interface FunnelResult {
  steps: StepResult[];
  breakdowns: { value: string; steps: StepResult[] }[];
  trend: TrendPoint[];
  /** Extension: people who reached the last step, by time from step 1 to the last step. */
  timeToConvert: TimeToConvertBin[];
  /** Extension: the median of that time (percentile_cont), null when nobody converted. */
  medianSecondsToConvert: number | null;
}

/** What POST /api/v1/analytics/funnels answers: the funnel and the saved audience it was limited to, if any. */
export interface FunnelResponse extends FunnelResult {
  audience: { id: string; name: string; evaluatedAt: string } | null;
}

/** Per step: people reaching it and the median / p90 of milliseconds from the previous step (null for step 1). */
export interface StepStats {
  people: number;
  medianMs: number | null;
  p90Ms: number | null;
}

/** Conversion ratios from the counts (0 when the base is 0); times in seconds. */
export function shapeSteps(steps: FunnelStep[], stats: StepStats[]): StepResult[] {
  const first = stats[0]?.people ?? 0;
  return steps.map((s, i) => {
    const st = stats[i] ?? { people: 0, medianMs: null, p90Ms: null };
    const prev = i === 0 ? st.people : (stats[i - 1]?.people ?? 0);
    return {
      event: s.event,
      people: st.people,
      conversionFromPrevious: prev > 0 ? st.people / prev : 0,
      conversionFromFirst: first > 0 ? st.people / first : 0,
      medianSecondsFromPrevious: i === 0 || st.medianMs === null ? null : st.medianMs / 1000,
      p90SecondsFromPrevious: i === 0 || st.p90Ms === null ? null : st.p90Ms / 1000,
    };
  });
}

/** percentile_cont: linear interpolation between the closest ranks (PostgreSQL's definition). */
export function percentileCont(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const first = sorted[lo]!;
  const second = sorted[hi]!;
  return first + (second - first) * (pos - lo);
}

const DAY_MS = 86_400_000;
/** The Monday (UTC) of the week holding t, as epoch ms. */
export function weekStartMs(t: number): number {
  const day = Math.floor(t / DAY_MS);
  // 1970-01-01 was a Thursday: days since the Monday before it, mod 7.
  return (day - ((((day + 3) % 7) + 7) % 7)) * DAY_MS;
}

/** Every week (Monday, UTC, "YYYY-MM-DD") that [from, to) touches. */
export function weeksOf(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let w = weekStartMs(from.getTime()); w < to.getTime(); w += 7 * DAY_MS) out.push(new Date(w).toISOString().slice(0, 10));
  return out;
}

/** The trend with a point for every week of the range (0 where nobody entered). */
export function fillTrend(from: Date, to: Date, counts: Map<string, { entered: number; converted: number }>): TrendPoint[] {
  return weeksOf(from, to).map((week) => ({ week, entered: counts.get(week)?.entered ?? 0, converted: counts.get(week)?.converted ?? 0 }));
}

/** Time-to-convert bins (seconds), human-sized; only those a window can reach are returned. */
export const TTC_BOUNDS_SECONDS = [0, 60, 300, 900, 3600, 3 * 3600, 12 * 3600, 86400, 2 * 86400, 4 * 86400, 7 * 86400, 14 * 86400, 30 * 86400, 90 * 86400, 180 * 86400];

/** Index of the bin holding ms (the last bin is open-ended). */
export function ttcBin(ms: number): number {
  let i = 0;
  while (i + 1 < TTC_BOUNDS_SECONDS.length && ms >= TTC_BOUNDS_SECONDS[i + 1]! * 1000) i++;
  return i;
}

export function shapeTimeToConvert(window: number, counts: Map<number, number>): TimeToConvertBin[] {
  const bins: TimeToConvertBin[] = [];
  for (let i = 0; i < TTC_BOUNDS_SECONDS.length; i++) {
    const from = TTC_BOUNDS_SECONDS[i]!;
    if (from * 1000 > window) break;
    const to = TTC_BOUNDS_SECONDS[i + 1] ?? null;
    bins.push({ fromSeconds: from, toSeconds: to, people: counts.get(i) ?? 0 });
  }
  return bins;
}

/** Orders breakdown values: most people entering first, then by value (code-point order), OTHER last. */
export function compareBreakdown(a: { value: string; entered: number }, b: { value: string; entered: number }): number {
  if ((a.value === OTHER) !== (b.value === OTHER)) return a.value === OTHER ? 1 : -1;
  return b.entered - a.entered || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}
