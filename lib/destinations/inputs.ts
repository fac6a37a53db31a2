// One zod schema per input (the API, the form and the OpenAPI document share them), and the shapes
// destinations and deliveries have on the wire. Pure.
import { z } from "zod";
import { EVENT_TYPES } from "./filter";
import { PROFILE_CHANGE_KINDS } from "./profile-changes";

/** `webhook`: accepted events. `profile_webhook`: profile changes (lib/destinations/profile-changes.ts). */
export const DESTINATION_KINDS = ["webhook", "profile_webhook"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
/** Headers Tandem sets itself: a destination may not override them. */
export const RESERVED_HEADERS = ["content-type", "content-length", "host", "user-agent", "x-tandem-signature", "connection", "transfer-encoding"];

const headerValue = z.string().max(4000).regex(/^[^\r\n]*$/, "A header value cannot span lines.");
const headerName = z
  .string()
  .regex(HEADER_NAME, "A header name is letters, digits and - _ . (no spaces or colons).")
  .refine((n) => !RESERVED_HEADERS.includes(n.toLowerCase()), "Tandem sets this header itself.");

export const filterSchema = z.strictObject({
  sources: z.array(z.string().min(1).max(100)).max(100).default([]).describe("Source ids; empty means every source."),
  types: z
    .array(z.enum([...EVENT_TYPES, ...PROFILE_CHANGE_KINDS]))
    .max(6)
    .default([])
    .describe("Event types (an events webhook) or change types (a profile-change webhook); empty means every type."),
  names: z.array(z.string().min(1).max(200)).max(200).default([]).describe("Track event names or page/screen names; empty means every name."),
});

export const createDestinationSchema = z.strictObject({
  name: z.string().trim().min(1, "Give the destination a name.").max(100),
  kind: z
    .enum(DESTINATION_KINDS)
    .default("webhook")
    .describe("`webhook` receives accepted events; `profile_webhook` receives profile changes (traits changed, merged, split, deleted)."),
  url: z.string().trim().min(1, "Enter the URL that receives the webhook.").max(2000).describe("http(s) URL that receives `POST {\"batch\":[…]}`."),
  headers: z.record(headerName, headerValue).default({}).describe("Extra request headers. Their values are write-only: never shown again."),
  filter: filterSchema.default({ sources: [], types: [], names: [] }),
  enabled: z.boolean().default(true),
  batchSize: z.number().int().min(1).max(500).default(100).describe("Events per request, at most."),
  maxConcurrency: z.number().int().min(1).max(10).default(2).describe("Requests in flight to this destination, at most."),
});
export type CreateDestinationInput = z.input<typeof createDestinationSchema>;
export type CreateDestination = z.output<typeof createDestinationSchema>;

export const updateDestinationSchema = z.strictObject({
  name: z.string().trim().min(1, "Give the destination a name.").max(100).optional(),
  url: z.string().trim().min(1).max(2000).optional(),
  headers: z.record(headerName, headerValue.nullable()).optional().describe("Headers to set (a new value) or remove (null); headers not named are kept."),
  filter: filterSchema.optional(),
  enabled: z.boolean().optional(),
  batchSize: z.number().int().min(1).max(500).optional(),
  maxConcurrency: z.number().int().min(1).max(10).optional(),
  rotateSecret: z.boolean().optional().describe("Issue a new signing secret; the old one keeps signing too for 24 hours."),
  backfillFrom: z.iso.datetime({ offset: true }).optional().describe("Also send the events received from this instant until the destination was created."),
});
export type UpdateDestination = z.output<typeof updateDestinationSchema>;

export const DELIVERY_STATUSES = ["pending", "retrying", "succeeded", "dead"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const destinationSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(DESTINATION_KINDS),
  url: z.string(),
  enabled: z.boolean(),
  headers: z.array(z.strictObject({ name: z.string(), value: z.literal("••••••") })).describe("Header names; values are write-only."),
  filter: z.strictObject({ sources: z.array(z.string()), types: z.array(z.string()), names: z.array(z.string()) }),
  batchSize: z.number().int(),
  maxConcurrency: z.number().int(),
  secretRotationEndsAt: z.string().nullable().describe("While a rotation overlaps: when the previous secret stops signing."),
  backfill: z.strictObject({ from: z.string(), running: z.boolean() }).nullable(),
  counts: z.strictObject({ pending: z.number().int(), retrying: z.number().int(), dead: z.number().int(), succeeded: z.number().int() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DestinationView = z.infer<typeof destinationSchema>;

export const deliverySchema = z.strictObject({
  id: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  eventCount: z.number().int().describe("Events (or, for a profile-change webhook, changes) in the batch."),
  backfill: z.boolean(),
  attempts: z.number().int(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  responseExcerpt: z.string().nullable(),
});
export type DeliveryView = z.infer<typeof deliverySchema>;

export const MASK = "••••••" as const;

/**
 * What is wrong with a filter for a destination of this kind, or null: an events webhook filters by
 * source, event type and name; a profile-change webhook only by change type.
 */
export function filterProblem(kind: DestinationKind, f: { sources: readonly string[]; types: readonly string[]; names: readonly string[] }): string | null {
  if (kind === "webhook") {
    const bad = f.types.filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
    return bad.length ? `${bad.join(", ")} is a profile change type; an events webhook filters by event type (${EVENT_TYPES.join(", ")}).` : null;
  }
  if (f.sources.length || f.names.length) return "A profile-change webhook receives profile changes, not events: filter it by change type only (leave sources and names empty).";
  const bad = f.types.filter((t) => !(PROFILE_CHANGE_KINDS as readonly string[]).includes(t));
  return bad.length ? `${bad.join(", ")} is an event type; a profile-change webhook filters by change type (${PROFILE_CHANGE_KINDS.join(", ")}).` : null;
}
