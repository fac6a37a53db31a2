// GET /api/v1/analytics/audiences/{id}/members?page&size&now — one page of a saved audience's members
// and their total; with format=csv, every member as a streamed CSV file. Session or token (analytics:read).
import { apiRoute } from "@/lib/api/handler";
import { MEMBER_CSV_COLUMNS, savedAudienceOr404, serializeMember } from "@/lib/api/analytics";
import { savedAudienceMembersOperation } from "@/lib/api/operations/analytics";
import { audienceMemberIds, audienceMembers, memberBatches } from "@/lib/data/audiences";
import { csvFileName, csvStream } from "@/lib/crm/csv";

export const dynamic = "force-dynamic";

export const GET = apiRoute(savedAudienceMembersOperation, async ({ params, query }) => {
  const audience = await savedAudienceOr404(params.id);
  const now = query.now ?? new Date();
  if (query.format === "csv") {
    const ids = await audienceMemberIds(audience.definition, now);
    return new Response(csvStream(MEMBER_CSV_COLUMNS, memberBatches(ids)), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${csvFileName(`audience-${audience.id}`, now)}"`,
        "Cache-Control": "no-store",
      },
    });
  }
  const page = await audienceMembers(audience.definition, now, query.page, query.size);
  return { audience: { id: audience.id, name: audience.name }, total: page.total, page: query.page, size: query.size, evaluatedAt: now.toISOString(), members: page.rows.map(serializeMember) };
});
