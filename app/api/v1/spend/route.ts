// GET /api/v1/spend?from=YYYY-MM&to=YYYY-MM — recorded marketing spend; PUT — upsert rows by month + channel + source, all or nothing (token with spend:write).
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { searchParamsOf } from "@/lib/api/metrics";
import { metricSettings } from "@/lib/data/metric-settings";
import { listSpend, upsertSpend } from "@/lib/data/spend";
import { MetricQueryError, parseMetricQuery } from "@/lib/metrics/query";
import { monthOf } from "@/lib/metrics/months";
import { describeRowErrors, MAX_SPEND_ROWS, spendBodySchema, validateSpendRows } from "@/lib/metrics/spend";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: { token: "spend:write" } }, async ({ req }) => {
  const params = searchParamsOf(req);
  let range;
  try {
    // Spend may be recorded ahead (budgets): `to` may be any month, so parse against a far future.
    range = parseMetricQuery({ from: params.from, to: params.to ?? monthOf(Date.now()) }, "9999-12");
  } catch (err) {
    if (err instanceof MetricQueryError) throw new ApiError(400, err.code, err.message);
    throw err;
  }
  const rows = await listSpend(range.from, range.to);
  return { from: range.from, to: range.to, rows: rows.map(({ month, channel, source, amount, currency, updatedAt }) => ({ month, channel, source: source || null, amount, currency, updatedAt })) };
});

export const PUT = apiRoute({ access: { token: "spend:write" }, body: spendBodySchema, maxBodyBytes: 4 * 1024 * 1024 }, async ({ body, token }) => {
  const rows = Array.isArray(body) ? body : body.rows;
  const { currency } = await metricSettings();
  const checked = validateSpendRows(rows, currency);
  if (!checked.ok) {
    const bad = checked.errors.filter((e) => e.row > 0).length;
    const head = bad ? `${bad} of ${rows.length} rows are invalid, so nothing was written` : "Nothing was written";
    throw new ApiError(400, "invalid_rows", `${head}: ${describeRowErrors(checked.errors)}. (At most ${MAX_SPEND_ROWS.toLocaleString("en-US")} rows per request.)`, { rows: checked.errors });
  }
  return upsertSpend(checked.rows, { tokenId: token!.id, name: `API token “${token!.name}”` }, "api");
});
