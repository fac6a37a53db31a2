// POST /api/v1/analytics/audiences/count — how many people a definition selects at `now`.
// Session or token (analytics:read).
import { apiRoute } from "@/lib/api/handler";
import { audienceCountSchema } from "@/lib/analytics/audiences";
import { countAudience } from "@/lib/data/audiences";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ access: { session: "analytics:read", token: "analytics:read" }, body: audienceCountSchema }, async ({ body }) => {
  const now = body.now ?? new Date();
  return { count: await countAudience(body.definition, now), evaluatedAt: now.toISOString() };
});
