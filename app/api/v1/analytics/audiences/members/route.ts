// POST /api/v1/analytics/audiences/members — one page of the people a definition selects at `now`
// (most recently seen first) and their total: the builder's live count and member table.
// Session or token (analytics:read).
import { apiRoute } from "@/lib/api/handler";
import { serializeMember } from "@/lib/api/analytics";
import { audienceMembersOperation } from "@/lib/api/operations/analytics";
import { audienceMembers } from "@/lib/data/audiences";

export const dynamic = "force-dynamic";

export const POST = apiRoute(audienceMembersOperation, async ({ body }) => {
  const now = body.now ?? new Date();
  const page = await audienceMembers(body.definition, now, body.page, body.size);
  return { total: page.total, page: body.page, size: body.size, evaluatedAt: now.toISOString(), members: page.rows.map(serializeMember) };
});
