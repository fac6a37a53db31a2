// GET /api/v1/metrics/mrr?from=YYYY-MM&to=YYYY-MM[&channel=…] — MRR, its movements, churn and NRR by month (session with leadership:read, or token with metrics:read).
import { apiRoute } from "@/lib/api/handler";
import { dashboardFor, searchParamsOf } from "@/lib/api/metrics";
import { mrrResponse } from "@/lib/metrics/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: { session: "leadership:read", token: "metrics:read" } }, async ({ req }) => {
  const { dashboard, ctx } = await dashboardFor(searchParamsOf(req));
  return mrrResponse(dashboard, ctx.settings);
});
