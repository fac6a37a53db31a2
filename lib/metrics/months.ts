// Calendar months in UTC, as "YYYY-MM" strings, and the calendar arithmetic the metrics share with
// their SQL: adding months to an instant keeps the day of month (clamped to the month's last day) and
// the time of day, as PostgreSQL's `timestamp + interval 'n months'` does. Pure.

export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is Month {
  return typeof value === "string" && MONTH.test(value) && Number(value.slice(0, 4)) >= 1970;
}

/** Months since 1970-01 (1970-01 → 0): makes month arithmetic integer arithmetic. */
export function monthIndex(m: Month): number {
  return (Number(m.slice(0, 4)) - 1970) * 12 + Number(m.slice(5, 7)) - 1;
}

export function monthFromIndex(i: number): Month {
  const y = 1970 + Math.floor(i / 12);
  return `${String(y).padStart(4, "0")}-${String((((i % 12) + 12) % 12) + 1).padStart(2, "0")}`;
}

export function addMonths(m: Month, n: number): Month {
  return monthFromIndex(monthIndex(m) + n);
}

/** The month an instant falls in (UTC). */
export function monthOf(ms: number): Month {
  return new Date(ms).toISOString().slice(0, 7);
}

/** 00:00 UTC on the first day of the month. */
export function monthStart(m: Month): number {
  return Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1);
}

/** Every month from `from` to `to`, inclusive (empty when to < from). */
export function monthSpan(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let i = monthIndex(from), last = monthIndex(to); i <= last; i++) out.push(monthFromIndex(i));
  return out;
}

/** Whole months from a to b (b − a). */
export function monthsApart(a: Month, b: Month): number {
  return monthIndex(b) - monthIndex(a);
}

/** The instant `months` calendar months after `ms`: same day (clamped) and time of day, UTC. */
export function addCalendarMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** "Mar 2025". */
export function monthLabel(m: Month): string {
  return new Date(monthStart(m)).toLocaleString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
}
