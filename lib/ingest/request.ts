// Reads a Tracking API request the way Segment's SDKs send it: JSON or text/plain bodies,
// optional gzip, the write key in HTTP Basic auth or in the body, single calls or batches.
// Whole-request failures become IngestError with a stable code and a fix-it message.
import { gunzipSync, inflateSync } from "node:zlib";
import type { CallType } from "./schema";
import { mayNeedCleaning } from "./clean";

export const MAX_REQUEST_BYTES = 500 * 1024;
export const MAX_BATCH_MESSAGES = 2500;

export class IngestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Path segment → what it serves. analytics-next posts to the one-letter aliases. */
const ENDPOINTS: Record<string, CallType | "batch"> = {
  identify: "identify",
  i: "identify",
  track: "track",
  t: "track",
  page: "page",
  p: "page",
  screen: "screen",
  s: "screen",
  group: "group",
  g: "group",
  alias: "alias",
  a: "alias",
  batch: "batch",
  b: "batch",
  import: "batch",
};

export function endpointFor(segment: string): CallType | "batch" | undefined {
  return Object.hasOwn(ENDPOINTS, segment) ? ENDPOINTS[segment] : undefined;
}

/** Every path segment the Tracking API answers on. */
export const ENDPOINT_SEGMENTS = Object.keys(ENDPOINTS);

export interface ParsedRequest {
  writeKey: string;
  endpoint: CallType | "batch";
  messages: unknown[];
  batchContext?: Record<string, unknown>;
  batchIntegrations?: Record<string, unknown>;
  batchSentAt?: unknown;
  /** The body may hold NUL characters or lone surrogates that PostgreSQL refuses. */
  needsCleaning: boolean;
  /** UTF-8 bytes of the decoded body: a bound on the size of every message in it (NormalizeOptions.sourceBytes). */
  textBytes: number;
}

export const unknownWriteKey = () => new IngestError(401, "invalid_write_key", "Unknown write key: copy it again from the source's page in Tandem (Sources).");

const tooLarge = () =>
  new IngestError(413, "request_too_large", `The request is over ${MAX_REQUEST_BYTES / 1024} KB decompressed; send at most 500 KB and ${MAX_BATCH_MESSAGES} messages per request.`);

export function decodeBody(body: Uint8Array, contentEncoding: string | null): string {
  const encoding = (contentEncoding ?? "").trim().toLowerCase();
  let bytes: Buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (encoding === "gzip" || encoding === "deflate") {
    try {
      bytes = (encoding === "gzip" ? gunzipSync : inflateSync)(bytes, { maxOutputLength: MAX_REQUEST_BYTES + 1 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || (err as Error).message.includes("Cannot create a Buffer larger")) throw tooLarge();
      throw new IngestError(400, "invalid_gzip", `The body is marked Content-Encoding: ${encoding} but could not be decompressed; send valid ${encoding} data or drop the header.`);
    }
  } else if (encoding && encoding !== "identity") {
    throw new IngestError(415, "unsupported_encoding", `Content-Encoding "${encoding}" is not supported; use gzip or none.`);
  }
  if (bytes.byteLength > MAX_REQUEST_BYTES) throw tooLarge();
  return bytes.toString("utf8");
}

/** The write key from `Authorization: Basic base64(key:)`, else from the body. */
export function writeKeyFrom(authorization: string | null, body: Record<string, unknown>): string | undefined {
  if (authorization) {
    const [scheme, value] = authorization.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() === "basic" && value) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const user = decoded.includes(":") ? decoded.slice(0, decoded.indexOf(":")) : decoded;
      if (user) return user;
    }
  }
  const fromBody = body.writeKey ?? body.write_key;
  return typeof fromBody === "string" && fromBody ? fromBody : undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function parseTrackingRequest(input: {
  segment: string;
  body: Uint8Array;
  contentEncoding: string | null;
  authorization: string | null;
}): ParsedRequest {
  const endpoint = endpointFor(input.segment);
  if (!endpoint) {
    throw new IngestError(404, "unknown_endpoint", `/v1/${input.segment} is not a Tracking API endpoint; use identify, track, page, screen, group, alias or batch.`);
  }
  const text = decodeBody(input.body, input.contentEncoding);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new IngestError(400, "invalid_json", "The body is not valid JSON; send one JSON object (Content-Type application/json or text/plain).");
  }
  if (!isPlainObject(json)) throw new IngestError(400, "invalid_json", "The body must be a JSON object, not an array or a scalar.");
  const writeKey = writeKeyFrom(input.authorization, json);
  if (!writeKey) {
    throw new IngestError(401, "missing_write_key", "No write key: send it as the user name of HTTP Basic auth (with an empty password) or as writeKey in the body.");
  }
  const needsCleaning = mayNeedCleaning(text);
  const textBytes = Buffer.byteLength(text, "utf8");
  if (endpoint !== "batch") return { writeKey, endpoint, messages: [json], needsCleaning, textBytes };
  const batch = json.batch;
  if (!Array.isArray(batch)) throw new IngestError(400, "invalid_batch", "A batch request needs a batch array of messages: {\"batch\": [{\"type\": \"track\", …}]}.");
  if (batch.length > MAX_BATCH_MESSAGES) throw tooLarge();
  return {
    writeKey,
    endpoint,
    messages: batch,
    batchContext: isPlainObject(json.context) ? json.context : undefined,
    batchIntegrations: isPlainObject(json.integrations) ? json.integrations : undefined,
    batchSentAt: json.sentAt,
    needsCleaning,
    textBytes,
  };
}
