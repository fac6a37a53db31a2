// The Segment spec, one zod schema per call type. Messages are untrusted: ids may arrive as
// numbers (coerced to strings), objects may be missing, and unknown top-level keys are ignored.
import { z } from "zod";

export const CALL_TYPES = ["identify", "track", "page", "screen", "group", "alias"] as const;
export type CallType = (typeof CALL_TYPES)[number];

export const MAX_MESSAGE_ID_LENGTH = 100;
export const MAX_ID_LENGTH = 1000;

/** A string or a finite number, as a trimmed non-empty string (or undefined when absent/null/""). */
const id = (label: string) =>
  z
    .union([z.string(), z.number().finite()], { error: `${label} must be a string or a number` })
    .nullish()
    .transform((v) => (v === null || v === undefined ? undefined : String(v).trim() || undefined))
    .refine((v) => v === undefined || v.length <= MAX_ID_LENGTH, `${label} must be at most ${MAX_ID_LENGTH} characters`);

const object = (label: string) =>
  z
    .record(z.string(), z.unknown(), { error: `${label} must be a JSON object` })
    .nullish()
    .transform((v) => v ?? {});

const timestamp = (label: string) =>
  z
    .union([z.string(), z.number()], { error: `${label} must be an ISO-8601 string` })
    .nullish()
    .transform((v, ctx) => {
      if (v === null || v === undefined || v === "") return undefined;
      const d = new Date(v);
      if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1970 || d.getUTCFullYear() > 9999) {
        ctx.addIssue({ code: "custom", message: `${label} is not a valid ISO-8601 date-time` });
        return z.NEVER;
      }
      return d;
    });

const common = {
  messageId: id("messageId")
    .refine((v) => v === undefined || v.length < MAX_MESSAGE_ID_LENGTH, `messageId must be under ${MAX_MESSAGE_ID_LENGTH} characters`)
    .describe("Unique per message: a retried message with the same id (for the source) is stored once. Generated when absent."),
  userId: id("userId").describe("Your id for the person (a string or a number). userId or anonymousId is required."),
  anonymousId: id("anonymousId").describe("The device or visitor id, before the person is known."),
  timestamp: timestamp("timestamp").describe("When it happened (ISO-8601), for historical imports; else corrected for clock skew."),
  originalTimestamp: timestamp("originalTimestamp").describe("When it happened by the sender's clock (ISO-8601)."),
  sentAt: timestamp("sentAt").describe("When the sender sent it by its clock: with originalTimestamp, corrects clock skew."),
  context: object("context").describe("Segment's context: ip, page, userAgent, campaign (UTM), externalIds, traits…"),
  integrations: object("integrations").describe("Stored as sent."),
};

const needsIdentity = <T extends { userId?: string; anonymousId?: string }>(m: T) => !!(m.userId || m.anonymousId);
const identityMessage = { message: "userId or anonymousId is required", path: ["userId"] };

const traits = () => object("traits").describe("What you know about them: email, name, plan… (latest value per key wins).");
const properties = () => object("properties").describe("Anything about the event; `revenue` adds to the profile's total revenue.");

const identify = z.object({ ...common, type: z.literal("identify"), traits: traits() }).refine(needsIdentity, identityMessage);
const track = z
  .object({
    ...common,
    type: z.literal("track"),
    event: z
      .union([z.string(), z.number()], { error: "event is required for track calls (the event's name)" })
      .transform((v) => String(v).trim())
      .refine((v) => v.length > 0, "event must not be empty")
      .refine((v) => v.length <= 500, "event must be at most 500 characters")
      .describe("The event's name, e.g. Order Completed."),
    properties: properties(),
  })
  .refine(needsIdentity, identityMessage);
const page = z
  .object({ ...common, type: z.literal("page"), name: id("name"), category: id("category"), properties: properties() })
  .refine(needsIdentity, identityMessage);
const screen = z
  .object({ ...common, type: z.literal("screen"), name: id("name"), category: id("category"), properties: properties() })
  .refine(needsIdentity, identityMessage);
const group = z
  .object({
    ...common,
    type: z.literal("group"),
    groupId: id("groupId")
      .refine((v) => v !== undefined, "groupId is required for group calls")
      .describe("The account's id; links the profile to the account and to the CRM company with this id or domain."),
    traits: object("traits").describe("What you know about the account: name, domain, plan…"),
  })
  .refine(needsIdentity, identityMessage);
const alias = z.object({
  ...common,
  type: z.literal("alias"),
  previousId: id("previousId")
    .refine((v) => v !== undefined, "previousId is required for alias calls")
    .describe("The id to link: an earlier userId or an anonymousId."),
  userId: id("userId").refine((v) => v !== undefined, "userId is required for alias calls").describe("The id it becomes."),
});

export const messageSchemas = { identify, track, page, screen, group, alias } as const;

export type IdentifyMessage = z.output<typeof identify>;
export type TrackMessage = z.output<typeof track>;
export type PageMessage = z.output<typeof page>;
export type ScreenMessage = z.output<typeof screen>;
export type GroupMessage = z.output<typeof group>;
export type AliasMessage = z.output<typeof alias>;
export type Message = IdentifyMessage | TrackMessage | PageMessage | ScreenMessage | GroupMessage | AliasMessage;

export function isCallType(v: unknown): v is CallType {
  return typeof v === "string" && (CALL_TYPES as readonly string[]).includes(v);
}
