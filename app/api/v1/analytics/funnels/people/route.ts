// POST /api/v1/analytics/funnels/people — the people who converted at a step of a funnel, or dropped
// off before it, latest first, paged ({funnel, step, outcome, breakdownValue?, limit, offset}); the
// funnel's saved audience, if any, limits them as it limits the funnel.
// A session with analytics:read or a token with the analytics:read scope.
import { apiRoute } from "@/lib/api/handler";
import { audienceFilter } from "@/lib/api/analytics";
import { funnelPeopleOperation } from "@/lib/api/operations/analytics";
import { funnelPeople } from "@/lib/data/analytics/funnels";

export const dynamic = "force-dynamic";

export const POST = apiRoute(funnelPeopleOperation, async ({ body }) => {
  const { funnel, ...query } = body;
  const filter = await audienceFilter(funnel.audienceId, funnel.now);
  const page = await funnelPeople(funnel, query, filter?.members);
  return {
    total: page.total,
    limit: query.limit,
    offset: query.offset,
    people: page.people.map((p) => ({ ...p, url: `/customers/${encodeURIComponent(p.profileId)}` })),
  };
});
