// Errors an API route may answer with: a stable machine-readable code and a message saying how to fix it.
import { z } from "zod";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Zod issues as `path: message` pairs a client can show next to the field. */
export function describeZodError(err: z.ZodError): { message: string; issues: { path: string; message: string }[] } {
  const issues = err.issues.map((i) => ({ path: i.path.join(".") || "(root)", message: i.message }));
  return { message: issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues };
}

/** The error body every apiRoute answers with, as the OpenAPI document shows it. */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.string().describe("Stable and machine-readable, e.g. `invalid_request`: branch on this."),
    message: z.string().describe("What went wrong and how to fix it, for people."),
    details: z.unknown().optional().describe("More, when there is: e.g. `issues`, one `{path, message}` per invalid field."),
  }),
});

/** The Tracking API's error body (Segment's `success` flag beside the error). */
export const trackingErrorBodySchema = z.strictObject({
  success: z.literal(false),
  error: z.strictObject({ code: z.string().describe("Stable and machine-readable."), message: z.string().describe("What went wrong and how to fix it.") }),
});
