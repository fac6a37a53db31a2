// The one wrapper for API routes: authentication and the role check (through the shared guard),
// body and query parsing with zod, and every failure answered as JSON
// `{ error: { code, message } }` with the right 4xx — a 500 only for a genuine bug.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { AuthError, authorize, type CurrentUser } from "../auth/guard";
import { checkToken, noCredentialsMessage, tokenFromAuthorization, type TokenScope } from "../auth/api-tokens";
import type { Permission } from "../auth/permissions";
import { findApiToken } from "../data/api-tokens";
import { AnalyticsLimitError } from "../data/analytics-runner";
import { corsHeaders } from "../ingest/cors";
import { ApiError, describeZodError, errorBody } from "./errors";
import { isOperation, type RouteOptions, type Served } from "./operation";
import { tokenActor, userActor, type AuditActor } from "../audit/actions";
import { peerAddress } from "../server/peer";

const DEFAULT_MAX_BODY = 1024 * 1024;
const WWW_AUTHENTICATE = { "WWW-Authenticate": 'Bearer realm="tandem"' };

export interface TokenIdentity {
  id: string;
  name: string;
  scopes: string[];
}

interface RouteContext<B, Q, P> {
  req: NextRequest;
  /** The signed-in staff user (session routes, and session-or-token routes called with a session). */
  user: CurrentUser | null;
  /** The API token (token routes, and session-or-token routes called with a token). */
  token: TokenIdentity | null;
  body: B;
  query: Q;
  /** The path segments, parsed with the `params` schema when there is one. */
  params: P;
  /** Who is calling, for the audit log (the user or the token, and the peer address); null on public routes. */
  actor: AuditActor | null;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

async function readJson(req: NextRequest, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new ApiError(413, "payload_too_large", `The request body is over ${maxBytes} bytes; send less at a time.`);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new ApiError(413, "payload_too_large", `The request body is over ${maxBytes} bytes; send less at a time.`);
  if (!text.trim()) throw new ApiError(400, "invalid_json", "The request body is empty; send a JSON document.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON; check quoting and trailing commas.");
  }
}

async function authenticateToken(req: NextRequest, scope: TokenScope | "any"): Promise<TokenIdentity> {
  const presented = tokenFromAuthorization(req.headers.get("authorization"));
  const now = new Date();
  const stored = presented ? await findApiToken(presented, now) : null;
  const check = checkToken(stored, scope, now);
  if (!check.ok) {
    throw new ApiError(check.status, check.code, check.message, undefined, check.status === 401 ? WWW_AUTHENTICATE : undefined);
  }
  return { id: stored!.id, name: stored!.name, scopes: stored!.scopes };
}

/** A session-or-token request without a token: the session's user, or a 401 naming both ways in. */
async function authorizeSessionOrToken(permission: Permission, scope: TokenScope): Promise<CurrentUser> {
  try {
    return await authorize(permission);
  } catch (err) {
    if (err instanceof AuthError && err.status === 401) throw new ApiError(401, err.code, noCredentialsMessage(scope), undefined, WWW_AUTHENTICATE);
    throw err;
  }
}

export function toErrorResponse(err: unknown): NextResponse {
  if (err instanceof AuthError) return NextResponse.json(errorBody(err.code, err.message), { status: err.status });
  if (err instanceof ApiError) {
    return NextResponse.json(errorBody(err.code, err.message, err.details), { status: err.status, headers: err.headers });
  }
  if (err instanceof AnalyticsLimitError) {
    const headers = err.retryAfterSeconds ? { "Retry-After": String(err.retryAfterSeconds) } : undefined;
    return NextResponse.json(errorBody(err.code, err.message), { status: err.status, headers });
  }
  if (err instanceof z.ZodError) {
    const { message, issues } = describeZodError(err);
    return NextResponse.json(errorBody("invalid_request", message, { issues }), { status: 400 });
  }
  console.error("[api] unhandled error", err);
  return NextResponse.json(errorBody("internal_error", "Something went wrong on our side; the error was logged. Try again."), { status: 500 });
}

type Segments = Record<string, string | string[]>;

/**
 * A route handler from its options — or from a public operation (lib/api/operations/), whose schemas
 * are then both what the request is parsed with and what the OpenAPI document shows.
 */
export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  options: RouteOptions<B, Q, P>,
  handler: (ctx: RouteContext<Infer<B>, Infer<Q>, P extends z.ZodType ? z.infer<P> : Segments>) => Promise<Response | unknown>,
): ((req: NextRequest, segment: { params: Promise<Segments> }) => Promise<Response>) & Served {
  const route = async (req: NextRequest, segment: { params: Promise<Segments> }): Promise<Response> => {
    const res = await serve(req, segment);
    if (options.cors) for (const [k, v] of Object.entries(corsHeaders(req.headers.get("origin")))) res.headers.set(k, v);
    return res;
  };
  const serve = async (req: NextRequest, segment: { params: Promise<Segments> }): Promise<Response> => {
    try {
      let user: CurrentUser | null = null;
      let token: TokenIdentity | null = null;
      const access = options.access;
      if (typeof access === "object") {
        if ("session" in access && !req.headers.get("authorization")) user = await authorizeSessionOrToken(access.session, access.token);
        else token = await authenticateToken(req, access.token);
      } else if (access !== "public") user = await authorize(access);
      const segments = (await segment?.params) ?? {};
      const params = options.params ? options.params.parse(segments) : segments;
      const query = options.query
        ? (options.query.parse(Object.fromEntries(req.nextUrl.searchParams)) as Infer<Q>)
        : (undefined as Infer<Q>);
      const body = options.body
        ? (options.body.parse(await readJson(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY)) as Infer<B>)
        : (undefined as Infer<B>);
      const actor = user ? userActor(user, peerAddress(req.headers)) : token ? tokenActor(token, peerAddress(req.headers)) : null;
      const result = await handler({ req, user, token, body, query, params: params as P extends z.ZodType ? z.infer<P> : Segments, actor });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
  return Object.assign(route, { routeOptions: options as RouteOptions, operations: isOperation(options) ? [options] : undefined });
}
