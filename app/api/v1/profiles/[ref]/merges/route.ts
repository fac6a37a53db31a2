// GET /api/v1/profiles/{type}:{value}/merges?limit=100&next=… — a profile's merge journal, newest
// first: merges and aliases that made it one person, refused merges and splits, each with the message,
// identifiers, rule and reason. API token with profiles:read.
import { apiRoute } from "@/lib/api/handler";
import { profileMergesOperation } from "@/lib/api/operations/profiles";
import { cursorOf, profileFromParams, withCursor } from "@/lib/api/profiles";
import { profileMerges } from "@/lib/data/profiles";

export const dynamic = "force-dynamic";

export const GET = apiRoute(profileMergesOperation, async ({ params, query }) => {
  const id = await profileFromParams(params);
  const page = await withCursor(() => profileMerges(id, { limit: query.limit, cursor: query.next }));
  return {
    data: page.entries.map((j) => ({
      id: j.id,
      kind: j.kind,
      created_at: j.at,
      into_profile_id: j.intoProfileId,
      from_profile_id: j.fromProfileId,
      message_id: j.messageId,
      identifiers: j.identifiers,
      rule: j.rule,
      reason: j.reason,
      actor: j.actor,
      profile_ids: j.profileIds,
      other_profile_ids: j.otherProfileIds,
    })),
    cursor: cursorOf(page.nextCursor, query.limit),
  };
});
