// GET /sourceConfig?writeKey=… — the source configuration RudderStack's JS SDK fetches from its
// configUrl (write key in the query or as HTTP Basic user). Public; the write key is the credential.
// The collector answers it itself (lib/ingest/sdk-endpoints.ts); this route serves `npm run dev`.
import { apiRoute } from "@/lib/api/handler";
import { rudderSourceConfigOperation } from "@/lib/api/operations/sdk-settings";
import { corsHeaders } from "@/lib/ingest/cors";
import { rudderConfigFor } from "@/lib/ingest/sdk-endpoints";

export const dynamic = "force-dynamic";

export const GET = apiRoute(rudderSourceConfigOperation, ({ req, query }) => rudderConfigFor(req.headers.get("authorization"), query.writeKey));

export function OPTIONS(req: Request): Response {
  return new Response(null, { status: 204, headers: corsHeaders(req.headers.get("origin")) });
}
