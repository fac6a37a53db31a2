// Calendar helpers for the story, all in UTC epoch milliseconds. Local times use a fixed offset per
// visitor so activity clusters in their working hours.
import type { Geo } from "./catalog";
import type { Rng } from "./prng";

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** "YYYY-MM-DD" → epoch ms of that date's 00:00 UTC; throws on an impossible date. */
export function parseAnchor(anchor: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(anchor);
  if (!m) throw new Error(`anchor must look like YYYY-MM-DD, got "${anchor}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== anchor) throw new Error(`anchor ${anchor} is not a real date`);
  return ms;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The same day-of-month `months` later (clamped to the month's last day), same time of day. */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** "YYYY-MM" of an instant (UTC). */
export function monthKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** Every "YYYY-MM" from the month of startMs to the month of endMs, inclusive. */
export function monthsBetween(startMs: number, endMs: number): string[] {
  const out: string[] = [];
  const s = new Date(startMs);
  let y = s.getUTCFullYear();
  let m = s.getUTCMonth();
  const last = monthKey(endMs);
  for (;;) {
    const key = `${y}-${String(m + 1).padStart(2, "0")}`;
    out.push(key);
    if (key >= last) return out;
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
}

export function localDayStart(ms: number, geo: Geo): number {
  const off = geo.offset * HOUR;
  return Math.floor((ms + off) / DAY) * DAY - off;
}

/** 0 = Sunday … 6 = Saturday, in the visitor's time zone. */
export function localWeekday(ms: number, geo: Geo): number {
  return new Date(ms + geo.offset * HOUR).getUTCDay();
}

/** Moves most weekend instants to the following Monday: B2B traffic dips at weekends. */
export function preferWeekday(rng: Rng, ms: number, geo: Geo, keepWeekend = 0.3): number {
  const wd = localWeekday(ms, geo);
  if ((wd === 0 || wd === 6) && !rng.chance(keepWeekend)) return ms + (wd === 6 ? 2 : 1) * DAY;
  return ms;
}

/** A time of day on the visitor's local day containing `ms`, clustered around the early afternoon. */
export function workTime(rng: Rng, ms: number, geo: Geo, meanHour = 13.5, sdHours = 2.6): number {
  const h = Math.min(22, Math.max(7.5, meanHour + sdHours * rng.normal()));
  return localDayStart(ms, geo) + Math.round(h * HOUR) + rng.int(0, 59) * SECOND;
}
