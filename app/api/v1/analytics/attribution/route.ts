// POST /api/v1/analytics/attribution — conversions and revenue credited to channels or campaigns
// under five models (first touch, last non-direct, linear, time decay, U-shaped) and the all-time
// first touch, optionally only for a saved audience's members. Session or token (analytics:read).
import { apiRoute } from "@/lib/api/handler";
import { audienceFilter, conversionRule } from "@/lib/api/analytics";
import { attributionOperation } from "@/lib/api/operations/analytics";
import { attribute } from "@/lib/data/attribution";

export const dynamic = "force-dynamic";

export const POST = apiRoute(attributionOperation, async ({ body }) => {
  const { rule, fromSetting } = await conversionRule(body.conversionEvent);
  const filter = await audienceFilter(body.audienceId, body.now);
  const result = await attribute({ rule, from: body.from, to: body.to, lookbackDays: body.lookbackDays, dimension: body.dimension, count: body.count }, filter?.members);
  return {
    conversion: { ...rule, fromLifecycleSetting: fromSetting },
    from: body.from.toISOString(),
    to: body.to.toISOString(),
    lookbackDays: body.lookbackDays,
    count: body.count,
    audience: filter?.audience ?? null,
    ...result,
  };
});
