// GET /api/v1/metrics/cac?from=YYYY-MM&to=YYYY-MM&groupBy=channel|month[&channel=…] — CAC with its spend and new customers (session with leadership:read, or token with metrics:read).
import { apiRoute } from "@/lib/api/handler";
import { dashboardFor } from "@/lib/api/metrics";
import { cacOperation } from "@/lib/api/operations/metrics";
import { cacResponse } from "@/lib/metrics/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(cacOperation, async ({ req, query }) => {
  const { dashboard, ctx } = await dashboardFor(req, query);
  return cacResponse(dashboard, ctx.settings, query.groupBy);
});
