// GET /api/v1/metrics/cac?from=YYYY-MM&to=YYYY-MM&groupBy=channel|month[&channel=…] — CAC with its spend and new customers (session with leadership:read, or token with metrics:read).
import { apiRoute } from "@/lib/api/handler";
import { dashboardFor, oneOf, searchParamsOf } from "@/lib/api/metrics";
import { CAC_GROUPS, cacResponse } from "@/lib/metrics/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: { session: "leadership:read", token: "metrics:read" } }, async ({ req }) => {
  const params = searchParamsOf(req);
  const groupBy = oneOf("groupBy", params.groupBy, CAC_GROUPS, "channel");
  const { dashboard, ctx } = await dashboardFor(params);
  return cacResponse(dashboard, ctx.settings, groupBy);
});
