// GET /api/v1/privacy/suppressions/{id} — a suppression's status. API token with privacy:write.
import { apiRoute } from "@/lib/api/handler";
import { getSuppressionOperation } from "@/lib/api/operations/privacy";
import { requestOrThrow } from "@/lib/api/privacy";

export const dynamic = "force-dynamic";

export const GET = apiRoute(getSuppressionOperation, ({ params }) => requestOrThrow(params.id, "suppression"));
