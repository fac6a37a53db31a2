// What the metrics and spend API routes share: the query (range, channels, groupBy) read with the
// pure parsers and their refusals as 400 invalid_range, and the dashboard computed for it.
import "server-only";
import type { NextRequest } from "next/server";
import { ApiError } from "./errors";
import { loadDashboard, metricContext, type MetricContext } from "../data/metrics";
import type { Dashboard } from "../metrics/compute";
import { monthOf } from "../metrics/months";
import { MetricQueryError, parseMetricQuery, type Params } from "../metrics/query";

export function searchParamsOf(req: NextRequest): Params {
  const out: Params = {};
  for (const key of new Set(req.nextUrl.searchParams.keys())) {
    const all = req.nextUrl.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

export function oneOf<T extends string>(name: string, value: string | string[] | undefined, allowed: readonly T[], fallback: T): T {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v === "") return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new ApiError(400, "invalid_request", `${name} must be one of ${allowed.join(", ")}, got "${v}".`);
}

/** The dashboard for the request's from/to/channel, as of now. */
export async function dashboardFor(params: Params): Promise<{ dashboard: Dashboard; ctx: MetricContext }> {
  const ctx = await metricContext();
  let query;
  try {
    query = parseMetricQuery(params, monthOf(ctx.now.getTime()));
  } catch (err) {
    if (err instanceof MetricQueryError) throw new ApiError(400, err.code, err.message);
    throw err;
  }
  return { dashboard: await loadDashboard(ctx, query), ctx };
}
