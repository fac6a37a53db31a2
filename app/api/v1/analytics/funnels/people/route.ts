// POST /api/v1/analytics/funnels/people — the people who converted at a step of a funnel, or dropped
// off before it, latest first, paged ({funnel, step, outcome, breakdownValue?, limit, offset}).
// A session with analytics:read or a token with the analytics:read scope.
import { apiRoute } from "@/lib/api/handler";
import { funnelPeopleOperation } from "@/lib/api/operations/analytics";
import { funnelPeople } from "@/lib/data/analytics/funnels";

export const dynamic = "force-dynamic";

export const POST = apiRoute(funnelPeopleOperation, async ({ body }) => {
  const { funnel, ...query } = body;
  const page = await funnelPeople(funnel, query);
  return {
    total: page.total,
    limit: query.limit,
    offset: query.offset,
    people: page.people.map((p) => ({ ...p, url: `/customers/${encodeURIComponent(p.profileId)}` })),
  };
});
