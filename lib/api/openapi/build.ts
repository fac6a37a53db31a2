// The OpenAPI 3.1 document, built from the public operations (lib/api/operations/): every request
// and response schema is zod 4's JSON Schema of the very object the handler parses with
// (`z.toJSONSchema`, input side). Examples go where OpenAPI puts them (parameters, request bodies,
// responses, keyed by the example's name) and `x-request-examples` ties each request to the status
// it gets, so a test can replay them. Pure.
import { z } from "zod";
import { SCOPE_DESCRIPTIONS, TOKEN_SCOPES } from "../../auth/api-tokens";
import { errorBodySchema, trackingErrorBodySchema } from "../errors";
import { API_TAGS, type ExampleCredentials, type Operation, type OperationExample } from "../operation";

export type JsonSchema = { [key: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
  examples?: Record<string, { summary: string; value: string }>;
}

export interface OpenApiMedia {
  schema: JsonSchema;
  examples?: Record<string, { summary: string; value: unknown }>;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, OpenApiMedia>;
}

export interface RequestExample {
  name: string;
  summary: string;
  status: number;
  credentials: ExampleCredentials;
  contentType?: string;
}

export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  security: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: true; content: Record<string, OpenApiMedia> };
  responses: Record<string, OpenApiResponse>;
  "x-request-examples": RequestExample[];
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { securitySchemes: Record<string, JsonSchema>; schemas: Record<string, JsonSchema> };
}

const COMPONENT_REF = "#/components/schemas/";

function rewriteDefRefs(node: unknown): void {
  if (Array.isArray(node)) for (const x of node) rewriteDefRefs(x);
  else if (node && typeof node === "object") {
    const o = node as JsonSchema;
    if (typeof o.$ref === "string" && o.$ref.startsWith("#/$defs/")) o.$ref = COMPONENT_REF + o.$ref.slice("#/$defs/".length);
    for (const v of Object.values(o)) rewriteDefRefs(v);
  }
}

/**
 * zod's JSON Schema of what a client sends (the input side of transforms and defaults), without
 * `$schema`. A schema given an id (`.meta({ id })`, needed by recursive ones such as an audience's
 * conditions) becomes a component: its `$ref` points at `#/components/schemas/<id>` — a `#/$defs/…`
 * ref inside an OpenAPI document would resolve against the document's root — and its definition goes
 * into `components` when given.
 */
export function jsonSchemaOf(schema: z.ZodType, components?: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    // zod spells formats out as long regular expressions as well; the format says it.
    override: ({ jsonSchema }) => {
      if (jsonSchema.format && jsonSchema.pattern) delete jsonSchema.pattern;
    },
  }) as JsonSchema;
  delete json.$schema;
  rewriteDefRefs(json);
  const defs = json.$defs as Record<string, JsonSchema> | undefined;
  delete json.$defs;
  for (const [id, def] of Object.entries(defs ?? {})) {
    // zod numbers the schemas it had to extract without an id: name them.
    if (id.startsWith("__schema")) throw new Error(`A schema is repeated or recursive without an id: give it one with .meta({ id: "SomeName" }) so the document can name it`);
    if (!components) continue;
    const known = components[id];
    if (known && JSON.stringify(known) !== JSON.stringify(def)) throw new Error(`Two different schemas have the id ${id}`);
    components[id] = def;
  }
  return json;
}

const withoutDescription = ({ description: _, ...rest }: JsonSchema): JsonSchema => rest;

/**
 * A path or query schema as OpenAPI parameters: one per property. A union of objects (e.g. the
 * export's `format=json | format=csv&entity=…`) gives each name once, required only when every
 * branch requires it, its string constants merged into an enum.
 */
export function parametersOf(schema: z.ZodType | undefined, location: "path" | "query"): OpenApiParameter[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema);
  const branches = ((json.oneOf ?? json.anyOf ?? [json]) as JsonSchema[]).map((b) => ({
    properties: (b.properties ?? {}) as Record<string, JsonSchema>,
    required: (b.required ?? []) as string[],
  }));
  const names = [...new Set(branches.flatMap((b) => Object.keys(b.properties)))];
  return names.map((name) => {
    const variants = branches.map((b) => b.properties[name]).filter((v): v is JsonSchema => !!v);
    const description = variants.map((v) => v.description).find((d): d is string => typeof d === "string");
    const distinct = [...new Map(variants.map((v) => [JSON.stringify(withoutDescription(v)), withoutDescription(v)])).values()];
    const merged =
      distinct.length === 1
        ? distinct[0]!
        : distinct.every((v) => v.type === "string" && "const" in v)
          ? { type: "string", enum: distinct.map((v) => v.const) }
          : { anyOf: distinct };
    return {
      name,
      in: location,
      required: location === "path" || branches.every((b) => b.required.includes(name)),
      ...(description ? { description } : {}),
      schema: merged,
    };
  });
}

/**
 * Who may call: a token (its scope), a session (OpenAPI 3.1 lets a non-OAuth scheme list role names:
 * the permission the session's role needs), either, or a write key.
 */
export function securityOf(op: Operation): Record<string, string[]>[] {
  const access = op.access;
  if (typeof access === "object") {
    const token = { bearerToken: access.token === "any" ? [] : [access.token] };
    return "session" in access ? [token, { session: [access.session] }] : [token];
  }
  if (access === "signed-in") return [{ session: [] }];
  if (access !== "public") return [{ session: [access] }];
  if (op.writeKey === "required") return [{ writeKey: [] }];
  if (op.writeKey === "optional") return [{ writeKey: [] }, {}];
  return [];
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  303: "See Other",
  304: "Not Modified",
  400: "Bad request",
  401: "Unauthenticated",
  403: "Forbidden",
  404: "Not found",
  413: "Too large",
  415: "Unsupported encoding",
  429: "Too many requests",
  500: "Server error",
  503: "Unavailable",
};

function named<T>(examples: OperationExample[], pick: (e: OperationExample) => T | undefined): Record<string, { summary: string; value: T }> | undefined {
  const entries = examples.flatMap((e) => {
    const value = pick(e);
    return value === undefined ? [] : [[e.name, { summary: e.summary, value }] as const];
  });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function operationOf(op: Operation, components: Record<string, JsonSchema>): OpenApiOperation {
  const withExamples = (params: OpenApiParameter[], from: "params" | "query") =>
    params.map((p) => {
      const examples = named(op.examples, (e) => e[from]?.[p.name]);
      return examples ? { ...p, examples } : p;
    });
  const parameters = [...withExamples(parametersOf(op.params, "path"), "params"), ...withExamples(parametersOf(op.query, "query"), "query")];
  const bodyTypes = op.body ? (op.bodyContentTypes ?? ["application/json"]) : [];
  const contentTypeOf = (e: OperationExample) => e.contentType ?? bodyTypes[0];

  const responses: Record<string, OpenApiResponse> = {};
  for (const [status, doc] of Object.entries(op.responses)) {
    const content = doc.content
      ? Object.fromEntries(
          Object.entries(doc.content).map(([type, schema]) => {
            const examples = type === "application/json" ? named(op.examples.filter((e) => e.status === Number(status)), (e) => e.response) : undefined;
            return [type, { schema: jsonSchemaOf(schema, components), ...(examples ? { examples } : {}) }];
          }),
        )
      : undefined;
    const headers = doc.headers && Object.fromEntries(Object.entries(doc.headers).map(([h, description]) => [h, { description, schema: { type: "string" } }]));
    responses[status] = { description: doc.description, ...(headers ? { headers } : {}), ...(content ? { content } : {}) };
  }
  const tracking = op.errorShape === "tracking";
  for (const [status, codes] of Object.entries(op.errors)) {
    const examples = named(op.examples.filter((e) => e.status === Number(status)), (e) => e.error && (tracking ? { success: false, error: e.error } : { error: e.error }));
    responses[status] = {
      description: `${STATUS_TEXT[Number(status)] ?? "Error"}: ${codes.map((c) => `\`${c}\``).join(", ")}.`,
      ...(status === "429" ? { headers: { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } } } } : {}),
      content: { "application/json": { schema: { $ref: `#/components/schemas/${tracking ? "TrackingError" : "Error"}` }, ...(examples ? { examples } : {}) } },
    };
  }

  const security = securityOf(op);
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: op.description,
    security,
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true as const,
            content: Object.fromEntries(
              bodyTypes.map((type) => {
                const examples = named(op.examples.filter((e) => contentTypeOf(e) === type), (e) => e.body);
                return [type, { schema: jsonSchemaOf(op.body!, components), ...(examples ? { examples } : {}) }];
              }),
            ),
          },
        }
      : {}),
    responses,
    "x-request-examples": op.examples.map((e) => ({
      name: e.name,
      summary: e.summary,
      status: e.status,
      credentials: e.credentials ?? (security.length ? "valid" : "none"),
      ...(op.body ? { contentType: contentTypeOf(e) } : {}),
    })),
  };
}

export interface BuildOptions {
  /** The base URL clients call (default: the document's own host). */
  serverUrl?: string;
  version: string;
}

export function buildOpenApiDocument(operations: readonly Operation[], options: BuildOptions): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  const components: Record<string, JsonSchema> = {};
  for (const op of operations) {
    const item = (paths[op.path] ??= {});
    const method = op.method.toLowerCase();
    if (item[method]) throw new Error(`${op.method} ${op.path} is declared twice`);
    item[method] = operationOf(op, components);
  }
  const used = new Set(operations.map((o) => o.tag));
  return {
    openapi: "3.1.1",
    info: {
      title: "Tandem API",
      version: options.version,
      description:
        "The public APIs of a Tandem server: the Segment-compatible Tracking API, the settings browser SDKs load, web forms, the Profile API, the CRM export, the metrics (CAC, LTV, MRR), analytics (funnels, paths, attribution, audiences) and marketing spend APIs. " +
        "Errors are JSON with a stable `code` and a `message` that says how to fix it.",
    },
    servers: [{ url: options.serverUrl ?? "/" }],
    tags: (Object.keys(API_TAGS) as (keyof typeof API_TAGS)[]).filter((t) => used.has(t)).map((name) => ({ name, description: API_TAGS[name] })),
    paths,
    components: {
      securitySchemes: {
        writeKey: {
          type: "http",
          scheme: "basic",
          description:
            "A source's write key as the HTTP Basic user name with an empty password (`curl -u \"$WRITE_KEY:\"`), created in Sources and shown once. " +
            "As in Segment, the Tracking API also takes it as `writeKey` in the JSON body.",
        },
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description:
            "An API token (Settings → API tokens, or `npm run token`), as `Authorization: Bearer <token>` — or as the HTTP Basic user name. " +
            `Each operation lists the scope it needs: ${TOKEN_SCOPES.map((s) => `\`${s}\` (${SCOPE_DESCRIPTIONS[s]})`).join("; ")}`,
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description:
            "A signed-in Tandem session (the dashboard's own calls; sign in at /login): next-auth's session cookie, `__Secure-next-auth.session-token` over HTTPS. " +
            "Each operation lists the permission the user's role needs (see Roles in the README). " +
            "A request that carries an `Authorization` header is judged by its token alone.",
        },
      },
      schemas: { Error: jsonSchemaOf(errorBodySchema), TrackingError: jsonSchemaOf(trackingErrorBodySchema), ...components },
    },
  };
}
