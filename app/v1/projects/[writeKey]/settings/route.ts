// GET /v1/projects/{writeKey}/settings — the settings analytics-next fetches from its cdnURL,
// pointing its Segment.io integration at this Tandem (public; the write key is the credential).
import { enabledSourceFor } from "@/lib/ingest/ingest";
import { corsHeaders } from "@/lib/ingest/cors";
import { publicBaseUrl } from "@/lib/ingest/public-host";
import { segmentCdnSettings } from "@/lib/ingest/sdk-settings";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ writeKey: string }> }): Promise<Response> {
  const { writeKey } = await ctx.params;
  const headers = corsHeaders(req.headers.get("origin"));
  const source = await enabledSourceFor(decodeURIComponent(writeKey));
  if (!source) {
    return Response.json({ error: { code: "invalid_write_key", message: "Unknown or disabled write key; copy it again from Sources in Tandem." } }, { status: 404, headers });
  }
  return Response.json(segmentCdnSettings(decodeURIComponent(writeKey), publicBaseUrl(req)), { headers: { ...headers, "Cache-Control": "public, max-age=60" } });
}

export function OPTIONS(req: Request): Response {
  return new Response(null, { status: 204, headers: corsHeaders(req.headers.get("origin")) });
}
