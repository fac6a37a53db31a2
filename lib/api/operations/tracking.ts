// The Tracking API's operations (app/v1/[call]/route.ts → lib/ingest): one per call, plus batch and
// import. Request bodies are built from lib/ingest/schema.ts's messageSchemas — the schemas every
// message is validated with — and the examples' error messages come from the pipeline's own pure
// steps (request parsing, message normalisation), so the document cannot drift from what is answered.
import { z } from "zod";
import { CALL_TYPES, messageSchemas, type CallType } from "../../ingest/schema";
import { ENDPOINT_SEGMENTS, endpointFor, IngestError, MAX_BATCH_MESSAGES, MAX_REQUEST_BYTES, parseTrackingRequest, unknownWriteKey } from "../../ingest/request";
import { MAX_MESSAGE_BYTES, normalizeMessage } from "../../ingest/normalize";
import type { Operation, OperationExample } from "../operation";
import { EXAMPLE } from "./common";

const writeKeyField = z.string().optional().describe("The source's write key, when it is not sent as the HTTP Basic user name.");

/** /v1/{call}'s body: the message, its type implied by the path. */
export function callBodySchema(type: CallType) {
  const schema: z.ZodObject = messageSchemas[type];
  return schema.safeExtend({ type: schema.shape.type!.optional(), writeKey: writeKeyField });
}

/** /v1/batch's body. Each message is validated on its own: a bad one is reported, its neighbours stored. */
export const batchBodySchema = z.object({
  batch: z
    .array(z.discriminatedUnion("type", [messageSchemas.identify, messageSchemas.track, messageSchemas.page, messageSchemas.screen, messageSchemas.group, messageSchemas.alias]))
    .describe(`Up to ${MAX_BATCH_MESSAGES} messages, each with its \`type\`.`),
  context: z.record(z.string(), z.unknown()).optional().describe("Merged under each message's own context."),
  integrations: z.record(z.string(), z.unknown()).optional().describe("Merged under each message's own integrations."),
  sentAt: z.string().optional().describe("The sentAt of messages that have none (ISO-8601)."),
  writeKey: writeKeyField,
});

const successSchema = z.strictObject({
  success: z.literal(true),
  accepted: z
    .number()
    .int()
    .describe("Messages stored as events (committed before this answer), duplicates and suppressed ones included; quarantined and rejected messages are not counted."),
  duplicates: z.number().int().describe("Accepted messages already stored before (same messageId for the source): stored once."),
  rejected: z
    .array(
      z.strictObject({
        index: z.number().int().describe("The message's position in the request (0 for a single call)."),
        messageId: z.string().nullable(),
        code: z.enum(["invalid_message", "message_too_large", "invalid_type"]),
        message: z.string().describe("What is wrong, field by field."),
      }),
    )
    .describe("Invalid messages of a batch, each also shown in the source's debugger."),
  suppressed: z
    .number()
    .int()
    .describe(
      "Accepted messages dropped without being stored because they carry an identifier (userId, anonymousId, email, phone, external id, alias previousId) of a person deleted or suppressed under Settings → Privacy; counted in the source's volume. Not an error: an SDK must not retry them.",
    ),
  quarantined: z
    .array(
      z.strictObject({
        index: z.number().int().describe("The message's position in the request (0 for a single call)."),
        messageId: z.string().describe("The message's id (generated when it had none)."),
        code: z.enum(["unplanned_event", "plan_violation"]).describe("An event the source's tracking plan does not list, or one that breaks its schema."),
        message: z.string().describe("The first violation, e.g. `properties.total must be number, got string`."),
      }),
    )
    .describe(
      "Messages the source's tracking plan blocked: kept in the source's quarantine (not stored as events, not in `accepted`) until an admin releases them into the normal path; never dropped silently. Empty when the source has no plan or its plan only flags.",
    ),
});

const LIMITS =
  `Limits: ${MAX_MESSAGE_BYTES / 1024} KB per message, ${MAX_REQUEST_BYTES / 1024} KB per request (after gzip is undone) and ${MAX_BATCH_MESSAGES} messages per batch; ` +
  "a source may also have a rate limit (429 with `Retry-After`) and allowed origins (403 for other browsers' origins). " +
  "The body is JSON, sent as `application/json` or `text/plain`, optionally with `Content-Encoding: gzip`. " +
  "A 200 is sent only once the messages are committed; a retried message (same `messageId`) is stored once. " +
  "When the source has a tracking plan that blocks, messages breaking it are quarantined and listed in `quarantined` (still a 200).";

const aliasesOf = (target: CallType | "batch", self: string) =>
  ENDPOINT_SEGMENTS.filter((s) => s !== self && endpointFor(s) === target).map((s) => `\`/v1/${s}\``);

const singleErrors = {
  400: ["invalid_json", "invalid_gzip", "invalid_message", "message_too_large"],
  401: ["missing_write_key", "invalid_write_key", "source_disabled"],
  403: ["origin_not_allowed"],
  413: ["request_too_large"],
  415: ["unsupported_encoding"],
  429: ["rate_limited"],
  500: ["internal_error"],
} as const;
const batchErrors = { ...singleErrors, 400: ["invalid_json", "invalid_gzip", "invalid_batch"] } as const;

const CALLS: Record<CallType, { summary: string; does: string; body: Record<string, unknown>; invalid: Record<string, unknown>; invalidSummary: string }> = {
  identify: {
    summary: "Identify a person",
    does: "Ties a user id to the person and records their traits; links the anonymous visits of the same device.",
    body: { userId: EXAMPLE.userId, anonymousId: EXAMPLE.anonymousId, traits: { email: EXAMPLE.email, name: "Ann Lee", plan: "pro" } },
    invalid: { traits: { plan: "pro" } },
    invalidSummary: "Without userId or anonymousId",
  },
  track: {
    summary: "Track an event",
    does: "Records something the person did.",
    body: { userId: EXAMPLE.userId, event: "Order Completed", properties: { revenue: 129.5, currency: "USD", plan: "pro" } },
    invalid: { userId: EXAMPLE.userId, properties: { revenue: 10 } },
    invalidSummary: "Without the event's name",
  },
  page: {
    summary: "Record a page view",
    does: "Records a web page view; its URL, referrer and UTM parameters give the visit's channel and first touch.",
    body: {
      anonymousId: EXAMPLE.anonymousId,
      name: "Pricing",
      properties: { url: "https://example.com/pricing?utm_source=newsletter&utm_medium=email", path: "/pricing", referrer: "https://mail.example.net/" },
    },
    invalid: { name: "Pricing" },
    invalidSummary: "Without userId or anonymousId",
  },
  screen: {
    summary: "Record a screen view",
    does: "Records a mobile app screen view.",
    body: { userId: EXAMPLE.userId, name: "Dashboard", properties: { tab: "reports" } },
    invalid: { name: "Dashboard" },
    invalidSummary: "Without userId or anonymousId",
  },
  group: {
    summary: "Put a person in an account",
    does: "Adds the person to an account (a company), linked to the CRM company with the same id or domain.",
    body: { userId: EXAMPLE.userId, groupId: "acme", traits: { name: "Acme Inc", domain: "acme.example", plan: "business" } },
    invalid: { userId: EXAMPLE.userId, traits: { name: "Acme Inc" } },
    invalidSummary: "Without the groupId",
  },
  alias: {
    summary: "Link two ids",
    does: "Links an earlier id to a user id, even past an identity rule's limit (renaming a user is what alias is for).",
    body: { previousId: EXAMPLE.anonymousId, userId: EXAMPLE.userId },
    invalid: { userId: EXAMPLE.userId },
    invalidSummary: "Without the previousId",
  },
};

const encode = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));

/** The error the request parser answers a request with, before any message is looked at. */
function requestError(segment: string, body: unknown, authorization: string | null): { code: string; message: string } {
  try {
    parseTrackingRequest({ segment, body: encode(body), contentEncoding: null, authorization });
  } catch (err) {
    if (err instanceof IngestError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error(`expected /v1/${segment} to refuse the example`);
}

/** Why normalisation refuses a message (on /v1/{type} when `type` is given, else in a batch). */
function rejection(raw: Record<string, unknown>, type?: CallType) {
  const outcome = normalizeMessage(raw, { endpointType: type, receivedAt: new Date(0), newMessageId: () => "example" });
  if (outcome.ok) throw new Error("expected the example message to be refused");
  return { code: outcome.code, message: outcome.reason };
}

const unknownKey = unknownWriteKey();
const basic = `Basic ${Buffer.from("k:").toString("base64")}`;

function callOperation(type: CallType): Operation {
  const call = CALLS[type];
  const examples: OperationExample[] = [
    { name: "call", summary: call.summary, status: 200, body: call.body, response: { success: true, accepted: 1, duplicates: 0, rejected: [], quarantined: [], suppressed: 0 } },
    { name: "invalidMessage", summary: call.invalidSummary, status: 400, body: call.invalid, error: rejection(call.invalid, type) },
  ];
  if (type === "track") {
    examples.push(
      { name: "writeKeyInBody", summary: "The write key in the body instead of HTTP Basic", status: 200, credentials: "none", body: { ...call.body, writeKey: EXAMPLE.writeKey } },
      { name: "missingWriteKey", summary: "Without a write key", status: 401, credentials: "none", body: call.body, error: requestError(type, call.body, null) },
      { name: "unknownWriteKey", summary: "A write key no source has", status: 401, credentials: "unknown", body: call.body, error: { code: unknownKey.code, message: unknownKey.message } },
    );
  }
  const aliases = aliasesOf(type, type);
  return {
    method: "POST",
    path: `/v1/${type}`,
    operationId: type,
    tag: "Tracking API",
    summary: call.summary,
    description: `${call.does} Segment's \`${type}\` call${aliases.length ? ` (also at ${aliases.join(", ")}, as analytics-next sends it)` : ""}. An invalid message is answered 400 and shown in the source's debugger. ${LIMITS}`,
    access: "public",
    writeKey: "required",
    body: callBodySchema(type),
    bodyContentTypes: ["application/json", "text/plain"],
    responses: { 200: { description: "Stored.", content: { "application/json": successSchema } } },
    errors: singleErrors,
    errorShape: "tracking",
    examples,
  };
}

function batchOperation(segment: "batch" | "import"): Operation {
  const good = { type: "track", userId: EXAMPLE.userId, event: "Report Exported", properties: { format: "csv" }, timestamp: "2026-03-01T09:30:00Z" };
  const bad = { type: "track", userId: EXAMPLE.userId, properties: { format: "pdf" }, messageId: "m-2" };
  const body = { batch: [good, bad], sentAt: "2026-03-01T09:30:05Z" };
  const aliases = aliasesOf("batch", segment);
  return {
    method: "POST",
    path: `/v1/${segment}`,
    operationId: segment,
    tag: "Tracking API",
    summary: segment === "batch" ? "Send a batch" : "Import a batch",
    description:
      `${segment === "import" ? "The same as `/v1/batch`, under the name Segment's import tools use; " : ""}Many calls of any type in one request — what the server SDKs send. ` +
      `Valid messages are stored and invalid ones reported by index in the 200 answer (a bad message never sinks its neighbours). Also at ${aliases.join(", ")}. ${LIMITS}`,
    access: "public",
    writeKey: "required",
    body: batchBodySchema,
    bodyContentTypes: ["application/json", "text/plain"],
    responses: { 200: { description: "The valid messages are stored; the invalid ones listed.", content: { "application/json": successSchema } } },
    errors: batchErrors,
    errorShape: "tracking",
    examples: [
      {
        name: "batch",
        summary: "Two messages, one without its event name",
        status: 200,
        body,
        response: { success: true, accepted: 1, duplicates: 0, rejected: [{ index: 1, messageId: "m-2", ...rejection(bad) }], quarantined: [], suppressed: 0 },
      },
      { name: "notABatch", summary: "A body without a batch array", status: 400, body: good, error: requestError(segment, good, basic) },
    ],
  };
}

export const trackingOperations: readonly Operation[] = [...CALL_TYPES.map(callOperation), batchOperation("batch"), batchOperation("import")];
