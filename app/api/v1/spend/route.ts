// GET /api/v1/spend?from=YYYY-MM&to=YYYY-MM — recorded marketing spend; PUT — upsert rows by month + channel + source, all or nothing (token with spend:write).
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { refusingBadRange } from "@/lib/api/metrics";
import { listSpendOperation, putSpendOperation } from "@/lib/api/operations/spend";
import { metricSettings } from "@/lib/data/metric-settings";
import { listSpend, writeSpend } from "@/lib/data/spend";
import { parseMetricQuery } from "@/lib/metrics/query";
import { monthOf } from "@/lib/metrics/months";
import { refusedRowsMessage, validateSpendRows } from "@/lib/metrics/spend";

export const dynamic = "force-dynamic";

export const GET = apiRoute(listSpendOperation, async ({ query }) => {
  // Spend may be recorded ahead (budgets): `to` may be any month, so parse against a far future.
  const range = refusingBadRange(() => parseMetricQuery({ from: query.from, to: query.to || monthOf(Date.now()) }, "9999-12"));
  const rows = await listSpend(range.from, range.to);
  return { from: range.from, to: range.to, rows: rows.map(({ month, channel, source, amount, currency, updatedAt }) => ({ month, channel, source: source || null, amount, currency, updatedAt })) };
});

export const PUT = apiRoute(putSpendOperation, async ({ body, actor }) => {
  const rows = Array.isArray(body) ? body : body.rows;
  const { currency } = await metricSettings();
  const checked = validateSpendRows(rows, currency);
  if (!checked.ok) throw new ApiError(400, "invalid_rows", refusedRowsMessage(checked.errors, rows.length), { rows: checked.errors });
  const { deleted: _none, ...result } = await writeSpend({ set: checked.rows, clear: [] }, actor!, "api");
  return result;
});
