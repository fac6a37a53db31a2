// POST /api/v1/analytics/funnels — a funnel over resolved people (steps, window, order, exclusions,
// breakdown; see README and lib/analytics/funnels.ts). A session with analytics:read or a token with
// the analytics:read scope.
import { apiRoute } from "@/lib/api/handler";
import { funnelOperation } from "@/lib/api/operations/analytics";
import { computeFunnel } from "@/lib/data/analytics/funnels";

export const dynamic = "force-dynamic";

export const POST = apiRoute(funnelOperation, async ({ body }) => computeFunnel(body));
