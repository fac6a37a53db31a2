// GET /api/v1/destinations/{id}/deliveries — the delivery log, newest first. Token scope admin:write.
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { listDeliveriesOperation } from "@/lib/api/operations/destinations";
import { listDeliveries, notFoundMessage } from "@/lib/data/destinations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(listDeliveriesOperation, async ({ params, query }) => {
  const page = await listDeliveries(params.id, query);
  if (!page) throw new ApiError(404, "not_found", notFoundMessage(params.id));
  return page;
});
