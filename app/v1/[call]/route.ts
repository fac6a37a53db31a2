// POST /v1/{identify,track,page,screen,group,alias,batch,import} and analytics-next's one-letter
// aliases (/v1/t, /v1/i, /v1/p, /v1/s, /v1/g, /v1/a, /v1/b): the Segment-compatible Tracking API.
// Public by design — authenticated by the source's write key, not a session.
import { serves } from "@/lib/api/operation";
import { trackingOperations } from "@/lib/api/operations/tracking";
import { handleTrackingRequest } from "@/lib/ingest/ingest";
import { corsHeaders } from "@/lib/ingest/cors";
import { MAX_REQUEST_BYTES } from "@/lib/ingest/request";

export const dynamic = "force-dynamic";

export const POST = serves(trackingOperations, async (req: Request, ctx: { params: Promise<{ call: string }> }): Promise<Response> => {
  const origin = req.headers.get("origin");
  const headers = corsHeaders(origin);
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_REQUEST_BYTES * 2) {
    return Response.json(
      { success: false, error: { code: "request_too_large", message: "The request is over 500 KB; send smaller batches." } },
      { status: 413, headers },
    );
  }
  const { call } = await ctx.params;
  const result = await handleTrackingRequest({
    segment: call,
    body: new Uint8Array(await req.arrayBuffer()),
    contentEncoding: req.headers.get("content-encoding"),
    authorization: req.headers.get("authorization"),
    origin,
  });
  return Response.json(result.body, { status: result.status, headers: { ...headers, ...result.headers } });
});

export function OPTIONS(req: Request): Response {
  return new Response(null, { status: 204, headers: corsHeaders(req.headers.get("origin")) });
}
