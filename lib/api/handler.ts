// The one wrapper for API routes: authentication and the role check (through the shared guard),
// body and query parsing with zod, and every failure answered as JSON
// `{ error: { code, message } }` with the right 4xx — a 500 only for a genuine bug.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { AuthError, authorize, type CurrentUser } from "../auth/guard";
import type { Permission } from "../auth/permissions";
import { ApiError, describeZodError, errorBody } from "./errors";

const DEFAULT_MAX_BODY = 1024 * 1024;

type Access = Permission | "signed-in" | "public";

interface RouteOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  access: Access;
  body?: B;
  query?: Q;
  maxBodyBytes?: number;
}

interface RouteContext<B, Q> {
  req: NextRequest;
  user: Access extends "public" ? CurrentUser | null : CurrentUser | null;
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

export function toErrorResponse(err: unknown): NextResponse {
  if (err instanceof AuthError) return NextResponse.json(errorBody(err.code, err.message), { status: err.status });
  if (err instanceof ApiError) {
    return NextResponse.json(errorBody(err.code, err.message, err.details), { status: err.status, headers: err.headers });
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
      const user = options.access === "public" ? null : await authorize(options.access);
      const query = options.query
        ? (options.query.parse(Object.fromEntries(req.nextUrl.searchParams)) as Infer<Q>)
        : (undefined as Infer<Q>);
      const body = options.body
        ? (options.body.parse(await readJson(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY)) as Infer<B>)
        : (undefined as Infer<B>);
      const params = (await segment?.params) ?? {};
      const result = await handler({ req, user, body, query, params });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
