// GET /api/v1/metrics/ltv?from=YYYY-MM&to=YYYY-MM&groupBy=channel|cohort[&channel=…] — formula and realized LTV with their inputs (session with leadership:read, or token with metrics:read).
import { apiRoute } from "@/lib/api/handler";
import { dashboardFor } from "@/lib/api/metrics";
import { ltvOperation } from "@/lib/api/operations/metrics";
import { ltvResponse } from "@/lib/metrics/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(ltvOperation, async ({ req, query }) => {
  const { dashboard, ctx } = await dashboardFor(req, query);
  return ltvResponse(dashboard, ctx.settings, query.groupBy);
});
