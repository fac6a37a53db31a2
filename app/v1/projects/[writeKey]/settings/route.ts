// GET /v1/projects/{writeKey}/settings — the settings analytics-next fetches from its cdnURL,
// pointing its Segment.io integration at this Tandem (public; the write key is the credential).
// The collector answers it itself (lib/ingest/sdk-endpoints.ts); this route serves `npm run dev`.
import { apiRoute } from "@/lib/api/handler";
import { segmentSettingsOperation } from "@/lib/api/operations/sdk-settings";
import { corsHeaders } from "@/lib/ingest/cors";
import { segmentSettingsFor } from "@/lib/ingest/sdk-endpoints";

export const dynamic = "force-dynamic";

export const GET = apiRoute(segmentSettingsOperation, async ({ req, params }) => {
  const { body, headers } = await segmentSettingsFor(decodeURIComponent(params.writeKey), req.headers);
  return Response.json(body, { headers });
});

export function OPTIONS(req: Request): Response {
  return new Response(null, { status: 204, headers: corsHeaders(req.headers.get("origin")) });
}
