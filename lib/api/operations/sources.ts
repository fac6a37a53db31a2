// The Admin API's source operations (app/api/v1/sources): list, create, read and change event
// sources with an admin:write token — the Sources page's checks, data-layer steps and audit entries.
import { z } from "zod";
import { createSourceBody, patchSourceBody, SOURCE_KINDS, SOURCE_MESSAGES } from "../../sources/inputs";
import { defineOperation, type OperationExample } from "../operation";
import { dateTime, EXAMPLE, invalidRequestError, missingScopeExample, missingTokenExample, tokenErrors } from "./common";

const SCOPE = "admin:write";
const access = { token: SCOPE } as const;

export const sourceIdParams = z.object({ id: z.string().min(1).max(64).describe("The source's id (GET /api/v1/sources lists them).") });

export const sourceSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(SOURCE_KINDS),
  enabled: z.boolean().describe("A disabled source's messages are refused with 401 source_disabled."),
  builtIn: z.boolean().describe("The CRM source Tandem writes its own events into; the API cannot change it."),
  maskedWriteKey: z.string().describe("The key's first characters; the full key is shown once, when the source is created."),
  allowedOrigins: z.array(z.string()).describe("Web sources: the sites whose browsers may send with this key (none: any site)."),
  rateLimitPerSec: z.number().int().nullable().describe("Web sources: requests per second for the whole deployment; null: no limit."),
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

const createdSchema = sourceSchema.extend({
  writeKey: z.string().describe("The full write key — shown this once; only its hash is stored. Rotate it in Sources if lost."),
});

const notFoundExample = (method: string): OperationExample => ({
  name: "unknownSource",
  summary: "An id no source has",
  status: 404,
  params: { id: "no-such-source" },
  ...(method === "PATCH" ? { body: { enabled: false } } : {}),
  error: { code: "not_found", message: SOURCE_MESSAGES.notFound("no-such-source") },
});

const withBody = (e: OperationExample, body: unknown): OperationExample => ({ ...e, body });

export const listSourcesOperation = defineOperation({
  method: "GET",
  path: "/api/v1/sources",
  operationId: "listSources",
  tag: "Admin API",
  summary: "List sources",
  description: "Every event source, the built-in CRM source last, with its settings and masked write key (never the key).",
  access,
  responses: { 200: { description: "The sources.", content: { "application/json": z.strictObject({ sources: z.array(sourceSchema) }) } } },
  errors: tokenErrors(SCOPE),
  examples: [{ name: "all", summary: "Every source", status: 200 }, missingTokenExample(SCOPE), missingScopeExample(SCOPE)],
});

const NEW_SERVER = { name: "Billing backend", kind: "server" };
const BAD_CREATE = { name: "Billing backend 2", kind: "server", rateLimitPerSec: 5 };

export const createSourceOperation = defineOperation({
  method: "POST",
  path: "/api/v1/sources",
  operationId: "createSource",
  tag: "Admin API",
  summary: "Create a source",
  description:
    "Creates a source and answers 201 with it and its full write key, shown this once. `kind`: web, server, mobile, crm or import. " +
    "Web sources take `allowedOrigins` (none: any site) and `rateLimitPerSec` (default 50; null: no limit); other kinds refuse both, since their keys stay on your servers. " +
    "Names are unique, ignoring case (409 name_taken). Audited as `source.created`.",
  access,
  body: createSourceBody,
  responses: { 201: { description: "Created; `writeKey` is shown this once.", content: { "application/json": createdSchema } } },
  errors: { 400: ["invalid_json", "invalid_request"], ...tokenErrors(SCOPE), 409: ["name_taken"] },
  examples: [
    { name: "server", summary: "A back end sending with a server SDK", status: 201, body: NEW_SERVER },
    {
      name: "web",
      summary: "A website allowed from two origins, 20 requests/s",
      status: 201,
      body: { name: "Docs site", kind: "web", allowedOrigins: ["https://docs.example.com", "*.example.com"], rateLimitPerSec: 20 },
    },
    { name: "nameTaken", summary: "A name already in use (any case)", status: 409, body: { name: "example WEBSITE", kind: "server" }, error: { code: "name_taken", message: SOURCE_MESSAGES.nameTaken("example WEBSITE") } },
    { name: "limitOnServer", summary: "A rate limit on a server source", status: 400, body: BAD_CREATE, error: invalidRequestError(createSourceBody, BAD_CREATE) },
    withBody(missingTokenExample(SCOPE), NEW_SERVER),
    withBody(missingScopeExample(SCOPE), NEW_SERVER),
  ],
});

const params = { id: EXAMPLE.sourceId };

export const getSourceOperation = defineOperation({
  method: "GET",
  path: "/api/v1/sources/{id}",
  operationId: "getSource",
  tag: "Admin API",
  summary: "Read a source",
  description: "One source's settings and masked write key.",
  access,
  params: sourceIdParams,
  responses: { 200: { description: "The source.", content: { "application/json": sourceSchema } } },
  errors: { ...tokenErrors(SCOPE), 404: ["not_found"] },
  examples: [{ name: "one", summary: "The examples' website source", status: 200, params }, notFoundExample("GET"), missingTokenExample(SCOPE, params), missingScopeExample(SCOPE, params)],
});

const PATCH_WEB = { allowedOrigins: ["https://www.example.com", "*.example.com"], rateLimitPerSec: 100 };

export const patchSourceOperation = defineOperation({
  method: "PATCH",
  path: "/api/v1/sources/{id}",
  operationId: "updateSource",
  tag: "Admin API",
  summary: "Change a source",
  description:
    "Changes any of `name`, `enabled`, `allowedOrigins` and `rateLimitPerSec` (null: no limit) — all or nothing, in one transaction; absent fields stay as they are. " +
    "Allowed origins and a rate limit are for web sources only (400 not_allowed). The built-in CRM source answers 409 built_in. " +
    "Each change is audited as the Sources page audits it (`source.renamed`, `source.enabled`, `source.disabled`, `source.web_settings_updated`). " +
    "A disabled source refuses messages within 5 seconds (the Tracking API's source cache).",
  access,
  params: sourceIdParams,
  body: patchSourceBody,
  responses: { 200: { description: "The source as changed.", content: { "application/json": sourceSchema } } },
  errors: { 400: ["invalid_json", "invalid_request", "not_allowed"], ...tokenErrors(SCOPE), 404: ["not_found"], 409: ["built_in", "name_taken"] },
  examples: [
    { name: "origins", summary: "Allow two origins at 100 requests/s", status: 200, params, body: PATCH_WEB },
    { name: "noLimit", summary: "Lift the rate limit", status: 200, params, body: { rateLimitPerSec: null } },
    { name: "builtIn", summary: "The built-in CRM source", status: 409, params: { id: "crm" }, body: { name: "Our CRM" }, error: { code: "built_in", message: SOURCE_MESSAGES.builtIn("CRM") } },
    { name: "empty", summary: "Nothing to change", status: 400, params, body: {}, error: invalidRequestError(patchSourceBody, {}) },
    { name: "unknownField", summary: "A field the API cannot change (kind)", status: 400, params, body: { kind: "server" }, error: invalidRequestError(patchSourceBody, { kind: "server" }) },
    notFoundExample("PATCH"),
    withBody(missingTokenExample(SCOPE, params), PATCH_WEB),
    withBody(missingScopeExample(SCOPE, params), PATCH_WEB),
  ],
});

export const sourceOperations = [listSourcesOperation, createSourceOperation, getSourceOperation, patchSourceOperation] as const;
