// Walks every route handler under app/ and holds the OpenAPI document to what the routes really do:
// each exported method of a route that is not listed as internal below must serve operations that
// are in the document under the route's own path and method, documented with the schemas the
// handler parses with (for apiRoute: the options it was built with; for a hand-written route: the
// operations it declares with `serves`). The reverse too: every documented operation is served.
// So a public API added later is in the document, or this test fails.
import { describe, expect, it } from "vitest";
import { jsonSchemaOf, parametersOf, type OpenApiParameter } from "../../lib/api/openapi/build";
import { openApiDocument, PUBLIC_OPERATIONS } from "../../lib/api/openapi/registry";
import type { Operation, RouteOptions, Served } from "../../lib/api/operation";
import { handlerFiles, handlersOf, matchPattern, routeFor, urlPatternOf } from "../app-routes";

/**
 * Routes kept out of the document, each with why. They serve Tandem's own pages over a staff
 * session (or are next-auth's sign-in machinery): not a contract for integrations, free to change
 * with the UI. Listing them by name — rather than skipping every session route — means a new route
 * is never left out silently: it must be documented or added here, and the test below also checks
 * that each one listed really is session-only, so a public API cannot hide in this list.
 */
const INTERNAL: Record<string, string> = {
  "api/auth/[...nextauth]/route.ts": "next-auth's sign-in, sign-out, session and CSRF endpoints, called by the sign-in page",
  "api/me/route.ts": "the signed-in user and their permissions, for the dashboard",
  "api/sources/[id]/messages/route.ts": "the live debugger's poll (admin session)",
  "api/crm/export/contacts/route.ts": "the contacts table's CSV of the current view (CRM session); integrations use /api/v1/crm/export",
  "api/crm/export/companies/route.ts": "the companies table's CSV of the current view (CRM session); integrations use /api/v1/crm/export",
  "(app)/export/download/route.ts": "the export page's downloads (CRM session); the same streams as /api/v1/crm/export for tokens",
  "(app)/export/events/route.ts": "the export page's raw events download (admin session); the same stream as /api/v1/events/export for tokens",
  "(app)/export/profiles/route.ts": "the export page's profiles download (admin session); the same stream as /api/v1/profiles/export for tokens",
  "(app)/leadership/people/export/route.ts": "the CSV of the people behind a leadership dashboard figure (leadership session), the download beside the people list",
  "(app)/settings/audit/export/route.ts": "the audit log page's CSV of the current filter (admin session), the download beside the table",
};
const NOT_APIROUTE_INTERNAL = new Set(["api/auth/[...nextauth]/route.ts"]);

/** Preflights and HEAD are answered for CORS and by the framework, not operations of their own. */
const UNDOCUMENTED_METHODS = new Set(["OPTIONS", "HEAD"]);

const doc = openApiDocument();
const files = handlerFiles();

interface Served_ {
  file: string;
  method: string;
  handler: Served;
}

async function servedMethods(): Promise<Served_[]> {
  const out: Served_[] = [];
  for (const file of files) {
    for (const [method, handler] of Object.entries(await handlersOf(file))) out.push({ file, method, handler: handler as Served });
  }
  return out;
}

const withoutExamples = (ps: OpenApiParameter[] | undefined) => (ps ?? []).map(({ examples: _, ...p }) => p);

/** What the document must say about an operation, computed from the schemas the route parses with. */
function expectedFrom(schemas: Pick<RouteOptions, "params" | "query" | "body">) {
  return {
    parameters: [...parametersOf(schemas.params, "path"), ...parametersOf(schemas.query, "query")],
    body: schemas.body ? jsonSchemaOf(schemas.body) : undefined,
  };
}

describe("every route under app/ and the OpenAPI document", () => {
  it("lists only route files that exist as internal", () => {
    for (const file of Object.keys(INTERNAL)) expect(files, file).toContain(file);
  });

  it("has every method of every non-internal route serving documented operations", async () => {
    const missing: string[] = [];
    for (const { file, method, handler } of await servedMethods()) {
      if (INTERNAL[file] || UNDOCUMENTED_METHODS.has(method)) continue;
      const ops = handler.operations ?? [];
      if (!ops.length) {
        missing.push(`${method} ${urlPatternOf(file)} (app/${file}): build it from an operation in lib/api/operations/ (apiRoute(op, …) or serves(op, …)), or list it as internal here with why`);
      }
      for (const op of ops) {
        if (!doc.paths[op.path]?.[method.toLowerCase()]) missing.push(`${method} ${op.path} (app/${file}) is not in the document: add it to lib/api/openapi/registry.ts`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("documents each operation under its route's own path and method, with the schemas the handler parses with", async () => {
    for (const { file, method, handler } of await servedMethods()) {
      for (const op of handler.operations ?? []) {
        const where = `${method} ${op.path} (app/${file})`;
        expect(op.method, where).toBe(method);
        expect(matchPattern(urlPatternOf(file), op.path), `${where}: the route answers ${urlPatternOf(file)}`).not.toBeNull();
        expect(routeFor(op.path, files)?.file, `${where}: a more specific route answers this path`).toBe(file);
        expect(PUBLIC_OPERATIONS, `${where}: the registry holds a different declaration`).toContain(op);

        // apiRoute handlers: the options the request is really parsed with; others: what they declare.
        const parsedWith: Pick<RouteOptions, "params" | "query" | "body"> = handler.routeOptions ?? op;
        if (handler.routeOptions) expect(handler.routeOptions.access, where).toEqual(op.access);
        const expected = expectedFrom(parsedWith);
        const documented = doc.paths[op.path]![method.toLowerCase()]!;
        expect(withoutExamples(documented.parameters), `${where}: parameters`).toEqual(expected.parameters);
        const bodies = Object.values(documented.requestBody?.content ?? {}).map((m) => m.schema);
        if (expected.body) {
          expect(bodies.length, `${where}: request body`).toBeGreaterThan(0);
          for (const b of bodies) expect(b, `${where}: request body`).toEqual(expected.body);
        } else expect(bodies, `${where}: request body`).toEqual([]);
      }
    }
  });

  it("has every documented operation served by a route", async () => {
    const served = new Set<Operation>();
    for (const { handler } of await servedMethods()) for (const op of handler.operations ?? []) served.add(op);
    const unserved = PUBLIC_OPERATIONS.filter((op) => !served.has(op)).map((op) => `${op.method} ${op.path}`);
    expect(unserved).toEqual([]);
    const documented = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(PUBLIC_OPERATIONS.map((op) => `${op.method} ${op.path}`).sort());
  });

  it("keeps internal routes out of the document, and each really needs a staff session", async () => {
    const documentedPatterns = Object.keys(doc.paths);
    for (const { file, method, handler } of await servedMethods()) {
      if (!INTERNAL[file]) continue;
      expect(handler.operations ?? [], file).toEqual([]);
      for (const p of documentedPatterns) expect(routeFor(p, files)?.file, `${p} is documented but app/${file} is internal`).not.toBe(file);
      if (NOT_APIROUTE_INTERNAL.has(file)) continue;
      const access = handler.routeOptions?.access;
      expect(access, `${method} app/${file}`).toBeDefined();
      expect(access === "public" || typeof access === "object", `${method} app/${file} is reachable without a session (${JSON.stringify(access)}): document it`).toBe(false);
    }
  });
});

describe("matching documented paths to route files", () => {
  it.each([
    ["/v1/track", "v1/[call]/route.ts", { call: "track" }],
    ["/v1/projects/{writeKey}/settings", "v1/projects/[writeKey]/settings/route.ts", { writeKey: "{writeKey}" }],
    ["/api/v1/profiles/email:a%40b.c/traits", "api/v1/profiles/[ref]/traits/route.ts", { ref: "email:a@b.c" }],
    ["/export/download", "(app)/export/download/route.ts", {}],
    ["/api/auth/session", "api/auth/[...nextauth]/route.ts", { nextauth: "session" }],
  ])("%s → app/%s", (url, file, params) => {
    expect(routeFor(url, files)).toEqual({ file, params });
  });

  it("answers nothing for a path no route serves", () => {
    expect(routeFor("/api/v1/nothing-here", files)).toBeNull();
    expect(routeFor("/v1/projects/k", files)).toBeNull();
  });
});
