// GET /api/v1/analytics/audiences — saved audiences, most recently changed first (session or token,
// analytics:read). POST — save a new one {name, description?, definition}; its author is the
// signed-in user (session with analytics:read: a read-scoped token never writes).
import { apiRoute } from "@/lib/api/handler";
import { serializeAudience } from "@/lib/api/analytics";
import { createAudienceOperation, listAudiencesOperation } from "@/lib/api/operations/analytics";
import { createAudience, listAudiences } from "@/lib/data/audiences";

export const dynamic = "force-dynamic";

export const GET = apiRoute(listAudiencesOperation, async ({ user }) => ({
  audiences: (await listAudiences()).map((a) => serializeAudience(a, user)),
}));

export const POST = apiRoute(createAudienceOperation, async ({ body, user }) => {
  const saved = await createAudience(body, user!.id);
  return Response.json(serializeAudience(saved, user), { status: 201 });
});
