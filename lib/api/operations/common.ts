// Pieces the public operations share: the error codes of token (or session) authentication and of a
// bad metrics range (with the messages the API really answers, taken from the one function that
// writes them), date-time and month strings on the wire, the paging cursor, and the sample values
// the documented examples use — an integration test seeds a database with exactly these and replays
// every example against the real handlers.
import { z } from "zod";
import { checkToken, noCredentialsMessage, type TokenScope } from "../../auth/api-tokens";
import { NO_SESSION_MESSAGE } from "../../auth/permissions";
import { MetricQueryError, parseMetricQuery } from "../../metrics/query";
import { describeZodError } from "../errors";
import type { OperationExample } from "../operation";

export const EXAMPLE = {
  /** A source's write key (a real one is shown once when the source is created, in Sources). */
  writeKey: "tdm_wk_EXAMPLEwriteKEYexample0000000",
  /** A web form's id (Settings → Web forms). */
  formId: "7c0d2a51-3f9e-4b8a-9d6e-2a41b5c8e0f3",
  /** The source of the examples' write key, "Example website" (Sources, or GET /api/v1/sources). */
  sourceId: "3b6e2f1a-8c4d-4f5e-9a7b-1c2d3e4f5a6b",
  userId: "u-42",
  email: "ann@example.com",
  anonymousId: "3c9a1f0e-anon-4b7d",
  /** A saved audience (Audiences → Save), authored by the session of the examples. */
  audienceId: "5b0f6a8e-2c4d-4e1f-9a3b-7d6c5e4f3a21",
  /** Another saved audience, the one the delete example removes. */
  retiredAudienceId: "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
  /** A deletion request (Settings → Privacy, or POST /api/v1/privacy/deletions). */
  privacyRequestId: "4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a",
  /** A suppression request. */
  suppressionRequestId: "6f5e4d3c-2b1a-4f0e-9d8c-7b6a5f4e3d2c",
} as const;

/** An ISO-8601 date-time string as the API writes it. */
export const dateTime = () => z.iso.datetime({ offset: true });

/** A calendar month as the metrics and spend APIs write it. */
export const yearMonth = () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).describe("`YYYY-MM`.");

/** Segment's cursor object. */
export const cursorSchema = z.strictObject({
  has_more: z.boolean(),
  next: z.string().nullable().describe("Pass as `next` to get the following page; null on the last page."),
  limit: z.number().int(),
});

/** 401 and 403 of a token-authenticated operation. */
export function tokenErrors(scope: TokenScope | "any"): Record<number, readonly string[]> {
  const errors: Record<number, readonly string[]> = { 401: ["invalid_token", "token_revoked", "token_expired"] };
  if (scope !== "any") errors[403] = ["insufficient_scope"];
  return errors;
}

function tokenError(scope: TokenScope | "any", token: Parameters<typeof checkToken>[0]): { code: string; message: string } {
  const check = checkToken(token, scope, new Date(0));
  if (check.ok) throw new Error("expected a refused token");
  return { code: check.code, message: check.message };
}

/** 401 and 403 of an operation taking a staff session with a permission or a token with a scope. */
export function sessionOrTokenErrors(scope: TokenScope): Record<number, readonly string[]> {
  return { 401: ["unauthenticated", ...tokenErrors(scope)[401]!], 403: ["forbidden", "insufficient_scope"] };
}

/** The example of calling a session-or-token operation with neither (judged as a session request). */
export function noCredentialsExample(scope: TokenScope, params?: Record<string, string>, query?: Record<string, string>): OperationExample {
  return {
    name: "missingToken",
    summary: "Without an API token (or a session)",
    status: 401,
    credentials: "none",
    params,
    query,
    error: { code: "unauthenticated", message: noCredentialsMessage(scope) },
  };
}

/** 401 and 403 of an operation that takes only a staff session with a permission. */
export function sessionErrors(): Record<number, readonly string[]> {
  return { 401: ["unauthenticated"], 403: ["forbidden"] };
}

/** The example of calling a session-only operation without a session. */
export function noSessionExample(params?: Record<string, string>, query?: Record<string, string>): OperationExample {
  return { name: "signedOut", summary: "Without a signed-in session", status: 401, credentials: "none", params, query, error: { code: "unauthenticated", message: NO_SESSION_MESSAGE } };
}

/** The example of calling without a token. */
export function missingTokenExample(scope: TokenScope | "any", params?: Record<string, string>, query?: Record<string, string>): OperationExample {
  return { name: "missingToken", summary: "Without an API token", status: 401, credentials: "none", params, query, error: tokenError(scope, null) };
}

/** The example of calling with a token that lacks the scope. */
export function missingScopeExample(scope: TokenScope, params?: Record<string, string>, query?: Record<string, string>): OperationExample {
  return {
    name: "missingScope",
    summary: `With a token that lacks ${scope}`,
    status: 403,
    credentials: "insufficient_scope",
    params,
    query,
    error: tokenError(scope, { scopes: [], revokedAt: null, expiresAt: null }),
  };
}

/** The 400 invalid_request apiRoute answers when `schema` refuses `input`, with its real message. */
export function invalidRequestError(schema: z.ZodType, input: unknown): { code: string; message: string } {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected the schema to refuse the example input");
  return { code: "invalid_request", message: describeZodError(parsed.error).message };
}

/** The 400 invalid_range the metrics and spend APIs answer for a query (checks that do not depend on the current month). */
export function rangeRefusalExample(name: string, summary: string, query: Record<string, string>): OperationExample {
  try {
    parseMetricQuery(query, "9999-12");
  } catch (err) {
    if (err instanceof MetricQueryError) return { name, summary, status: 400, query, error: { code: err.code, message: err.message } };
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be refused`);
}
