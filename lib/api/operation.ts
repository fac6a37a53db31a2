// A public API operation, declared once in lib/api/operations/: the route serves it (apiRoute parses
// the request with these very schema objects; hand-written routes say which operations they serve
// with `serves`), and lib/api/openapi builds the OpenAPI document from the same objects. Pure.
import type { z } from "zod";
import type { Permission } from "../auth/permissions";
import type { TokenScope } from "../auth/api-tokens";

/**
 * A staff session with a permission, any signed-in session, anyone, an API token with a scope, or
 * either of a session with a permission and a token with a scope (the dashboard's own pages call
 * these APIs with their session; outside clients with a token). A request that carries an
 * Authorization header is judged as a token request, one without as a session request.
 */
export type Access =
  | Permission
  | "signed-in"
  | "public"
  | { token: TokenScope | "any" }
  | { session: Permission; token: TokenScope };

/** What apiRoute enforces and parses with. */
export interface RouteOptions<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
> {
  access: Access;
  /** The JSON body. */
  body?: B;
  /** The query string, as an object of its parameters. */
  query?: Q;
  /** The dynamic path segments. */
  params?: P;
  maxBodyBytes?: number;
  /** Answer with open CORS headers (browser SDKs call these from any site). */
  cors?: boolean;
}

export const API_TAGS = {
  "Tracking API": "Segment-compatible event collection: send identify, track, page, screen, group and alias calls with a source's write key.",
  "SDK settings": "What browser SDKs (Segment's analytics-next, RudderStack's JS SDK) fetch at start, pointing them at this Tandem.",
  Forms: "Public web forms (demo request, contact us) posted from any website into the CRM.",
  "Profile API": "Read a customer profile — traits, identifiers, events and merges — by any of its identifiers.",
  "CRM export": "Every CRM record, streamed as JSON or CSV.",
  "Raw export": "Every event as stored and every live profile with its identities and traits, streamed as NDJSON or CSV, cursor-paged with no cap.",
  Metrics:
    "CAC, LTV and MRR movements by month, channel or acquisition cohort — the leadership dashboard's figures, each result beside the inputs it was computed from, so a BI tool can recompute it.",
  Analytics:
    "Funnels, paths, multi-touch attribution and audiences over resolved people (anonymous visits before sign-up count for the person who signed up) — the dashboard's marketer analytics, for a BI tool or a script.",
  Spend: "Marketing spend by month, channel and source: what CAC divides. Sync it from ad platforms or a finance sheet.",
  "Admin API": "Administer Tandem from a script: create event sources and change their name, allowed origins, rate limit and state, with the checks and audit entries of the Sources page.",
  Privacy: "Delete or suppress a person's data by any of their identifiers, and follow the requests.",
  Tokens: "Check an API token.",
  Meta: "Service health and this document.",
} as const;
export type ApiTag = keyof typeof API_TAGS;

export interface ResponseDoc {
  description: string;
  /** Content type → the body's shape on the wire. */
  content?: Record<string, z.ZodType>;
  /** Response header → what it carries. */
  headers?: Record<string, string>;
}

/**
 * Which credential an example request sends: the operation's own (a token with its scope, the write
 * key, or — for a session-only operation — a signed-in session with its permission), none, an
 * unknown one, or a token without the scope.
 */
export type ExampleCredentials = "valid" | "none" | "unknown" | "insufficient_scope";

export interface OperationExample {
  /** A key, unique within the operation (camelCase). */
  name: string;
  summary: string;
  /** The status the request gets (replayed against the real handler by a test). */
  status: number;
  /** Default "valid" when the operation has security, else "none". */
  credentials?: ExampleCredentials;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** The body's content type, one of the operation's bodyContentTypes (default application/json). */
  contentType?: string;
  /** For an error: the exact error the API answers with. */
  error?: { code: string; message: string };
  /** For a success: a body to show (checked against the response schema). */
  response?: unknown;
}

export interface Operation<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
> extends RouteOptions<B, Q, P> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The OpenAPI path, `{name}` for a dynamic segment. */
  path: string;
  operationId: string;
  tag: ApiTag;
  summary: string;
  /** Markdown (CommonMark), a few sentences: what it does, its limits. */
  description: string;
  /** Authenticated by a source's write key (HTTP Basic user); "optional" when another way exists. */
  writeKey?: "required" | "optional";
  /** Default `["application/json"]` when there is a body. */
  bodyContentTypes?: string[];
  /** Success responses by status. */
  responses: Record<number, ResponseDoc>;
  /** Error responses by status: the stable codes each may carry. */
  errors: Record<number, readonly string[]>;
  /** The error body: `{error}` (default) or the Tracking API's `{success: false, error}`. */
  errorShape?: "tracking";
  examples: OperationExample[];
}

/** Keeps the schema types, so apiRoute infers the handler's body, query and params. */
export function defineOperation<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  op: Operation<B, Q, P>,
): Operation<B, Q, P> {
  return op;
}

/** A route handler and what it is known to serve. */
export interface Served {
  /** The public operations this handler serves (checked against the OpenAPI document by a test). */
  operations?: readonly Operation[];
  /** What apiRoute parses the request with (apiRoute handlers only). */
  routeOptions?: RouteOptions;
}

/** Marks a hand-written route handler (one not built with apiRoute) as serving these operations. */
export function serves<F extends (...args: never[]) => unknown>(operations: Operation | readonly Operation[], handler: F): F & Served {
  return Object.assign(handler, { operations: Array.isArray(operations) ? operations : [operations as Operation] });
}

export function isOperation(options: RouteOptions): options is Operation {
  return "operationId" in options && "path" in options;
}
