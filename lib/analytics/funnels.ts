// Funnels over resolved people — the definitions, and a plain TypeScript reference that computes them
// by brute force from a list of events. The production computation is SQL (lib/data/analytics/
// funnels.ts); the integration tests compare the two on random event streams, so this file is the
// specification. Used only in tests.
//
// WHO and WHAT counts
// - A person is a live profile (a profile merged into another counts as the survivor), so anonymous
//   events before sign-up belong to the person who later signed up. With a saved audience, only its
//   members (as of the request's `now`) take part.
// - Only track, page and screen events from non-CRM sources take part (CRM activity copied into the
//   CDP is not behaviour). A step names a track event, or $pageview / $screen for page / screen views,
//   with optional property filters (all must hold) and optional "any of" alternatives.
// - Filters read top-level properties. eq/neq with a string: the property is that exact string; with
//   a number: the property is a number or a numeric string equal to it; with a boolean: that boolean.
//   neq is "not eq" (a missing property matches). contains: a string property containing the value,
//   A–Z case-insensitively. gt/lt: a number or numeric string, compared as numbers. is_set: present
//   and not null.
//
// ORDER OF EVENTS
// - A person's events are ordered by time. Simultaneous events (same millisecond) are taken in step
//   order — an event that can satisfy an earlier step comes first, events matching no step last —
//   then in arrival order (seq). So a sign-up and a trial start stored in the same millisecond convert
//   whichever arrived first. Every comparison below ("after", "first") uses this order.
//
// ATTEMPTS (sequential and strict)
// - Every step-1 event with from ≤ t < to starts an attempt. From the step-(j−1) event, step j is the
//   first later event matching step j (one event never serves two steps); the attempt stops at step
//   j−1 when there is none, when it is more than the window after the attempt's step-1 event
//   (t_j − t_1 ≤ window), when an exclusion event covering steps j−1→j happens strictly between the
//   two (in time), or — strict order — when any other track/page/screen event of the person happens
//   strictly between them. (Following the earliest matching events is what PostHog, Mixpanel and
//   Amplitude do; in strict order exclusions can never fire, as nothing may happen in between.)
// ATTEMPTS (any order)
// - Every event matching any step with from ≤ t < to starts an attempt. Steps 1, 2, …, k in turn each
//   take the first event at or after the starting event that matches it and that no earlier step
//   took, if it is within the window of the start. The attempt's completions, in event order, are its
//   "steps reached": reaching step m means m of the k steps were done. An exclusion (any order covers
//   the whole funnel) strictly between two consecutive completions ends the attempt at the earlier.
// BEST ATTEMPT
// - A person's best attempt reaches the furthest step; ties go to the earliest start. It alone feeds
//   the step counts, the times between steps, the breakdown value and the people lists.
//
// THE NUMBERS
// - people(j): people whose best attempt reached step j. conversionFromPrevious = people(j) /
//   people(j−1), conversionFromFirst = people(j) / people(1) (0 when the base is 0; step 1: 1).
// - median/p90 seconds from previous: over people reaching step j, t_j − t_{j−1} of their best
//   attempt, percentile_cont (linear interpolation) — in any order, between consecutive completions.
// - breakdowns: one value per person — first_touch: their all-time first touch (the live profile's);
//   event: the property (or built-in $channel, $utm_*, $referring_domain, $page_path) of the best
//   attempt's first event; profile: the trait. Strings as they are, numbers and booleans as text,
//   anything else "(none)". The 20 values with the most people entering, then "(other)".
// - trend: per week (Monday, UTC) of the range, among people with an attempt starting that week:
//   entered = how many, converted = how many of them reached the last step in an attempt starting
//   that week (a person can count in several weeks, as in Amplitude's conversion over time).
// - timeToConvert: people whose best attempt reached the last step, by t_k − t_1 (and its median,
//   medianSecondsToConvert).
import { DECIMAL_PATTERN } from "../identity/facts";
import { PAGEVIEW, SCREENVIEW } from "./event-catalog";
import {
  BREAKDOWN_LIMIT,
  breakdownProperty,
  clausesOf,
  compareBreakdown,
  EVENT_COLUMNS,
  fillTrend,
  NONE,
  OTHER,
  percentileCont,
  shapeSteps,
  shapeTimeToConvert,
  ttcBin,
  weekStartMs,
  windowMs,
  type EventClause,
  type FirstTouchProperty,
  type FunnelRequest,
  type FunnelResult,
  type PropertyFilter,
  type StepStats,
} from "./funnel-definition";

export interface FunnelEvent {
  personId: string;
  seq: number;
  timestamp: Date;
  type: string;
  event: string | null;
  sourceKind: string;
  properties: Record<string, unknown>;
  channel: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  referringDomain: string | null;
  pagePath: string | null;
}

export interface FunnelPerson {
  id: string;
  firstTouch: Record<FirstTouchProperty, string | null>;
  traits: Record<string, unknown>;
}

const DECIMAL = new RegExp(DECIMAL_PATTERN);
const spaceTrim = (s: string) => s.replace(/^ +| +$/g, "");
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function numeric(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && DECIMAL.test(spaceTrim(v))) return Number(spaceTrim(v));
  return null;
}

function equals(v: unknown, value: string | number | boolean): boolean {
  if (typeof value === "string") return v === value;
  if (typeof value === "number") return numeric(v) === value;
  return v === value;
}

export function filterMatches(f: PropertyFilter, properties: Record<string, unknown>): boolean {
  const v = Object.prototype.hasOwnProperty.call(properties, f.property) ? properties[f.property] : undefined;
  switch (f.op) {
    case "is_set":
      return v !== undefined && v !== null;
    case "eq":
      return equals(v, f.value!);
    case "neq":
      return !equals(v, f.value!);
    case "contains":
      return typeof v === "string" && asciiLower(v).includes(asciiLower(String(f.value)));
    case "gt":
    case "lt": {
      const n = numeric(v);
      return n !== null && (f.op === "gt" ? n > Number(f.value) : n < Number(f.value));
    }
  }
}

export function clauseMatches(c: EventClause, e: Pick<FunnelEvent, "type" | "event" | "properties">): boolean {
  if (c.event === PAGEVIEW) {
    if (e.type !== "page") return false;
  } else if (c.event === SCREENVIEW) {
    if (e.type !== "screen") return false;
  } else if (e.type !== "track" || e.event !== c.event) return false;
  return c.filters.every((f) => filterMatches(f, e.properties));
}

/** Whether an event takes part in funnels at all. */
export const isFunnelEvent = (e: Pick<FunnelEvent, "type" | "sourceKind">): boolean => ["track", "page", "screen"].includes(e.type) && e.sourceKind !== "crm";

/** Text of a scalar JSON value (breakdown values), or null. */
export function scalarText(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

interface Ev {
  e: FunnelEvent;
  t: number;
  /** matches[j]: the event satisfies step j (0-based). */
  matches: boolean[];
  excluded: boolean[];
  rank: number;
}

export interface Attempt {
  /** Index (in the person's ordered events) of the starting event. */
  start: number;
  /** Steps reached (1..k). */
  reached: number;
  /** Times (epoch ms) of the steps reached, in order. */
  times: number[];
}

function orderedEvents(def: FunnelRequest, events: FunnelEvent[]): Ev[] {
  const k = def.steps.length;
  const out = events.filter(isFunnelEvent).map((e) => {
    const matches = def.steps.map((s) => clausesOf(s).some((c) => clauseMatches(c, e)));
    const first = matches.indexOf(true);
    return { e, t: e.timestamp.getTime(), matches, excluded: def.exclusions.map((x) => clausesOf(x).some((c) => clauseMatches(c, e))), rank: first === -1 ? k + 1 : first + 1 };
  });
  return out.sort((a, b) => a.t - b.t || a.rank - b.rank || a.e.seq - b.e.seq);
}

/** Whether an event of `evs` satisfying `pred` happens strictly between times a and b. */
const between = (evs: Ev[], a: number, b: number, pred: (x: Ev) => boolean) => evs.some((x) => x.t > a && x.t < b && pred(x));

function orderedAttempt(def: FunnelRequest, evs: Ev[], start: number, W: number): Attempt {
  const k = def.steps.length;
  const times = [evs[start]!.t];
  let cur = start;
  for (let j = 1; j < k; j++) {
    let next = -1;
    for (let i = cur + 1; i < evs.length; i++)
      if (evs[i]!.matches[j]) {
        next = i;
        break;
      }
    if (next === -1) break;
    const a = evs[cur]!.t;
    const b = evs[next]!.t;
    if (b - times[0]! > W) break;
    if (def.order === "strict" && between(evs, a, b, () => true)) break;
    const blocked = def.exclusions.some((x, xi) => (x.fromStep ?? 1) <= j && j + 1 <= (x.toStep ?? k) && between(evs, a, b, (ev) => ev.excluded[xi]!));
    if (blocked) break;
    times.push(b);
    cur = next;
  }
  return { start, reached: times.length, times };
}

function anyOrderAttempt(def: FunnelRequest, evs: Ev[], start: number, W: number): Attempt {
  const t0 = evs[start]!.t;
  const used = new Set<number>();
  for (let j = 0; j < def.steps.length; j++) {
    for (let i = start; i < evs.length && evs[i]!.t - t0 <= W; i++) {
      if (evs[i]!.matches[j] && !used.has(i)) {
        used.add(i);
        break;
      }
    }
  }
  const done = [...used].sort((a, b) => a - b);
  const times = [evs[done[0]!]!.t];
  for (let m = 1; m < done.length; m++) {
    const a = evs[done[m - 1]!]!.t;
    const b = evs[done[m]!]!.t;
    if (def.exclusions.some((_, xi) => between(evs, a, b, (ev) => ev.excluded[xi]!))) break;
    times.push(b);
  }
  return { start, reached: times.length, times };
}

export interface PersonFunnel {
  best: Attempt;
  /** The best attempt's starting event. */
  first: FunnelEvent;
  /** Per week (Monday, epoch ms) with an attempt starting: the furthest step reached in that week. */
  weeks: Map<number, number>;
}

/** One person's attempts, or null when none starts in the range. */
export function personFunnel(def: FunnelRequest, events: FunnelEvent[]): PersonFunnel | null {
  const evs = orderedEvents(def, events);
  const W = windowMs(def.window);
  const from = def.from.getTime();
  const to = def.to.getTime();
  let best: Attempt | null = null;
  const weeks = new Map<number, number>();
  evs.forEach((x, i) => {
    if (x.t < from || x.t >= to) return;
    if (def.order === "any" ? !x.matches.includes(true) : !x.matches[0]) return;
    const a = def.order === "any" ? anyOrderAttempt(def, evs, i, W) : orderedAttempt(def, evs, i, W);
    // Starts come in event order, so the first attempt reaching the furthest step is the earliest.
    if (!best || a.reached > best.reached) best = a;
    const w = weekStartMs(x.t);
    weeks.set(w, Math.max(weeks.get(w) ?? 0, a.reached));
  });
  const b = best as Attempt | null;
  return b ? { best: b, first: evs[b.start]!.e, weeks } : null;
}

function breakdownValue(def: FunnelRequest, p: PersonFunnel, person: FunnelPerson | undefined): string {
  const b = def.breakdown!;
  const prop = breakdownProperty(b);
  let v: string | null;
  if (b.type === "first_touch") v = person?.firstTouch[prop as FirstTouchProperty] ?? null;
  else if (b.type === "profile") v = scalarText(person?.traits[prop]);
  else if (prop in EVENT_COLUMNS) {
    const col = { $channel: "channel", $utm_source: "utmSource", $utm_medium: "utmMedium", $utm_campaign: "utmCampaign", $referring_domain: "referringDomain", $page_path: "pagePath" } as const;
    v = p.first[col[prop as keyof typeof col]];
  } else v = scalarText(p.first.properties[prop]);
  return v ?? NONE;
}

function stats(def: FunnelRequest, people: PersonFunnel[]): StepStats[] {
  return def.steps.map((_, j) => {
    const reaching = people.filter((p) => p.best.reached > j);
    const gaps = j === 0 ? [] : reaching.map((p) => p.best.times[j]! - p.best.times[j - 1]!).sort((a, b) => a - b);
    return { people: reaching.length, medianMs: percentileCont(gaps, 0.5), p90Ms: percentileCont(gaps, 0.9) };
  });
}

export interface ReferenceFunnel {
  result: FunnelResult;
  /** Each person in the funnel, with their best attempt and breakdown value. */
  people: Map<string, PersonFunnel & { value: string | null }>;
}

/** The reference computation: every person's events, attempt by attempt; only `members`' when given (a saved audience). */
export function referenceFunnel(def: FunnelRequest, events: FunnelEvent[], persons: FunnelPerson[] = [], members?: ReadonlySet<string>): ReferenceFunnel {
  const byPerson = new Map<string, FunnelEvent[]>();
  for (const e of events) {
    if (members && !members.has(e.personId)) continue;
    const list = byPerson.get(e.personId);
    if (list) list.push(e);
    else byPerson.set(e.personId, [e]);
  }
  const personById = new Map(persons.map((p) => [p.id, p]));
  const people = new Map<string, PersonFunnel & { value: string | null }>();
  for (const [id, evs] of byPerson) {
    const f = personFunnel(def, evs);
    if (f) people.set(id, { ...f, value: def.breakdown ? breakdownValue(def, f, personById.get(id)) : null });
  }
  const all = [...people.values()];
  const k = def.steps.length;

  const trend = new Map<string, { entered: number; converted: number }>();
  for (const p of all)
    for (const [w, reached] of p.weeks) {
      const key = new Date(w).toISOString().slice(0, 10);
      const c = trend.get(key) ?? { entered: 0, converted: 0 };
      c.entered++;
      if (reached === k) c.converted++;
      trend.set(key, c);
    }

  const ttc = new Map<number, number>();
  const toConvert: number[] = [];
  for (const p of all)
    if (p.best.reached === k) {
      const ms = p.best.times[k - 1]! - p.best.times[0]!;
      toConvert.push(ms);
      ttc.set(ttcBin(ms), (ttc.get(ttcBin(ms)) ?? 0) + 1);
    }
  const median = percentileCont(toConvert.sort((a, b) => a - b), 0.5);

  let breakdowns: FunnelResult["breakdowns"] = [];
  if (def.breakdown) {
    const counts = new Map<string, number>();
    for (const p of all) counts.set(p.value!, (counts.get(p.value!) ?? 0) + 1);
    const ranked = [...counts].map(([value, entered]) => ({ value, entered })).sort(compareBreakdown);
    const top = new Set(ranked.slice(0, BREAKDOWN_LIMIT).map((r) => r.value));
    const bucket = (v: string) => (top.has(v) ? v : OTHER);
    const groups = new Map<string, PersonFunnel[]>();
    for (const p of all) groups.set(bucket(p.value!), [...(groups.get(bucket(p.value!)) ?? []), p]);
    breakdowns = [...groups]
      .map(([value, members]) => ({ value, entered: members.length, steps: shapeSteps(def.steps, stats(def, members)) }))
      .sort(compareBreakdown)
      .map(({ value, steps }) => ({ value, steps }));
  }

  return {
    result: {
      steps: shapeSteps(def.steps, stats(def, all)),
      breakdowns,
      trend: fillTrend(def.from, def.to, trend),
      timeToConvert: shapeTimeToConvert(windowMs(def.window), ttc),
      medianSecondsToConvert: median === null ? null : median / 1000,
    },
    people,
  };
}

export type PeopleOutcome = "converted" | "dropped";

/**
 * The people behind a step, as the lists show them: "converted" at step j (1-based) = their best
 * attempt reached it, latest arrival first; "dropped" = it reached step j−1 but not j, latest arrival
 * at step j−1 first; ties by person id. Optionally only one breakdown value (or OTHER).
 */
export function referencePeople(ref: ReferenceFunnel, step: number, outcome: PeopleOutcome, value?: string): { personId: string; at: number }[] {
  const values = new Map<string, number>();
  for (const p of ref.people.values()) if (p.value !== null) values.set(p.value, (values.get(p.value) ?? 0) + 1);
  const top = new Set(
    [...values]
      .map(([v, entered]) => ({ value: v, entered }))
      .sort(compareBreakdown)
      .slice(0, BREAKDOWN_LIMIT)
      .map((r) => r.value),
  );
  const rows: { personId: string; at: number }[] = [];
  for (const [id, p] of ref.people) {
    if (value !== undefined && (top.has(p.value!) ? p.value : OTHER) !== value) continue;
    if (outcome === "converted" ? p.best.reached >= step : p.best.reached === step - 1 && step > 1) {
      rows.push({ personId: id, at: p.best.times[(outcome === "converted" ? step : step - 1) - 1]! });
    }
  }
  return rows.sort((a, b) => b.at - a.at || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
}

