// Pieces every analytics request shares: instants in ISO 8601 with a zone, and a [from, to) range
// check that runs only once both ends parsed. Pure (client forms import it too).
import { z } from "zod";

const DAY_MS = 86_400_000;
export const MAX_RANGE_DAYS = 3660;

export const isoInstant = z.iso
  .datetime({ offset: true, error: "Give a date-time in ISO 8601 with a time zone, e.g. 2026-03-01T00:00:00Z" })
  .transform((s) => new Date(s));

/** An analysis limited to a saved audience's members (as of `now`); omitted or null: everyone. */
export const audienceIdField = z.string().trim().min(1).max(100).nullish().describe("Only people in this saved audience (its members as of `now`); omit or null for everyone");
/** When a saved audience's membership is evaluated (default: the time of the request). */
export const evaluatedAtField = isoInstant.optional().describe("When the saved audience's membership is evaluated (default: now)");

/** For `.superRefine`: `from` before `to`, at most MAX_RANGE_DAYS apart. */
export function checkRange(r: { from?: unknown; to?: unknown }, ctx: z.RefinementCtx): void {
  if (!(r.from instanceof Date) || !(r.to instanceof Date)) return;
  if (r.from >= r.to) ctx.addIssue({ code: "custom", message: "`from` must be before `to`", path: ["to"] });
  else if (r.to.getTime() - r.from.getTime() > MAX_RANGE_DAYS * DAY_MS) ctx.addIssue({ code: "custom", message: `The range can span at most ${MAX_RANGE_DAYS} days`, path: ["to"] });
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
export const isDay = (s: unknown): s is string => typeof s === "string" && DAY_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** "YYYY-MM-DD" of an instant, in UTC. */
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** The UTC instants of a range of whole days, both days included: [from 00:00, the day after `to` 00:00). */
export function daysToRange(fromDay: string, toDay: string): { from: string; to: string } {
  return { from: `${fromDay}T00:00:00.000Z`, to: new Date(Date.parse(`${toDay}T00:00:00Z`) + DAY_MS).toISOString() };
}

/** The last `days` days up to and including today (UTC). */
export function lastDays(now: Date, days: number): { fromDay: string; toDay: string } {
  return { fromDay: dayOf(new Date(now.getTime() - (days - 1) * DAY_MS)), toDay: dayOf(now) };
}
