// The /funnels builder's state — what is saved and what a shared URL carries: the funnel without its
// dates plus a date range that is either relative ("last 30 days", so a saved funnel stays current)
// or fixed (two calendar days, the end inclusive as people read it). Pure: turning it into an API
// request at a given moment, and into and out of a URL parameter.
import { z } from "zod";
import { funnelRequestSchema, funnelShape, type FunnelRequest, type FunnelRequestInput } from "./funnel-definition";

export const RANGE_PRESETS = [7, 30, 90, 180, 365] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day is YYYY-MM-DD");
const rangeSchema = z.union([
  z.strictObject({ last: z.union(RANGE_PRESETS.map((n) => z.literal(n)) as [z.ZodLiteral<7>, ...z.ZodLiteral<RangePreset>[]]) }),
  z.strictObject({ from: day, to: day }),
]);
export type FunnelRange = z.infer<typeof rangeSchema>;

export const builderStateSchema = z.strictObject({ ...funnelShape, range: rangeSchema.default({ last: 30 }) });
export type BuilderState = z.output<typeof builderStateSchema>;
export type BuilderStateInput = z.input<typeof builderStateSchema>;

export const MAX_NAME = 120;
export const savedFunnelInput = z.strictObject({ name: z.string().trim().min(1, "Give the funnel a name").max(MAX_NAME, `A name has at most ${MAX_NAME} characters`), definition: builderStateSchema });

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** [from, to) in UTC for a range at `now`: "last N days" ends with today (to = tomorrow 00:00 UTC). */
export function rangeBounds(range: FunnelRange, now: Date): { from: string; to: string } {
  if ("last" in range) {
    const to = (Math.floor(now.getTime() / DAY_MS) + 1) * DAY_MS;
    return { from: isoDay(to - range.last * DAY_MS), to: isoDay(to) };
  }
  return { from: range.from, to: isoDay(Date.parse(`${range.to}T00:00:00Z`) + DAY_MS) };
}

/** The API request for a builder state at `now` (a saved audience's membership evaluated then too). */
export function requestOf(state: BuilderState, now: Date): FunnelRequestInput {
  const { range, ...funnel } = state;
  return { ...funnel, ...rangeBounds(range, now), ...(state.audienceId ? { now: now.toISOString() } : {}) };
}

/** Validates a builder state as the API would, giving the request or the reasons it is refused. */
export function checkState(state: BuilderStateInput, now: Date): { ok: true; request: FunnelRequest; input: FunnelRequestInput } | { ok: false; issues: { path: string; message: string }[] } {
  const parsed = builderStateSchema.safeParse(state);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  const input = requestOf(parsed.data, now);
  const request = funnelRequestSchema.safeParse(input);
  if (!request.success) return { ok: false, issues: request.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  return { ok: true, request: request.data, input };
}

// base64url of UTF-8, the same in the browser and in Node (no Buffer on the client).
function toBase64Url(text: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function fromBase64Url(param: string): string {
  const bin = atob(param.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The state as a URL parameter (base64url JSON), so an unsaved funnel can be shared by link. */
export function encodeState(state: BuilderStateInput): string {
  return toBase64Url(JSON.stringify(state));
}

/** The state a URL parameter carries, or null when it is not a valid one. */
export function decodeState(param: string | null | undefined): BuilderState | null {
  if (!param) return null;
  try {
    const parsed = builderStateSchema.safeParse(JSON.parse(fromBase64Url(param)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What a new funnel starts with: the lifecycle's sign-up and trial events, last 30 days. */
export function starterState(signedUp: string | null, trialStarted: string | null): BuilderState {
  return builderStateSchema.parse({
    steps: [{ event: signedUp ?? "Signed Up" }, { event: trialStarted ?? "Trial Started" }],
    range: { last: 30 },
  });
}
