// Query-string pieces the APIs share, each with a message that says what to send: a page size and an
// instant (a date or a date-time). Pure.
import { z } from "zod";

/**
 * A page size from 1 to `max` (a query string, so coerced), with the message saying how to get more
 * (`more`, default: follow cursor.next). Chain `.default(n)` or `.optional()`.
 */
export function pageLimit(max: number, description: string, more = "follow cursor.next for more") {
  const range = `limit is a whole number from 1 to ${max}`;
  return z.coerce
    .number({ message: range })
    .int(range)
    .min(1, range)
    .max(max, `limit is at most ${max}; ${more}`)
    .describe(description);
}

/** An optional ISO-8601 date (its midnight UTC) or date-time, as a Date. */
export const instant = (name: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), `${name} is an ISO-8601 date or time, e.g. 2026-03-01 or 2026-03-01T09:30:00Z`)
    .transform((v) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v))
    .optional();
