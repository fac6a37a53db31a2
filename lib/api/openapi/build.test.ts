// The OpenAPI document: valid against the OpenAPI 3.1 schema, every operation with examples of its
// success and of its documented errors, and every shown response body true to its schema.
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ENDPOINT_SEGMENTS } from "../../ingest/request";
import { crmExportOperation } from "../operations/crm-export";
import { buildOpenApiDocument, parametersOf, securityOf } from "./build";
import { openApiDocument, PUBLIC_OPERATIONS } from "./registry";

const doc = openApiDocument("https://tandem.example.com");

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // The validator does refuse: a parameter without its `in`, a response without its description.
    const broken = structuredClone(doc) as unknown as { paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>> };
    delete broken.paths["/api/v1/token"]!.get!.responses["200"]!.description;
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("serves each (method, path) and operationId once", () => {
    const keys = PUBLIC_OPERATIONS.map((o) => `${o.method} ${o.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    const ids = PUBLIC_OPERATIONS.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(() => buildOpenApiDocument([crmExportOperation, crmExportOperation], { version: "1" })).toThrow(/declared twice/);
  });

  it("every $ref points at a component", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(doc.components.schemas[r], r).toBeDefined();
    // A JSON Schema `#/$defs/…` ref would resolve against the document's root: none is left.
    expect(JSON.stringify(doc)).not.toContain("#/$defs/");
    expect(doc.components.schemas.AudienceCondition).toBeDefined();
  });

  describe.each(PUBLIC_OPERATIONS.map((o) => [`${o.method} ${o.path}`, o] as const))("%s", (_name, op) => {
    const documented: Record<number, readonly string[]> = { ...Object.fromEntries(Object.keys(op.responses).map((s) => [s, [] as readonly string[]])), ...op.errors };

    it("has a success example, and an example of its 400, 401 or 404 when it has one", () => {
      expect(op.examples.some((e) => e.status < 300)).toBe(true);
      if ([400, 401, 404].some((s) => s in op.errors)) expect(op.examples.some((e) => [400, 401, 404].includes(e.status))).toBe(true);
      expect(new Set(op.examples.map((e) => e.name)).size).toBe(op.examples.length);
    });

    it("documents the status and error code of each example", () => {
      for (const e of op.examples) {
        expect(documented[e.status], `${e.name}: status ${e.status}`).toBeDefined();
        if (e.status >= 400) expect(documented[e.status], e.name).toContain(e.error?.code);
        else expect(e.error, e.name).toBeUndefined();
      }
    });

    it("fills every path parameter and every required query parameter in each example", () => {
      const path = parametersOf(op.params, "path").map((p) => p.name);
      expect(path.sort()).toEqual([...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
      const requiredQuery = parametersOf(op.query, "query").filter((p) => p.required).map((p) => p.name);
      for (const e of op.examples) {
        for (const p of path) expect(e.params?.[p], `${e.name}: ${p}`).toBeTruthy();
        for (const q of requiredQuery) expect(e.query?.[q], `${e.name}: ${q}`).toBeTruthy();
      }
    });

    it("shows response bodies that match the response schema", () => {
      for (const e of op.examples.filter((x) => x.response !== undefined)) {
        const schema = op.responses[e.status]?.content?.["application/json"];
        expect(schema, e.name).toBeDefined();
        expect(schema!.safeParse(e.response).error, e.name).toBeUndefined();
      }
    });

    it("shows request bodies of the documented content types", () => {
      const types = op.bodyContentTypes ?? (op.body ? ["application/json"] : []);
      for (const e of op.examples) {
        if (e.body === undefined) expect(e.contentType, e.name).toBeUndefined();
        else expect(types, e.name).toContain(e.contentType ?? types[0]);
      }
    });
  });

  it("documents every path segment the Tracking API answers on", () => {
    const tracking = JSON.stringify(Object.fromEntries(Object.entries(doc.paths).filter(([p]) => p.startsWith("/v1/"))));
    for (const segment of ENDPOINT_SEGMENTS) expect(tracking).toContain(`/v1/${segment}`);
  });

  it("states the Tracking API's limits from the pipeline's constants", () => {
    const track = doc.paths["/v1/track"]!.post!;
    expect(track.description).toContain("32 KB per message, 500 KB per request");
    expect(track.description).toContain("2500 messages per batch");
    expect(track.security).toEqual([{ writeKey: [] }]);
    expect(track.responses["400"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/TrackingError" });
  });
});

describe("securityOf", () => {
  const base = { ...crmExportOperation };
  it.each([
    ["a token scope", { access: { token: "export:read" } }, [{ bearerToken: ["export:read"] }]],
    ["any token", { access: { token: "any" } }, [{ bearerToken: [] }]],
    ["a session or a token", { access: { session: "analytics:read", token: "analytics:read" } }, [{ bearerToken: ["analytics:read"] }, { session: ["analytics:read"] }]],
    ["a session with a permission", { access: "analytics:read" }, [{ session: ["analytics:read"] }]],
    ["any signed-in session", { access: "signed-in" }, [{ session: [] }]],
    ["a required write key", { access: "public", writeKey: "required" }, [{ writeKey: [] }]],
    ["an optional write key", { access: "public", writeKey: "optional" }, [{ writeKey: [] }, {}]],
    ["nothing", { access: "public" }, []],
  ] as const)("%s", (_name, over, expected) => {
    expect(securityOf({ ...base, ...over } as typeof base)).toEqual(expected);
  });
});

describe("parametersOf", () => {
  it("merges a union of query objects: one parameter per name, required only in every branch, constants as an enum", () => {
    expect(parametersOf(crmExportOperation.query, "query")).toEqual([
      { name: "format", in: "query", required: true, description: expect.stringContaining("`json`"), schema: { type: "string", enum: ["json", "csv"] } },
      {
        name: "entity",
        in: "query",
        required: false,
        description: "The entity to export (with format=csv).",
        schema: { type: "string", enum: ["contacts", "companies", "interactions", "tickets", "tasks", "history"] },
      },
    ]);
  });

  it("takes an object's properties, optional unless required, defaults and bounds kept", () => {
    const q = z.object({ limit: z.coerce.number().int().min(1).max(9).default(3), q: z.string().optional() });
    expect(parametersOf(q, "query")).toEqual([
      { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 9, default: 3 } },
      { name: "q", in: "query", required: false, schema: { type: "string" } },
    ]);
    expect(parametersOf(z.object({ id: z.string() }), "path")).toEqual([{ name: "id", in: "path", required: true, schema: { type: "string" } }]);
  });
});
