// The Export page's raw data forms, the pure half: the download URL for what was chosen. Dates are
// whole UTC days and both ends are included (the API's `to` is exclusive, so the day after is sent).
// Client-safe: no Node APIs.
import type { RawFormat, RawKind } from "./raw";

export const FORMAT_LABELS: Record<RawFormat, string> = {
  ndjson: "NDJSON — one JSON object per line",
  csv: "CSV — opens in a spreadsheet",
};

export interface RawExportChoice {
  format: RawFormat;
  /** `YYYY-MM-DD` or empty. */
  fromDay: string;
  /** `YYYY-MM-DD` or empty: included. */
  toDay: string;
  /** Events only: a source id or empty for all. */
  source?: string;
  /** Events only: a track event name or empty for all. */
  event?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The download's URL, or what to fix. */
export function rawExportUrl(kind: RawKind, c: RawExportChoice): { ok: true; url: string } | { ok: false; field: "fromDay" | "toDay"; message: string } {
  for (const field of ["fromDay", "toDay"] as const) {
    if (c[field] && (!DAY.test(c[field]) || Number.isNaN(Date.parse(c[field])))) return { ok: false, field, message: "Enter a date as YYYY-MM-DD, or leave it empty." };
  }
  if (c.fromDay && c.toDay && c.fromDay > c.toDay) return { ok: false, field: "toDay", message: "The last day is before the first day." };
  const q = new URLSearchParams({ format: c.format });
  if (c.fromDay) q.set("from", c.fromDay);
  if (c.toDay) q.set("to", nextDay(c.toDay));
  if (kind === "events") {
    if (c.source?.trim()) q.set("source", c.source.trim());
    if (c.event?.trim()) q.set("event", c.event.trim());
  }
  return { ok: true, url: `/export/${kind}?${q.toString()}` };
}
