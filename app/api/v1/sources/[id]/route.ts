// GET /api/v1/sources/{id} — one source; PATCH changes it, all or nothing.
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { getSourceOperation, patchSourceOperation } from "@/lib/api/operations/sources";
import { serializeSource, sourceAdminCall } from "@/lib/api/sources";
import { getSourceDetail, patchSource } from "@/lib/data/source-admin";
import { SOURCE_MESSAGES } from "@/lib/sources/inputs";

export const dynamic = "force-dynamic";

export const GET = apiRoute(getSourceOperation, async ({ params }) => {
  const source = await getSourceDetail(params.id);
  if (!source) throw new ApiError(404, "not_found", SOURCE_MESSAGES.notFound(params.id));
  return serializeSource(source);
});

export const PATCH = apiRoute(patchSourceOperation, async ({ params, body, actor }) =>
  serializeSource(await sourceAdminCall(() => patchSource(params.id, body, actor!), params.id)),
);
