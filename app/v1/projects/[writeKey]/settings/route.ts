// GET /v1/projects/{writeKey}/settings — the settings analytics-next fetches from its cdnURL,
// pointing its Segment.io integration at this Tandem (public; the write key is the credential).
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { segmentSettingsOperation } from "@/lib/api/operations/sdk-settings";
import { enabledSourceFor } from "@/lib/ingest/ingest";
import { corsHeaders } from "@/lib/ingest/cors";
import { publicBaseUrl } from "@/lib/ingest/public-host";
import { segmentCdnSettings } from "@/lib/ingest/sdk-settings";

export const dynamic = "force-dynamic";

export const GET = apiRoute(segmentSettingsOperation, async ({ req, params }) => {
  const writeKey = decodeURIComponent(params.writeKey);
  if (!(await enabledSourceFor(writeKey))) {
    throw new ApiError(404, "invalid_write_key", "Unknown or disabled write key; copy it again from Sources in Tandem.");
  }
  return Response.json(segmentCdnSettings(writeKey, publicBaseUrl(req)), { headers: { "Cache-Control": "public, max-age=60" } });
});

export function OPTIONS(req: Request): Response {
  return new Response(null, { status: 204, headers: corsHeaders(req.headers.get("origin")) });
}
