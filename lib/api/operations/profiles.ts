// The Profile API's operations (app/api/v1/profiles/[ref]/*): read a customer profile by any of its
// identifiers. Token with profiles:read; Segment's Profile API shapes.
import { z } from "zod";
import { INVALID_CURSOR_MESSAGE } from "../../data/profiles";
import { TIMELINE_KINDS } from "../../crm/timeline";
import { KEY_EVENT_LABELS, type KeyEventKind } from "../../customer360/stream";
import { CALL_TYPES } from "../../ingest/schema";
import { parsePersonRef, parseProfileRef } from "../../identity/profile-ref";
import { defineOperation, type OperationExample } from "../operation";
import { personNotFoundMessage, personParams, profileEventsQuery, profileMergesQuery, profileNotFoundMessage, profileParams, timelineQuery } from "../profiles";
import { cursorSchema, dateTime, EXAMPLE, invalidRequestError, missingScopeExample, missingTokenExample, tokenErrors } from "./common";

const SCOPE = "profiles:read";
const access = { token: SCOPE } as const;
const annRef = `email:${EXAMPLE.email}`;
const nullableText = () => z.string().nullable();
const jsonObject = () => z.record(z.string(), z.unknown());

const notFoundRef = "email:nobody@example.com";
const notFound = (): OperationExample => {
  const parsed = parseProfileRef(notFoundRef);
  if (!parsed.ok) throw new Error(parsed.reason);
  return {
    name: "unknownProfile",
    summary: "No profile has this identifier",
    status: 404,
    params: { ref: notFoundRef },
    error: { code: "profile_not_found", message: profileNotFoundMessage(parsed.ref) },
  };
};
const malformed = (): OperationExample => {
  const parsed = parseProfileRef(EXAMPLE.email);
  if (parsed.ok) throw new Error("expected a malformed identifier");
  return { name: "malformedIdentifier", summary: "An identifier without its type", status: 400, params: { ref: EXAMPLE.email }, error: { code: "invalid_identifier", message: parsed.reason } };
};

const traitsResponse = z.strictObject({
  profile_id: z.string(),
  traits: jsonObject().describe("The latest value of each trait."),
  trait_sources: z.record(
    z.string(),
    z.strictObject({ source_id: nullableText(), source_name: nullableText(), updated_at: dateTime().nullable(), message_id: nullableText() }),
  ),
  computed_traits: z.strictObject({
    event_count: z.number().int(),
    total_revenue: z.number().describe("The sum of `revenue` on track events."),
    last_event_name: nullableText(),
    last_event_at: dateTime().nullable(),
    first_seen: dateTime().nullable(),
    last_seen: dateTime().nullable(),
  }),
  first_touch: z
    .strictObject({
      at: dateTime().nullable(),
      channel: nullableText(),
      utm_source: nullableText(),
      utm_medium: nullableText(),
      utm_campaign: nullableText(),
      referrer: nullableText(),
      landing_page: nullableText(),
    })
    .nullable()
    .describe("The earliest web or campaign visit of any identifier now in the profile."),
});

const eventsResponse = z.strictObject({
  data: z.array(
    z.strictObject({
      type: z.enum(CALL_TYPES),
      event: nullableText(),
      name: nullableText(),
      source_id: z.string(),
      message_id: z.string(),
      timestamp: dateTime(),
      received_at: dateTime(),
      user_id: nullableText(),
      anonymous_id: nullableText(),
      properties: jsonObject(),
      traits: jsonObject(),
      context: jsonObject(),
      channel: nullableText().describe("The GA4 default channel group."),
      utm: z.strictObject({ source: nullableText(), medium: nullableText(), campaign: nullableText() }),
      page_url: nullableText(),
      referrer: nullableText(),
    }),
  ),
  cursor: cursorSchema,
});

const externalIdsResponse = z.strictObject({
  data: z.array(
    z.strictObject({
      id: z.string().describe("The identifier's value."),
      type: z.string().describe("user_id, anonymous_id, email, phone or a custom type."),
      collection: z.literal("users"),
      created_at: dateTime().describe("When the identifier was first seen."),
      last_seen_at: dateTime(),
      encoding: z.literal("none"),
    }),
  ),
  cursor: cursorSchema,
});

const mergesResponse = z.strictObject({
  data: z.array(
    z.strictObject({
      id: z.string(),
      kind: z.enum(["merge", "alias", "refused", "split"]),
      created_at: dateTime(),
      into_profile_id: nullableText(),
      from_profile_id: nullableText(),
      message_id: nullableText(),
      identifiers: z.array(z.strictObject({ type: z.string(), value: z.string() })),
      rule: nullableText().describe("The rule that decided, e.g. `match`, `limit:user_id`, `kept_apart`, `admin`."),
      reason: z.string(),
      actor: z.strictObject({ id: z.string(), name: z.string() }).nullable().describe("The admin who split, for splits."),
      profile_ids: z.array(z.string()),
      other_profile_ids: z.array(z.string()).describe("The entry's profiles outside this profile."),
    }),
  ),
  cursor: cursorSchema,
});

const profileErrors = { 400: ["invalid_identifier"], ...tokenErrors(SCOPE), 404: ["profile_not_found"] };

export const profileTraitsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/profiles/{ref}/traits",
  operationId: "getProfileTraits",
  tag: "Profile API",
  summary: "A profile's traits",
  description:
    "The latest value of each trait (folded by event time, so arrival order never matters), the source and time that set it, computed traits and the first touch.",
  access,
  params: profileParams,
  responses: {
    200: {
      description: "The profile's traits.",
      content: { "application/json": traitsResponse },
    },
  },
  errors: profileErrors,
  examples: [
    { name: "byEmail", summary: "A profile by email", status: 200, params: { ref: annRef } },
    malformed(),
    missingTokenExample(SCOPE, { ref: annRef }),
    missingScopeExample(SCOPE, { ref: annRef }),
    notFound(),
  ],
});

export const profileEventsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/profiles/{ref}/events",
  operationId: "listProfileEvents",
  tag: "Profile API",
  summary: "A profile's events",
  description:
    "Events newest first, across every identifier merged into the profile; keyset-paged: follow `cursor.next` until `cursor.has_more` is false.",
  access,
  params: profileParams,
  query: profileEventsQuery,
  responses: {
    200: {
      description: "A page of events.",
      content: { "application/json": eventsResponse },
    },
  },
  errors: { ...profileErrors, 400: ["invalid_identifier", "invalid_request", "invalid_cursor"] },
  examples: [
    { name: "latest", summary: "The two latest events", status: 200, params: { ref: `user_id:${EXAMPLE.userId}` }, query: { limit: "2" } },
    {
      name: "limitTooHigh",
      summary: "A page larger than allowed",
      status: 400,
      params: { ref: `user_id:${EXAMPLE.userId}` },
      query: { limit: "500" },
      error: invalidRequestError(profileEventsQuery, { limit: "500" }),
    },
    missingTokenExample(SCOPE, { ref: annRef }),
    notFound(),
  ],
});

export const profileExternalIdsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/profiles/{ref}/external_ids",
  operationId: "listProfileExternalIds",
  tag: "Profile API",
  summary: "A profile's identifiers",
  description: "Every identifier of the profile — user ids, anonymous ids, emails, phones and custom ids — in Segment's `external_ids` shape, all on one page.",
  access,
  params: profileParams,
  responses: {
    200: {
      description: "The identifiers.",
      content: { "application/json": externalIdsResponse },
    },
  },
  errors: profileErrors,
  examples: [
    { name: "byAnonymousId", summary: "The identifiers of a visitor who later signed up", status: 200, params: { ref: `anonymous_id:${EXAMPLE.anonymousId}` } },
    missingTokenExample(SCOPE, { ref: annRef }),
    notFound(),
  ],
});

export const profileMergesOperation = defineOperation({
  method: "GET",
  path: "/api/v1/profiles/{ref}/merges",
  operationId: "listProfileMerges",
  tag: "Profile API",
  summary: "A profile's merge journal",
  description:
    "Newest first: the merges and aliases that made the profile one person, refused merges and splits, each with its message, identifiers, rule and reason. Keyset-paged like events.",
  access,
  params: profileParams,
  query: profileMergesQuery,
  responses: {
    200: {
      description: "A page of journal entries.",
      content: { "application/json": mergesResponse },
    },
  },
  errors: { ...profileErrors, 400: ["invalid_identifier", "invalid_request", "invalid_cursor"] },
  examples: [
    { name: "journal", summary: "Why this is one person", status: 200, params: { ref: annRef }, query: { limit: "10" } },
    {
      name: "forgedCursor",
      summary: "A cursor that no page gave",
      status: 400,
      params: { ref: annRef },
      query: { next: "not-a-cursor" },
      error: { code: "invalid_cursor", message: INVALID_CURSOR_MESSAGE },
    },
    missingTokenExample(SCOPE, { ref: annRef }),
  ],
});

const timelineItem = z.discriminatedUnion("side", [
  z.strictObject({
    side: z.literal("crm").describe("What the team did."),
    kind: z.enum(TIMELINE_KINDS),
    verb: z.enum(["opened", "solved", "created", "completed"]).nullable().describe("For tickets and tasks: what happened to it."),
    at: dateTime(),
    title: z.string(),
    id: z.string().describe("The interaction, ticket or task id."),
    subject: nullableText(),
    body: nullableText(),
    outcome: nullableText(),
    duration_seconds: z.number().int().nullable(),
    author: nullableText(),
    pinned: z.boolean(),
    ticket_number: z.number().int().nullable(),
    due_at: dateTime().nullable(),
  }),
  z.strictObject({
    side: z.literal("cdp").describe("What the person did."),
    kind: z.enum(CALL_TYPES),
    verb: z.null(),
    at: dateTime(),
    title: z.string(),
    seq: z.string(),
    message_id: z.string(),
    source: z.strictObject({ id: z.string(), name: nullableText() }),
    event: nullableText(),
    name: nullableText(),
    channel: nullableText(),
    page_path: nullableText(),
    page_url: nullableText(),
    referrer: nullableText(),
    properties: jsonObject(),
    revenue: z.number().nullable(),
    key_events: z.array(z.enum(Object.keys(KEY_EVENT_LABELS) as [KeyEventKind, ...KeyEventKind[]])),
    session: z
      .strictObject({
        id: z.string(),
        start: dateTime(),
        end: dateTime(),
        duration_seconds: z.number().int(),
        events: z.number().int(),
        pages: z.number().int(),
        channel: z.string(),
        landing_page: nullableText(),
        referrer: nullableText(),
        campaign: nullableText(),
      })
      .nullable(),
  }),
]);

const unknownContact = (): OperationExample => {
  const ref = "contact_id:no-such-contact";
  const parsed = parsePersonRef(ref);
  if (!parsed.ok) throw new Error(parsed.reason);
  return { name: "unknownContact", summary: "No contact has this id", status: 404, params: { ref }, error: { code: "profile_not_found", message: personNotFoundMessage(parsed.ref) } };
};
const rangeBackwards = { from: "2026-03-02", to: "2026-03-01" };

export const profileTimelineOperation = defineOperation({
  method: "GET",
  path: "/api/v1/profiles/{ref}/timeline",
  operationId: "listProfileTimeline",
  tag: "Profile API",
  summary: "A person's CRM and CDP timeline",
  description:
    "What the team did (notes, calls, emails, meetings, tickets, tasks) and what the person did (events, with their sessions) as one stream, newest first; keyset-paged like events. " +
    "CRM items need the `crm:read` scope besides `profiles:read`: without it only the CDP side is returned, and `side=crm` is answered 403.",
  access,
  params: personParams,
  query: timelineQuery,
  responses: { 200: { description: "A page of the stream.", content: { "application/json": z.strictObject({ data: z.array(timelineItem), cursor: cursorSchema }) } } },
  errors: { ...profileErrors, 400: ["invalid_identifier", "invalid_request", "invalid_cursor"] },
  examples: [
    { name: "stream", summary: "A person's latest CRM and CDP items", status: 200, params: { ref: annRef }, query: { limit: "20" } },
    { name: "productOnly", summary: "Only what the person did, since a date", status: 200, params: { ref: `user_id:${EXAMPLE.userId}` }, query: { side: "cdp", from: "2026-01-01" } },
    { name: "rangeBackwards", summary: "from after to", status: 400, params: { ref: annRef }, query: rangeBackwards, error: invalidRequestError(timelineQuery, rangeBackwards) },
    missingTokenExample(SCOPE, { ref: annRef }),
    missingScopeExample(SCOPE, { ref: annRef }),
    unknownContact(),
  ],
});
