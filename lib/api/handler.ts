// The one wrapper for API routes: authentication and the role check (through the shared guard),
// body and query parsing with zod, and every failure answered as JSON
// `{ error: { code, message } }` with the right 4xx — a 500 only for a genuine bug.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { AuthError, authorize, type CurrentUser } from "../auth/guard";
import type { Permission } from "../auth/permissions";
import { checkToken, tokenFromAuthorization, type TokenScope } from "../auth/api-tokens";
import { findApiToken } from "../data/api-tokens";
import { AnalyticsLimitError } from "../data/analytics-runner";
import { ApiError, describeZodError, errorBody } from "./errors";

const DEFAULT_MAX_BODY = 1024 * 1024;

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

export interface TokenIdentity {
  id: string;
  name: string;
  scopes: string[];
}

interface RouteOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  access: Access;
  body?: B;
  query?: Q;
  maxBodyBytes?: number;
}

interface RouteContext<B, Q> {
  req: NextRequest;
  /** The signed-in staff user (session routes, and session-or-token routes called with a session). */
  user: CurrentUser | null;
  /** The API token (token routes, and session-or-token routes called with a token). */
  token: TokenIdentity | null;
  body: B;
  query: Q;
  params: Record<string, string | string[]>;
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
    throw new ApiError(check.status, check.code, check.message, undefined, check.status === 401 ? { "WWW-Authenticate": 'Bearer realm="tandem"' } : undefined);
  }
  return { id: stored!.id, name: stored!.name, scopes: stored!.scopes };
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

export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  options: RouteOptions<B, Q>,
  handler: (ctx: RouteContext<Infer<B>, Infer<Q>>) => Promise<Response | unknown>,
) {
  return async (req: NextRequest, segment: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      let user: CurrentUser | null = null;
      let token: TokenIdentity | null = null;
      const access = options.access;
      if (typeof access === "object") {
        if ("session" in access && !req.headers.get("authorization")) user = await authorize(access.session);
        else token = await authenticateToken(req, access.token);
      } else if (access !== "public") user = await authorize(access);
      const query = options.query
        ? (options.query.parse(Object.fromEntries(req.nextUrl.searchParams)) as Infer<Q>)
        : (undefined as Infer<Q>);
      const body = options.body
        ? (options.body.parse(await readJson(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY)) as Infer<B>)
        : (undefined as Infer<B>);
      const params = (await segment?.params) ?? {};
      const result = await handler({ req, user, token, body, query, params });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
