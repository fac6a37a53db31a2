// GET /sourceConfig?writeKey=… — the source configuration RudderStack's JS SDK fetches from its
// configUrl (write key in the query or as HTTP Basic user). Public; the write key is the credential.
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { rudderSourceConfigOperation } from "@/lib/api/operations/sdk-settings";
import { enabledSourceFor } from "@/lib/ingest/ingest";
import { corsHeaders } from "@/lib/ingest/cors";
import { writeKeyFrom } from "@/lib/ingest/request";
import { rudderSourceConfig } from "@/lib/ingest/sdk-settings";

export const dynamic = "force-dynamic";

export const GET = apiRoute(rudderSourceConfigOperation, async ({ req, query }) => {
  const writeKey = writeKeyFrom(req.headers.get("authorization"), { writeKey: query.writeKey });
  const source = writeKey ? await enabledSourceFor(writeKey) : null;
  if (!writeKey || !source) throw new ApiError(404, "invalid_write_key", "Unknown, disabled or missing write key (pass ?writeKey= or HTTP Basic).");
  return rudderSourceConfig(writeKey, source, new Date());
});

export function OPTIONS(req: Request): Response {
  return new Response(null, { status: 204, headers: corsHeaders(req.headers.get("origin")) });
}
