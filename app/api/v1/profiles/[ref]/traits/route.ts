// GET /api/v1/profiles/{type}:{value}/traits — a profile's traits (latest value per key) with the
// source and time that set each, its computed traits and first touch. API token with profiles:read.
import { apiRoute } from "@/lib/api/handler";
import { profileTraitsOperation } from "@/lib/api/operations/profiles";
import { profileFromParams } from "@/lib/api/profiles";
import { profileTraits } from "@/lib/data/profiles";

export const dynamic = "force-dynamic";

export const GET = apiRoute(profileTraitsOperation, async ({ params }) => {
  const id = await profileFromParams(params);
  const p = (await profileTraits(id))!;
  return {
    profile_id: p.id,
    traits: Object.fromEntries(p.traits.map((t) => [t.key, t.value])),
    trait_sources: Object.fromEntries(
      p.traits.map((t) => [t.key, { source_id: t.sourceId, source_name: t.sourceName, updated_at: t.at, message_id: t.messageId }]),
    ),
    computed_traits: {
      event_count: p.computed.eventCount,
      total_revenue: p.computed.totalRevenue,
      last_event_name: p.computed.lastEventName,
      last_event_at: p.computed.lastEventAt,
      first_seen: p.computed.firstSeen,
      last_seen: p.computed.lastSeen,
    },
    first_touch: p.firstTouch && {
      at: p.firstTouch.at,
      channel: p.firstTouch.channel,
      utm_source: p.firstTouch.utmSource,
      utm_medium: p.firstTouch.utmMedium,
      utm_campaign: p.firstTouch.utmCampaign,
      referrer: p.firstTouch.referrer,
      landing_page: p.firstTouch.landingPage,
    },
  };
});
