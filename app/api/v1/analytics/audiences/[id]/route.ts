// GET /api/v1/analytics/audiences/{id} — one saved audience (session or token, analytics:read).
// PUT {name, description?, definition} replaces it and DELETE removes it: its author or an admin
// only (session with analytics:read; anyone else gets 403 not_author).
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { savedAudienceOr404, serializeAudience } from "@/lib/api/analytics";
import { canEditAudience } from "@/lib/analytics/audiences";
import { deleteAudienceOperation, getAudienceOperation, updateAudienceOperation } from "@/lib/api/operations/analytics";
import { deleteAudience, updateAudience } from "@/lib/data/audiences";
import type { CurrentUser } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

async function editable(id: string, user: CurrentUser) {
  const audience = await savedAudienceOr404(id);
  if (!canEditAudience(user, audience.createdBy?.id ?? null)) {
    throw new ApiError(403, "not_author", `Only ${audience.createdBy?.name ?? "its author"} or an admin can change “${audience.name}”; save a copy under your name instead.`);
  }
  return audience;
}

export const GET = apiRoute(getAudienceOperation, async ({ params, user }) => serializeAudience(await savedAudienceOr404(params.id), user));

export const PUT = apiRoute(updateAudienceOperation, async ({ params, body, user }) => {
  await editable(params.id, user!);
  return serializeAudience(await updateAudience(params.id, body), user);
});

export const DELETE = apiRoute(deleteAudienceOperation, async ({ params, user }) => {
  await editable(params.id, user!);
  await deleteAudience(params.id);
  return { deleted: true };
});
