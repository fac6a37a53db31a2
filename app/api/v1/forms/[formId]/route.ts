// POST /api/v1/forms/{formId} — a public web form (demo request, contact us) posted as JSON or as an
// ordinary HTML form. Rate-limited per form and peer address (lib/server/peer.ts: the collector's,
// never X-Forwarded-For); a filled honeypot is answered like a success and stored nowhere. Logic in lib/crm/forms.ts and lib/data/forms.ts.
import { NextResponse, type NextRequest } from "next/server";
import { ApiError, errorBody } from "@/lib/api/errors";
import { toErrorResponse } from "@/lib/api/handler";
import { serves } from "@/lib/api/operation";
import { submitFormOperation } from "@/lib/api/operations/forms";
import { cookieValue, FORM_RATE_LIMIT, MAX_FORM_BYTES, parseSubmission, TRACKER_COOKIE } from "@/lib/crm/forms";
import { corsHeaders } from "@/lib/ingest/cors";
import { findForm, FormError, submitForm } from "@/lib/data/forms";
import { hitRateLimit } from "@/lib/data/rate-limits";
import { peerAddress } from "@/lib/server/peer";

export const dynamic = "force-dynamic";

const THANKS = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Thank you</title>
<body style="font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;color:#0f172a"><main style="text-align:center">
<h1>Thank you!</h1><p>We received your request and will be in touch shortly.</p></main></body></html>`;

async function readFields(req: NextRequest): Promise<{ fields: Record<string, unknown>; html: boolean }> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_FORM_BYTES) throw new ApiError(413, "payload_too_large", "The form submission is over 64 KB.");
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    const data = await req.formData();
    const fields: Record<string, unknown> = {};
    for (const [k, v] of data.entries()) if (typeof v === "string") fields[k] = v;
    return { fields, html: true };
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_FORM_BYTES) throw new ApiError(413, "payload_too_large", "The form submission is over 64 KB.");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "Send the form as JSON or as an ordinary HTML form post.");
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new ApiError(400, "invalid_json", "The body must be a JSON object of field names and values.");
  return { fields: json as Record<string, unknown>, html: false };
}

export const POST = serves(submitFormOperation, async (req: NextRequest, ctx: { params: Promise<{ formId: string }> }): Promise<Response> => {
  const cors = corsHeaders(req.headers.get("origin"));
  try {
    const { formId } = await ctx.params;
    const form = await findForm(formId);
    if (!form || !form.enabled) throw new ApiError(404, "form_not_found", "This form does not exist or is switched off; check the form id in Settings → Forms.");
    const limit = await hitRateLimit(`form:${form.id}:${peerAddress(req.headers)}`, FORM_RATE_LIMIT, new Date());
    if (!limit.allowed) {
      throw new ApiError(429, "rate_limited", `Too many submissions; try again in ${limit.retryAfterSec} s.`, undefined, { "Retry-After": String(limit.retryAfterSec) });
    }
    const { fields, html } = await readFields(req);
    const parsed = parseSubmission(fields, cookieValue(req.headers.get("cookie"), TRACKER_COOKIE));
    if (!parsed.ok) throw new ApiError(400, "invalid_submission", "Enter a valid email address.", { fields: parsed.errors });
    if (!parsed.submission.isBot) await submitForm(form.id, parsed.submission, new Date());
    if (html) {
      return form.redirectUrl
        ? NextResponse.redirect(form.redirectUrl, { status: 303, headers: cors })
        : new NextResponse(THANKS, { status: 200, headers: { ...cors, "Content-Type": "text/html; charset=utf-8" } });
    }
    return NextResponse.json({ success: true }, { headers: cors });
  } catch (err) {
    if (err instanceof FormError) return NextResponse.json(errorBody(err.code, err.message), { status: 404, headers: cors });
    const res = toErrorResponse(err);
    for (const [k, v] of Object.entries(cors)) res.headers.set(k, v);
    return res;
  }
});

export function OPTIONS(req: NextRequest): Response {
  return new Response(null, { status: 204, headers: corsHeaders(req.headers.get("origin")) });
}
