// Paths: from a start event, the most common next steps (or, back from an end event, the steps that
// led to it), within one session. Pure: the request, how an event becomes a step, the result's
// shape, the diagram's grouping, and a brute-force reference (pathsReference, tests only) that the
// SQL in lib/data/paths.ts is compared with on random worlds.
//
// Definitions (the UI shows the same words):
// - Only events in [from, to) are read, and sessions (lib/analytics/sessions.ts: page, screen and track
//   events from web and mobile sources, a new session after more than 30 minutes) are formed from
//   them: a visit crossing the range's start or end is cut there.
// - A step is a track event (by name), a page view (by path; "grouped by path") or a screen view (by
//   name). With pages collapsed, every page view is one step "(any page)" and every screen view
//   "(any screen)". The same step repeated back to back (a reload, a double click) counts once.
// - The anchor is each person's FIRST occurrence of the anchor step in the range. "after": the next
//   N steps of that session; "before": the N steps before it in that session (level 1 = just before).
// - People at level k: people whose path has at least k steps; drop-off at level k: people at level
//   k − 1 (the anchor is level 0) whose session ended there (for "before": whose session began there).
import { z } from "zod";
import { checkRange, isoInstant } from "./request";
import { inSession, sessionize, type SessionEvent } from "./sessions";

export const MAX_PATH_STEPS = 10;
export const DEFAULT_PATH_STEPS = 5;
export const TOP_PATHS = 50;
export const STEP_KINDS = ["event", "page", "screen"] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const ANY_PAGE = "(any page)";
export const ANY_SCREEN = "(any screen)";

export interface PathStep {
  kind: StepKind;
  name: string;
}

export const pathsRequestSchema = z
  .object({
    anchor: z.object({ kind: z.enum(STEP_KINDS).default("event"), name: z.string().trim().min(1, "Name the anchor step").max(500) }),
    direction: z.enum(["after", "before"]).default("after"),
    steps: z.number().int().min(1).max(MAX_PATH_STEPS, `At most ${MAX_PATH_STEPS} steps`).default(DEFAULT_PATH_STEPS),
    from: isoInstant,
    to: isoInstant,
    /** "path": each page path is its own step; "collapsed": all page views are one step. */
    pages: z.enum(["path", "collapsed"]).default("path"),
  })
  .superRefine(checkRange);

export type PathsRequest = z.output<typeof pathsRequestSchema>;
export type PathsQuery = Omit<PathsRequest, "anchor"> & { anchor: PathStep };

export interface PathsResult {
  anchor: PathStep;
  direction: "after" | "before";
  steps: number;
  /** People whose anchor step happened in the range (level 0). */
  people: number;
  levels: { level: number; people: number; dropOff: number; nodes: { step: PathStep; people: number }[] }[];
  /** Transitions from the step at level − 1 (the anchor for level 1) to the step at `level`. */
  links: { level: number; from: PathStep; to: PathStep; people: number }[];
  /** The most common whole paths (up to TOP_PATHS); an empty one means the session ended at the anchor. */
  paths: { steps: PathStep[]; people: number }[];
  distinctPaths: number;
}

/** The one string a step is compared and grouped by: `kind:name`. */
export const stepKey = (s: PathStep) => `${s.kind}:${s.name}`;
export function parseStepKey(key: string): PathStep {
  const i = key.indexOf(":");
  return { kind: key.slice(0, i) as StepKind, name: key.slice(i + 1) };
}

/** The anchor as the mode sees it (with pages collapsed, a page anchor is any page). */
export function normalizeAnchor(anchor: PathStep, pages: PathsQuery["pages"]): PathStep {
  if (pages === "collapsed" && anchor.kind === "page") return { kind: "page", name: ANY_PAGE };
  if (pages === "collapsed" && anchor.kind === "screen") return { kind: "screen", name: ANY_SCREEN };
  return anchor;
}

export function describeStep(s: PathStep): string {
  return s.kind === "page" ? `Page ${s.name}` : s.kind === "screen" ? `Screen ${s.name}` : s.name;
}

/** Code-unit order, the same as the database's "C" collation for these keys. */
export const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ───────────────────────────── the reference (tests only) ─────────────────────────────

export interface PathEvent extends SessionEvent {
  personId: string | null;
  event: string | null;
  name: string | null;
}

function stepOf(e: PathEvent, pages: PathsQuery["pages"]): string {
  if (e.type === "track") return `event:${e.event ?? "(no name)"}`;
  if (e.type === "page") return pages === "collapsed" ? `page:${ANY_PAGE}` : `page:${e.pagePath || e.name || "(unknown)"}`;
  return pages === "collapsed" ? `screen:${ANY_SCREEN}` : `screen:${e.name ?? "(unknown)"}`;
}

const SEP = "\u001f";

/** Builds the result from each person's path (as step keys, level 1 first). */
export function buildPathsResult(query: PathsQuery, perPerson: string[][]): PathsResult {
  const anchor = normalizeAnchor(query.anchor, query.pages);
  const nodeCounts = new Map<string, number>();
  const linkCounts = new Map<string, number>();
  const pathCounts = new Map<string, number>();
  for (const path of perPerson) {
    path.forEach((key, i) => {
      const level = i + 1;
      nodeCounts.set(`${level}${SEP}${key}`, (nodeCounts.get(`${level}${SEP}${key}`) ?? 0) + 1);
      const from = i === 0 ? stepKey(anchor) : path[i - 1]!;
      const lk = `${level}${SEP}${from}${SEP}${key}`;
      linkCounts.set(lk, (linkCounts.get(lk) ?? 0) + 1);
    });
    const pk = path.join(SEP);
    pathCounts.set(pk, (pathCounts.get(pk) ?? 0) + 1);
  }
  return shapePaths(
    query,
    perPerson.length,
    [...nodeCounts].map(([k, people]) => {
      const [level, key] = k.split(SEP) as [string, string];
      return { level: Number(level), key, people };
    }),
    [...linkCounts].map(([k, people]) => {
      const [level, from, to] = k.split(SEP) as [string, string, string];
      return { level: Number(level), from, to, people };
    }),
    [...pathCounts].map(([k, people]) => ({ key: k, people })),
  );
}

/**
 * The result from aggregated rows (the SQL returns the same rows): counts per (level, step), per
 * link, and per whole path (steps joined by U+001F, "" for an empty path). Orders everything by
 * people (most first), then by key in code-unit order.
 */
export function shapePaths(
  query: PathsQuery,
  people: number,
  nodes: { level: number; key: string; people: number }[],
  links: { level: number; from: string; to: string; people: number }[],
  paths: { key: string; people: number }[],
): PathsResult {
  const levels: PathsResult["levels"] = [];
  let previous = people;
  for (let level = 1; level <= query.steps; level++) {
    const here = nodes
      .filter((n) => n.level === level)
      .sort((a, b) => b.people - a.people || byCodeUnits(a.key, b.key))
      .map((n) => ({ step: parseStepKey(n.key), people: n.people }));
    const count = here.reduce((s, n) => s + n.people, 0);
    levels.push({ level, people: count, dropOff: previous - count, nodes: here });
    previous = count;
  }
  const sortedPaths = [...paths].sort((a, b) => b.people - a.people || byCodeUnits(a.key, b.key));
  return {
    anchor: normalizeAnchor(query.anchor, query.pages),
    direction: query.direction,
    steps: query.steps,
    people,
    levels,
    links: [...links]
      .sort((a, b) => a.level - b.level || b.people - a.people || byCodeUnits(a.from, b.from) || byCodeUnits(a.to, b.to))
      .map((l) => ({ level: l.level, from: parseStepKey(l.from), to: parseStepKey(l.to), people: l.people })),
    paths: sortedPaths.slice(0, TOP_PATHS).map((p) => ({ steps: p.key === "" ? [] : p.key.split(SEP).map(parseStepKey), people: p.people })),
    distinctPaths: paths.length,
  };
}

/** The paths of `query` computed the plain way, person by person. */
export function pathsReference(events: PathEvent[], query: PathsQuery): PathsResult {
  const anchor = stepKey(normalizeAnchor(query.anchor, query.pages));
  const byPerson = new Map<string, PathEvent[]>();
  for (const e of events) {
    if (!e.personId || !inSession(e) || e.at < query.from || e.at >= query.to) continue;
    byPerson.set(e.personId, [...(byPerson.get(e.personId) ?? []), e]);
  }
  const perPerson: string[][] = [];
  for (const evs of byPerson.values()) {
    const bySeq = new Map(evs.map((e) => [e.seq, e]));
    const sessions = sessionize(evs).map((s) => {
      const keys: string[] = [];
      for (const seq of s.seqs) {
        const k = stepOf(bySeq.get(seq)!, query.pages);
        if (keys[keys.length - 1] !== k) keys.push(k);
      }
      return keys;
    });
    // Sessions are in time order, so the first session holding the anchor holds its first occurrence.
    for (const keys of sessions) {
      const at = keys.indexOf(anchor);
      if (at < 0) continue;
      perPerson.push(query.direction === "after" ? keys.slice(at + 1, at + 1 + query.steps) : keys.slice(Math.max(0, at - query.steps), at).reverse());
      break;
    }
  }
  return buildPathsResult(query, perPerson);
}

// ───────────────────────────── the diagram ─────────────────────────────

export const OTHER_STEPS = "Other steps";

export interface SankeyData {
  nodes: { name: string; level: number; people: number; other: boolean }[];
  links: { source: number; target: number; value: number }[];
}

/**
 * The diagram's nodes and links: per level the `top` most common steps, the rest grouped as "Other
 * steps" (their links merge too). Levels run away from the anchor; the caller draws "before" paths
 * right to left.
 */
export function sankeyData(result: PathsResult, top: number): SankeyData {
  const nodes: SankeyData["nodes"] = [{ name: describeStep(result.anchor), level: 0, people: result.people, other: false }];
  const index = new Map<string, number>([[`0${SEP}${stepKey(result.anchor)}`, 0]]);
  const kept = new Map<number, Set<string>>();
  for (const l of result.levels) {
    const keep = new Set(l.nodes.slice(0, top).map((n) => stepKey(n.step)));
    kept.set(l.level, keep);
    for (const n of l.nodes.slice(0, top)) {
      index.set(`${l.level}${SEP}${stepKey(n.step)}`, nodes.length);
      nodes.push({ name: describeStep(n.step), level: l.level, people: n.people, other: false });
    }
    const rest = l.nodes.slice(top).reduce((s, n) => s + n.people, 0);
    if (rest > 0) {
      index.set(`${l.level}${SEP}${OTHER_STEPS}`, nodes.length);
      nodes.push({ name: OTHER_STEPS, level: l.level, people: rest, other: true });
    }
  }
  const nodeOf = (level: number, step: PathStep) => {
    if (level === 0) return 0;
    const key = kept.get(level)?.has(stepKey(step)) ? stepKey(step) : OTHER_STEPS;
    return index.get(`${level}${SEP}${key}`)!;
  };
  const merged = new Map<string, number>();
  for (const l of result.links) {
    const k = `${nodeOf(l.level - 1, l.from)}${SEP}${nodeOf(l.level, l.to)}`;
    merged.set(k, (merged.get(k) ?? 0) + l.people);
  }
  const links = [...merged].map(([k, value]) => {
    const [source, target] = k.split(SEP).map(Number) as [number, number];
    return { source, target, value };
  });
  return { nodes, links };
}
