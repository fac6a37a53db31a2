// GET /api/v1/profiles/{type}:{value}/events?limit=20&next=…&event=… — a profile's events, newest first,
// across every identifier merged into it; keyset-paged (follow cursor.next). API token with profiles:read.
import { apiRoute } from "@/lib/api/handler";
import { profileEventsOperation } from "@/lib/api/operations/profiles";
import { cursorOf, profileFromParams, withCursor } from "@/lib/api/profiles";
import { profileEvents } from "@/lib/data/profiles";

export const dynamic = "force-dynamic";

export const GET = apiRoute(profileEventsOperation, async ({ params, query }) => {
  const id = await profileFromParams(params);
  const page = await withCursor(() => profileEvents(id, { limit: query.limit, cursor: query.next, event: query.event }));
  return {
    data: page.events.map((e) => ({
      type: e.type,
      event: e.event,
      name: e.name,
      source_id: e.sourceId,
      message_id: e.messageId,
      timestamp: e.timestamp,
      received_at: e.receivedAt,
      user_id: e.userId,
      anonymous_id: e.anonymousId,
      properties: e.properties,
      traits: e.traits,
      context: e.context,
      channel: e.channel,
      utm: { source: e.utmSource, medium: e.utmMedium, campaign: e.utmCampaign },
      page_url: e.pageUrl,
      referrer: e.referrer,
    })),
    cursor: cursorOf(page.nextCursor, query.limit),
  };
});
