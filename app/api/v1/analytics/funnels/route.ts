// POST /api/v1/analytics/funnels — a funnel over resolved people (steps, window, order, exclusions,
// breakdown; see README and lib/analytics/funnels.ts). A session with analytics:read or a token with
// the analytics:read scope.
import { apiRoute } from "@/lib/api/handler";
import { funnelRequestSchema } from "@/lib/analytics/funnel-definition";
import { computeFunnel } from "@/lib/data/analytics/funnels";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ access: { session: "analytics:read", token: "analytics:read" }, body: funnelRequestSchema }, async ({ body }) => computeFunnel(body));
