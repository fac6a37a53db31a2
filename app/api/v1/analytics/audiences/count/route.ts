// POST /api/v1/analytics/audiences/count — how many people a definition selects at `now`.
// Session or token (analytics:read).
import { apiRoute } from "@/lib/api/handler";
import { audienceCountOperation } from "@/lib/api/operations/analytics";
import { countAudience } from "@/lib/data/audiences";

export const dynamic = "force-dynamic";

export const POST = apiRoute(audienceCountOperation, async ({ body }) => {
  const now = body.now ?? new Date();
  return { count: await countAudience(body.definition, now), evaluatedAt: now.toISOString() };
});
