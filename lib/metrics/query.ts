// The range and channel filter of a metrics view or API call (`from`, `to` as YYYY-MM, `channel`
// repeated or comma-separated), and the figures whose people can be listed. Pure: parsing, defaults,
// validation with messages that say how to fix the input, and the URLs that carry them.
import { z } from "zod";
import { CHANNELS } from "../analytics/channel";
import { addMonths, isMonth, monthIndex, monthLabel, type Month } from "./months";
import { MOVEMENT_LABELS, MOVEMENTS, type Movement } from "./model";
import type { MetricQuery } from "./compute";

/** The longest range a view or API call may ask for. */
export const MAX_RANGE_MONTHS = 120;
/** A fresh view shows the current month and the two before it. */
export const DEFAULT_RANGE_MONTHS = 3;

export type Params = Record<string, string | string[] | undefined>;

export class MetricQueryError extends Error {
  readonly code = "invalid_range";
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function monthParam(name: string, v: string | undefined): Month | undefined {
  if (v === undefined || v.trim() === "") return undefined;
  const m = v.trim();
  if (!isMonth(m)) throw new MetricQueryError(`${name} must be a month written YYYY-MM (e.g. 2025-03), got "${v}".`);
  return m;
}

/** The channels a `channel` parameter names (null: all), each one of CHANNELS. */
export function parseChannels(raw: string | string[] | undefined): string[] | null {
  const names = all(raw)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  if (names.length === 0) return null;
  const known = new Set<string>(CHANNELS);
  const bad = names.filter((n) => !known.has(n));
  if (bad.length) throw new MetricQueryError(`Unknown channel ${bad.map((b) => `"${b}"`).join(", ")}: use one of ${CHANNELS.join(", ")}.`);
  return [...new Set(names)].sort();
}

/** from/to/channel → a query; defaults to the last DEFAULT_RANGE_MONTHS months ending with the current one. */
export function parseMetricQuery(params: Params, currentMonth: Month): MetricQuery {
  const to = monthParam("to", first(params.to)) ?? currentMonth;
  const from = monthParam("from", first(params.from)) ?? addMonths(to, 1 - DEFAULT_RANGE_MONTHS);
  if (monthIndex(to) > monthIndex(currentMonth)) throw new MetricQueryError(`to (${to}) is after the current month (${currentMonth}); metrics exist only up to now.`);
  if (monthIndex(from) > monthIndex(to)) throw new MetricQueryError(`from (${from}) is after to (${to}); swap them.`);
  if (monthIndex(to) - monthIndex(from) + 1 > MAX_RANGE_MONTHS) throw new MetricQueryError(`The range is longer than ${MAX_RANGE_MONTHS} months; choose a shorter one.`);
  return { from, to, channels: parseChannels(params.channel) };
}

export function rangeLabel(from: Month, to: Month): string {
  return from === to ? monthLabel(from) : `${monthLabel(from)} – ${monthLabel(to)}`;
}

/** Search params for a query (channels comma-separated). */
export function queryParams(q: MetricQuery): URLSearchParams {
  const p = new URLSearchParams({ from: q.from, to: q.to });
  if (q.channels?.length) p.set("channel", q.channels.join(","));
  return p;
}

// ───────────────────────────── figures behind which people are listed ─────────────────────────────

export type Figure =
  /** Customers acquired (cohort month) in [from, to]. */
  | { kind: "new"; from: Month; to: Month }
  /** Customers paying at the month's sample instant. */
  | { kind: "paying"; month: Month }
  /** Customers who made this MRR movement in [from, to]. */
  | { kind: "movement"; movement: Movement; from: Month; to: Month }
  /** Members of a cohort paying `age` months after it (age null: every member). */
  | { kind: "cohort"; cohort: Month; age: number | null };

export interface FigureQuery {
  figure: Figure;
  channels: string[] | null;
}

const month = z.string().refine(isMonth, "must be a month written YYYY-MM");
const figureSchema = z.discriminatedUnion("figure", [
  z.object({ figure: z.literal("new"), from: month, to: month }),
  z.object({ figure: z.literal("paying"), month }),
  z.object({ figure: z.literal("movement"), movement: z.enum(MOVEMENTS), from: month, to: month }),
  z.object({ figure: z.literal("cohort"), cohort: month, age: z.coerce.number().int().min(0).max(MAX_RANGE_MONTHS).optional() }),
]);

export function parseFigure(params: Params): FigureQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, first(v)]).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = figureSchema.safeParse(flat);
  if (!parsed.success) {
    throw new MetricQueryError(
      `Name a figure: figure=new&from=YYYY-MM&to=YYYY-MM, figure=paying&month=YYYY-MM, figure=movement&movement=${MOVEMENTS.join("|")}&from=…&to=…, or figure=cohort&cohort=YYYY-MM[&age=N] (${parsed.error.issues.map((i) => `${i.path.join(".") || "figure"}: ${i.message}`).join("; ")}).`,
    );
  }
  const f = parsed.data;
  const channels = parseChannels(params.channel);
  if ((f.figure === "new" || f.figure === "movement") && monthIndex(f.from) > monthIndex(f.to)) throw new MetricQueryError(`from (${f.from}) is after to (${f.to}); swap them.`);
  const figure: Figure =
    f.figure === "new"
      ? { kind: "new", from: f.from, to: f.to }
      : f.figure === "paying"
        ? { kind: "paying", month: f.month }
        : f.figure === "movement"
          ? { kind: "movement", movement: f.movement, from: f.from, to: f.to }
          : { kind: "cohort", cohort: f.cohort, age: f.age ?? null };
  return { figure, channels };
}

/** The people page's URL for a figure. */
export function peopleHref(figure: Figure, channels: string[] | null): string {
  const p = new URLSearchParams({ figure: figure.kind });
  if (figure.kind === "new" || figure.kind === "movement") {
    if (figure.kind === "movement") p.set("movement", figure.movement);
    p.set("from", figure.from);
    p.set("to", figure.to);
  } else if (figure.kind === "paying") p.set("month", figure.month);
  else {
    p.set("cohort", figure.cohort);
    if (figure.age !== null) p.set("age", String(figure.age));
  }
  if (channels?.length) p.set("channel", channels.join(","));
  return `/leadership/people?${p.toString()}`;
}

/** "New customers, Jan 2025 – Mar 2025 · Paid Social". */
export function describeFigure(f: FigureQuery): string {
  const fig = f.figure;
  const base =
    fig.kind === "new"
      ? `New customers acquired ${rangeLabel(fig.from, fig.to)}`
      : fig.kind === "paying"
        ? `Customers paying at the end of ${monthLabel(fig.month)}`
        : fig.kind === "movement"
          ? `${MOVEMENT_LABELS[fig.movement]} MRR, ${rangeLabel(fig.from, fig.to)}`
          : fig.age === null
            ? `Customers acquired in ${monthLabel(fig.cohort)}`
            : `Customers acquired in ${monthLabel(fig.cohort)} still paying in month ${fig.age} (${monthLabel(addMonths(fig.cohort, fig.age))})`;
  return f.channels ? `${base} · ${f.channels.join(", ")}` : base;
}

