// GET /api/v1/openapi.json — the OpenAPI 3.1 document of every public API (public), generated from
// the operations the routes are built from; cacheable, with an ETag. Rendered at /docs/api.
import { createHash } from "node:crypto";
import { apiRoute } from "@/lib/api/handler";
import { openApiOperation } from "@/lib/api/operations/meta";
import { openApiDocument } from "@/lib/api/openapi/registry";
import { publicBaseUrl } from "@/lib/ingest/public-host";

export const dynamic = "force-dynamic";

export const GET = apiRoute(openApiOperation, async ({ req }) => {
  const body = JSON.stringify(openApiDocument(publicBaseUrl(req.headers)));
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers = { ETag: etag, "Cache-Control": "public, max-age=300", Vary: "Host, X-Forwarded-Host, X-Forwarded-Proto" };
  const presented = req.headers.get("if-none-match");
  if (presented && presented.split(",").some((t) => t.trim() === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
});
