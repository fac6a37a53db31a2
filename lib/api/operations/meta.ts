// GET /api/health and GET /api/v1/openapi.json: liveness, and this very document.
import { z } from "zod";
import { defineOperation } from "../operation";

export const healthOperation = defineOperation({
  method: "GET",
  path: "/api/health",
  operationId: "getHealth",
  tag: "Meta",
  summary: "Health",
  description: "Liveness and database reachability, for load balancers and uptime checks. No data.",
  access: "public",
  responses: { 200: { description: "Serving, and the database answers.", content: { "application/json": z.strictObject({ ok: z.literal(true) }) } } },
  errors: { 503: ["database_unavailable"] },
  examples: [{ name: "up", summary: "A healthy server", status: 200, response: { ok: true } }],
});

export const openApiOperation = defineOperation({
  method: "GET",
  path: "/api/v1/openapi.json",
  operationId: "getOpenApiDocument",
  tag: "Meta",
  summary: "This document",
  description:
    "The OpenAPI 3.1 document of every public API, generated from the zod schemas the handlers parse with. Cacheable: send `If-None-Match` with the last `ETag` to get a 304. Rendered at `/docs/api`.",
  access: "public",
  responses: {
    200: {
      description: "The document.",
      content: { "application/json": z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }) },
      headers: { ETag: "The document's version; send it back as If-None-Match.", "Cache-Control": "public, max-age=300" },
    },
    304: { description: "Unchanged since the ETag sent in If-None-Match." },
  },
  errors: {},
  examples: [{ name: "document", summary: "The document", status: 200 }],
});
