// POST /api/v1/analytics/funnels — a funnel over resolved people (steps, window, order, exclusions,
// breakdown, optionally only a saved audience's members; see README and lib/analytics/funnels.ts).
// A session with analytics:read or a token with the analytics:read scope.
import { apiRoute } from "@/lib/api/handler";
import { audienceFilter } from "@/lib/api/analytics";
import { funnelOperation } from "@/lib/api/operations/analytics";
import { computeFunnel } from "@/lib/data/analytics/funnels";
import type { FunnelResponse } from "@/lib/analytics/funnel-definition";

export const dynamic = "force-dynamic";

export const POST = apiRoute(funnelOperation, async ({ body }): Promise<FunnelResponse> => {
  const filter = await audienceFilter(body.audienceId, body.now);
  return { ...(await computeFunnel(body, filter?.members)), audience: filter?.audience ?? null };
});
