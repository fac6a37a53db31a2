// GET /api/v1/metrics/ltv?from=YYYY-MM&to=YYYY-MM&groupBy=channel|cohort[&channel=…] — formula and realized LTV with their inputs (session with leadership:read, or token with metrics:read).
import { apiRoute } from "@/lib/api/handler";
import { dashboardFor, oneOf, searchParamsOf } from "@/lib/api/metrics";
import { LTV_GROUPS, ltvResponse } from "@/lib/metrics/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: { session: "leadership:read", token: "metrics:read" } }, async ({ req }) => {
  const params = searchParamsOf(req);
  const groupBy = oneOf("groupBy", params.groupBy, LTV_GROUPS, "channel");
  const { dashboard, ctx } = await dashboardFor(params);
  return ltvResponse(dashboard, ctx.settings, groupBy);
});
