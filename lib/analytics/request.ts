// Pieces every analytics request shares: instants in ISO 8601 with a zone, and a [from, to) range
// check that runs only once both ends parsed. Pure (client forms import it too).
import { z } from "zod";

const DAY_MS = 86_400_000;
export const MAX_RANGE_DAYS = 3660;

export const isoInstant = z.iso
  .datetime({ offset: true, error: "Give a date-time in ISO 8601 with a time zone, e.g. 2026-03-01T00:00:00Z" })
  .transform((s) => new Date(s));

/** For `.superRefine`: `from` before `to`, at most MAX_RANGE_DAYS apart. */
export function checkRange(r: { from?: unknown; to?: unknown }, ctx: z.RefinementCtx): void {
  if (!(r.from instanceof Date) || !(r.to instanceof Date)) return;
  if (r.from >= r.to) ctx.addIssue({ code: "custom", message: "`from` must be before `to`", path: ["to"] });
  else if (r.to.getTime() - r.from.getTime() > MAX_RANGE_DAYS * DAY_MS) ctx.addIssue({ code: "custom", message: `The range can span at most ${MAX_RANGE_DAYS} days`, path: ["to"] });
}
