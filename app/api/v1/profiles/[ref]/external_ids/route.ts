// GET /api/v1/profiles/{type}:{value}/external_ids — every identifier of a profile (user ids, anonymous
// ids, emails, phones, custom ids) in Segment's external_ids shape. API token with profiles:read.
import { apiRoute } from "@/lib/api/handler";
import { profileExternalIdsOperation } from "@/lib/api/operations/profiles";
import { cursorOf, profileFromParams } from "@/lib/api/profiles";
import { profileExternalIds } from "@/lib/data/profiles";

export const dynamic = "force-dynamic";

export const GET = apiRoute(profileExternalIdsOperation, async ({ params }) => {
  const ids = await profileExternalIds(await profileFromParams(params));
  return {
    data: ids.map((i) => ({ id: i.value, type: i.type, collection: "users", created_at: i.firstSeenAt, last_seen_at: i.lastSeenAt, encoding: "none" })),
    cursor: cursorOf(null, ids.length),
  };
});
