// GET /api/v1/privacy/deletions/{id} — a deletion's status and counts. API token with privacy:write.
import { apiRoute } from "@/lib/api/handler";
import { getDeletionOperation } from "@/lib/api/operations/privacy";
import { requestOrThrow } from "@/lib/api/privacy";

export const dynamic = "force-dynamic";

export const GET = apiRoute(getDeletionOperation, ({ params }) => requestOrThrow(params.id, "deletion"));
