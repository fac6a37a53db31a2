// GET /api/v1/metrics/mrr?from=YYYY-MM&to=YYYY-MM[&channel=…] — MRR, its movements, churn and NRR by month (session with leadership:read, or token with metrics:read).
import { apiRoute } from "@/lib/api/handler";
import { dashboardFor } from "@/lib/api/metrics";
import { mrrOperation } from "@/lib/api/operations/metrics";
import { mrrResponse } from "@/lib/metrics/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(mrrOperation, async ({ req, query }) => {
  const { dashboard, ctx } = await dashboardFor(req, query);
  return mrrResponse(dashboard, ctx.settings);
});
