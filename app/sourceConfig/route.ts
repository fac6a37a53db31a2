// GET /sourceConfig?writeKey=… — the source configuration RudderStack's JS SDK fetches from its
// configUrl (write key in the query or as HTTP Basic user). Public; the write key is the credential.
import { enabledSourceFor } from "@/lib/ingest/ingest";
import { corsHeaders } from "@/lib/ingest/cors";
import { writeKeyFrom } from "@/lib/ingest/request";
import { rudderSourceConfig } from "@/lib/ingest/sdk-settings";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const headers = corsHeaders(req.headers.get("origin"));
  const url = new URL(req.url);
  const writeKey = writeKeyFrom(req.headers.get("authorization"), { writeKey: url.searchParams.get("writeKey") ?? undefined });
  const source = writeKey ? await enabledSourceFor(writeKey) : null;
  if (!writeKey || !source) {
    return Response.json({ error: { code: "invalid_write_key", message: "Unknown, disabled or missing write key (pass ?writeKey= or HTTP Basic)." } }, { status: 404, headers });
  }
  return Response.json(rudderSourceConfig(writeKey, source, new Date()), { headers });
}

export function OPTIONS(req: Request): Response {
  return new Response(null, { status: 204, headers: corsHeaders(req.headers.get("origin")) });
}
