// What the metrics and spend API routes share: their query schemas, the range read with the pure
// parsers (their refusals answered as 400 invalid_range, as these APIs always have), and the
// dashboard computed for it. The month and channel parameters are plain strings to zod: the parsers
// judge them, because a bad range is `invalid_range` to clients, not zod's `invalid_request`.
import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { ApiError } from "./errors";
import { CHANNELS } from "../analytics/channel";
import { loadDashboard, metricContext, type MetricContext } from "../data/metrics";
import { CAC_GROUPS, LTV_GROUPS } from "../metrics/api";
import type { Dashboard } from "../metrics/compute";
import { monthOf } from "../metrics/months";
import { DEFAULT_RANGE_MONTHS, MAX_RANGE_MONTHS, MetricQueryError, parseMetricQuery, type Params } from "../metrics/query";

export function searchParamsOf(req: NextRequest): Params {
  const out: Params = {};
  for (const key of new Set(req.nextUrl.searchParams.keys())) {
    const all = req.nextUrl.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

const REFUSED = `A malformed month, \`from\` after \`to\` or a range over ${MAX_RANGE_MONTHS} months is refused with \`invalid_range\`.`;

const metricRange = {
  from: z.string().optional().describe(`The first month, as \`YYYY-MM\`. Default: ${DEFAULT_RANGE_MONTHS - 1} months before \`to\`. ${REFUSED}`),
  to: z.string().optional().describe("The last month, as `YYYY-MM`: the current month (partial, the default) or before; a later one is refused with `invalid_range`."),
};

/** from/to/channel of GET /api/v1/metrics/*. */
export const metricQuery = z.object({
  ...metricRange,
  channel: z
    .string()
    .optional()
    .describe(
      `Only customers and spend of these channel groups: one, several comma-separated, or the parameter repeated (\`channel=Paid Social&channel=Email\`). ` +
        `Default: every channel. With a filter, blended CAC leaves out the overhead (it belongs to no channel). An unknown name is refused with \`invalid_range\`. The groups: ${CHANNELS.join(", ")}.`,
    ),
});

/** groupBy: one of `groups`, the first by default (an empty value too, as these APIs always took it). */
function groupByParam<const G extends readonly [string, ...string[]]>(groups: G, description: string) {
  return z
    .union([z.enum(groups), z.literal("")], { error: (issue) => `must be one of ${groups.join(", ")}, got ${JSON.stringify(issue.input)}.` })
    .describe(description)
    .default(groups[0])
    .transform((v): G[number] => v || groups[0]);
}

export const cacQuery = metricQuery.extend({
  groupBy: groupByParam(CAC_GROUPS, "`channel`: one row per channel group over the range; `month`: one row per month, each with its channels."),
});

export const ltvQuery = metricQuery.extend({
  groupBy: groupByParam(LTV_GROUPS, "`channel`: formula and realized LTV per acquisition channel; `cohort`: per acquisition month, with its MRR retention by age."),
});

/** from/to of GET /api/v1/spend (spend may be recorded ahead, so `to` may be a future month). */
export const spendQuery = z.object({
  from: metricRange.from,
  to: z.string().optional().describe("The last month, as `YYYY-MM`; any month, budgets ahead included. Default: the current month."),
});

/** Runs a pure range or figure parser, answering its refusal as 400 invalid_range. */
export function refusingBadRange<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof MetricQueryError) throw new ApiError(400, err.code, err.message);
    throw err;
  }
}

/**
 * The dashboard for the request's range and channels, as of now. The channels are read from every
 * `channel` value: the query object apiRoute parses keeps one value per name.
 */
export async function dashboardFor(req: NextRequest, query: z.infer<typeof metricQuery>): Promise<{ dashboard: Dashboard; ctx: MetricContext }> {
  const ctx = await metricContext();
  const params = { from: query.from, to: query.to, channel: req.nextUrl.searchParams.getAll("channel") };
  const parsed = refusingBadRange(() => parseMetricQuery(params, monthOf(ctx.now.getTime())));
  return { dashboard: await loadDashboard(ctx, parsed), ctx };
}
