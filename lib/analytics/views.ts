// The analytics pages' state as URL search params, so a report can be shared by its address. One zod
// schema per page; anything missing or malformed falls back to its default. Pure (client components
// import it too).
import { z } from "zod";
import { COUNT_MODES, DEFAULT_LOOKBACK_DAYS, DIMENSIONS, MAX_LOOKBACK_DAYS } from "./attribution";
import { DEFAULT_PATH_STEPS, MAX_PATH_STEPS } from "./paths";
import { isDay } from "./request";

type Params = Record<string, string | string[] | undefined>;
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const day = (fallback: string) => z.preprocess(first, z.string().refine(isDay)).catch(fallback);

export const TOP_STEP_CHOICES = [3, 5, 8, 12] as const;

export function parsePathsView(params: Params, defaults: { anchor: string; fromDay: string; toDay: string }) {
  return z
    .object({
      kind: z.preprocess(first, z.enum(["event", "page"])).catch("event"),
      anchor: z.preprocess(first, z.string().trim().min(1).max(500)).catch(defaults.anchor),
      direction: z.preprocess(first, z.enum(["after", "before"])).catch("after"),
      steps: z.preprocess(first, z.coerce.number().int().min(1).max(MAX_PATH_STEPS)).catch(DEFAULT_PATH_STEPS),
      from: day(defaults.fromDay),
      to: day(defaults.toDay),
      pages: z.preprocess(first, z.enum(["path", "collapsed"])).catch("path"),
      top: z.preprocess(first, z.coerce.number().int().refine((n) => (TOP_STEP_CHOICES as readonly number[]).includes(n))).catch(5),
    })
    .parse(params);
}
export type PathsView = ReturnType<typeof parsePathsView>;

export function parseAttributionView(params: Params, defaults: { fromDay: string; toDay: string }) {
  return z
    .object({
      event: z.preprocess(first, z.string().trim().max(200)).catch(""),
      from: day(defaults.fromDay),
      to: day(defaults.toDay),
      lookback: z.preprocess(first, z.coerce.number().int().min(1).max(MAX_LOOKBACK_DAYS)).catch(DEFAULT_LOOKBACK_DAYS),
      dimension: z.preprocess(first, z.enum(DIMENSIONS)).catch("channel"),
      count: z.preprocess(first, z.enum(COUNT_MODES)).catch("first"),
      audience: z.preprocess(first, z.string().trim().max(100)).catch(""),
      metric: z.preprocess(first, z.enum(["conversions", "revenue"])).catch("conversions"),
    })
    .parse(params);
}
export type AttributionView = ReturnType<typeof parseAttributionView>;

/** The view as search params, defaults left out. */
export function viewQuery(view: Record<string, string | number>, defaults: Record<string, string | number>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(view)) if (String(v) !== String(defaults[k] ?? "") && v !== "") q.set(k, String(v));
  return q.toString();
}
