// GET, PATCH, DELETE /api/v1/destinations/{id} — read, change (rotate the secret, backfill) or delete a
// destination. Token scope admin:write.
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { asApi } from "@/lib/api/destinations";
import { deleteDestinationOperation, getDestinationOperation, updateDestinationOperation } from "@/lib/api/operations/destinations";
import { deleteDestination, getDestination, notFoundMessage, updateDestination } from "@/lib/data/destinations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(getDestinationOperation, async ({ params }) => {
  const d = await getDestination(params.id);
  if (!d) throw new ApiError(404, "not_found", notFoundMessage(params.id));
  return d;
});

export const PATCH = apiRoute(updateDestinationOperation, async ({ params, body, actor }) => asApi(updateDestination(params.id, body, actor!)));

export const DELETE = apiRoute(deleteDestinationOperation, async ({ params, actor }) => {
  await asApi(deleteDestination(params.id, actor!));
  return { deleted: true };
});
