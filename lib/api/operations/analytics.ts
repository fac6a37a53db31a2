// The analytics API's operations (app/api/v1/analytics/*): funnels and the people behind a step,
// paths, attribution, and audiences (a live count and members of a definition; saved audiences and
// their members, CSV included). Reads take a staff session with analytics:read (the dashboard's own
// calls) or a token with the analytics:read scope; saving, changing and deleting an audience takes a
// session (an audience has an author; a read-scoped token never writes). The request schemas are the
// ones the builders and the routes parse with (lib/analytics/*).
import { z } from "zod";
import {
  audienceCountSchema,
  audienceDefinitionSchema,
  audienceInputSchema,
  audienceMembersSchema,
  audienceNotFoundMessage,
  MEMBER_PAGE_SIZES,
  savedMembersQuerySchema,
} from "../../analytics/audiences";
import { ATTRIBUTION_COLUMNS, attributionRequestSchema, COUNT_MODES, DIMENSIONS } from "../../analytics/attribution";
import {
  fillTrend,
  funnelPeopleRequestSchema,
  funnelRequestSchema,
  percentileCont,
  shapeSteps,
  shapeTimeToConvert,
  ttcBin,
  weeksOf,
  windowMs,
  type FunnelResponse,
} from "../../analytics/funnel-definition";
import { pathsRequestSchema, STEP_KINDS } from "../../analytics/paths";
import { defineOperation, type OperationExample } from "../operation";
import { dateTime, EXAMPLE, invalidRequestError, missingScopeExample, noCredentialsExample, noSessionExample, sessionErrors, sessionOrTokenErrors } from "./common";

const SCOPE = "analytics:read";
const access = { session: "analytics:read", token: SCOPE } as const;
const AUTH = "A staff session with `analytics:read` (the dashboard's own calls) or an API token with the `analytics:read` scope.";
const SESSION_ONLY = "A signed-in session with `analytics:read` only: an audience has an author, and an API token never writes here.";
const PEOPLE = "People are resolved: live profiles after identity resolution, so anonymous visits before sign-up count for the person who signed up.";
const LIMITS =
  "Every analysis runs under the analytics limits: on PostgreSQL a statement timeout (503 `query_timeout`); on the embedded database one analysis at a time (429 `analytics_busy` with `Retry-After`) over at most a configured number of events (400 `range_too_large`).";

/** The analytics limits' errors, beside a 400's other codes. */
const limitErrors = (codes400: readonly string[]): Record<number, readonly string[]> => ({
  400: [...codes400, "range_too_large"],
  ...sessionOrTokenErrors(SCOPE),
  429: ["analytics_busy"],
  503: ["query_timeout"],
});

const refused = (extra: Partial<OperationExample> = {}): OperationExample[] => [
  { ...noCredentialsExample(SCOPE, extra.params, extra.query), ...(extra.body !== undefined ? { body: extra.body } : {}) },
  { ...missingScopeExample(SCOPE, extra.params, extra.query), ...(extra.body !== undefined ? { body: extra.body } : {}) },
];

// ───────────────────────────── shared shapes ─────────────────────────────

const count = () => z.number().int().min(0);
const ratio = () => z.number().min(0).max(1);
const nullableText = () => z.string().nullable();
const audienceRef = z.strictObject({ id: z.string(), name: z.string(), evaluatedAt: dateTime().describe("When membership was evaluated (`now`).") });

const member = z.strictObject({
  id: z.string().describe("The live profile's id (its Customer 360 page is /customers/{id})."),
  name: z.string(),
  email: nullableText(),
  userId: nullableText(),
  firstChannel: nullableText().describe("The all-time first-touch channel."),
  eventCount: count(),
  revenue: z.number().describe("Revenue to date."),
  firstSeenAt: dateTime().nullable(),
  lastSeenAt: dateTime().nullable(),
  contact: z.strictObject({ id: z.string(), name: z.string() }).nullable().describe("The linked CRM contact."),
});

const savedAudience = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: nullableText(),
  definition: audienceDefinitionSchema,
  createdBy: z.strictObject({ id: z.string(), name: z.string() }).nullable().describe("The author; null once their user is deleted."),
  createdAt: dateTime(),
  updatedAt: dateTime(),
  canEdit: z.boolean().describe("Whether the caller may change or delete it (its author or an admin; never a token)."),
});

const UNKNOWN_AUDIENCE = "00000000-0000-4000-8000-000000000000";
const audienceParams = z.object({ id: z.string().describe("A saved audience's id.") });

// ───────────────────────────── funnels ─────────────────────────────

const stepResult = z.strictObject({
  event: z.string().describe("The step's event (its first clause's)."),
  people: count().describe("People whose best attempt reached this step."),
  conversionFromPrevious: ratio().describe("people ÷ the previous step's people (0 when that is 0; 1 for step 1 with people)."),
  conversionFromFirst: ratio().describe("people ÷ step 1's people."),
  medianSecondsFromPrevious: z.number().nullable().describe("Median time from the previous step (percentile_cont); null for step 1 or when nobody reached it."),
  p90SecondsFromPrevious: z.number().nullable(),
});

const funnelResponse = z.strictObject({
  steps: z.array(stepResult),
  breakdowns: z
    .array(z.strictObject({ value: z.string().describe('The breakdown value; "(none)" without one, "(other)" beyond the 20 largest.'), steps: z.array(stepResult) }))
    .describe("With a breakdown: each value's steps, most people first; else empty."),
  trend: z
    .array(z.strictObject({ week: z.iso.date().describe("The week's Monday (UTC)."), entered: count(), converted: count() }))
    .describe("Per week of the range: people with an attempt starting that week, and those of them who reached the last step in such an attempt."),
  timeToConvert: z
    .array(z.strictObject({ fromSeconds: z.number(), toSeconds: z.number().nullable().describe("null for the last, open bin."), people: count() }))
    .describe("Extension: people who reached the last step, by the time from step 1 to it (bins the window can reach)."),
  medianSecondsToConvert: z.number().nullable().describe("Extension: the median of that time; null when nobody converted."),
  audience: audienceRef.nullable().describe("Extension: the saved audience the funnel was limited to (`audienceId`), if any."),
}) satisfies z.ZodType<FunnelResponse>;

const PRICING_FUNNEL = {
  steps: [
    { event: "$pageview", filters: [{ property: "path", op: "eq", value: "/pricing" }] },
    { event: "Trial Started" },
    { event: "Order Completed", filters: [{ property: "revenue", op: "gt", value: 0 }] },
  ],
  from: "2026-02-01",
  to: "2026-03-01",
  window: { value: 14, unit: "day" },
  breakdown: { type: "first_touch", property: "channel" },
};

/**
 * The answer for a stated month, shaped by the production code from its counts: 120 people saw the
 * pricing page (70 first came from Paid Social, 50 from Organic Search), 54 started a trial, 21 paid.
 */
function pricingFunnelAnswer(): z.infer<typeof funnelResponse> {
  const def = funnelRequestSchema.parse(PRICING_FUNNEL);
  const MIN = 60_000;
  const DAY = 86_400_000;
  const stats = (people: [number, number, number]) => [
    { people: people[0], medianMs: null, p90Ms: null },
    { people: people[1], medianMs: 6 * MIN, p90Ms: 95 * MIN },
    { people: people[2], medianMs: 2.1 * DAY, p90Ms: 6.4 * DAY },
  ];
  const daysToConvert = [1.2, 1.5, 1.8, 1.9, 2.1, 2.2, 2.5, 2.6, 2.9, 3, 3.1, 3.4, 3.8, 4.2, 4.9, 5.5, 6, 6.8, 8, 9.5, 12];
  const bins = new Map<number, number>();
  for (const d of daysToConvert) bins.set(ttcBin(d * DAY), (bins.get(ttcBin(d * DAY)) ?? 0) + 1);
  const entered = [18, 31, 29, 27, 19];
  const converted = [3, 6, 5, 5, 2];
  return {
    steps: shapeSteps(def.steps, stats([120, 54, 21])),
    breakdowns: [
      { value: "Paid Social", steps: shapeSteps(def.steps, stats([70, 35, 15])) },
      { value: "Organic Search", steps: shapeSteps(def.steps, stats([50, 19, 6])) },
    ],
    trend: fillTrend(def.from, def.to, new Map(weeksOf(def.from, def.to).map((w, i) => [w, { entered: entered[i] ?? 0, converted: converted[i] ?? 0 }]))),
    timeToConvert: shapeTimeToConvert(windowMs(def.window), bins),
    medianSecondsToConvert: percentileCont(daysToConvert.map((d) => d * DAY), 0.5)! / 1000,
    audience: null,
  };
}

const ONE_STEP = { steps: [{ event: "Signed Up" }], from: "2026-02-01", to: "2026-03-01" };

export const funnelOperation = defineOperation({
  method: "POST",
  path: "/api/v1/analytics/funnels",
  operationId: "runFunnel",
  tag: "Analytics",
  summary: "Run a funnel",
  description:
    "2–20 steps, each an event (`$pageview` / `$screen` for page and screen views) with optional property filters (`eq`, `neq`, `contains`, `gt`, `lt`, `is_set`) and `anyOf` alternatives; " +
    "`from` inclusive and `to` exclusive (UTC; a date is its midnight); a conversion `window` (default 14 days, at most 366); `order` `sequential`, `strict` or `any`; exclusion steps; " +
    "a `breakdown` by first touch, a step-1 event property or a trait (the 20 largest values, then `(other)`); `audienceId`: only a saved audience's members (as of `now`) take part. " +
    `A person's best attempt (furthest step, then earliest start) alone feeds the counts and times. ${PEOPLE} ${AUTH} ${LIMITS}`,
  access,
  body: funnelRequestSchema,
  responses: { 200: { description: "The funnel: steps, breakdowns, weekly trend and time to convert.", content: { "application/json": funnelResponse } } },
  errors: { ...limitErrors(["invalid_json", "invalid_request"]), 404: ["audience_not_found"] },
  examples: [
    { name: "pricingToOrder", summary: "Pricing page → trial → order, by first-touch channel", status: 200, body: PRICING_FUNNEL, response: pricingFunnelAnswer() },
    { name: "forAudience", summary: "The same funnel for a saved audience's members", status: 200, body: { ...PRICING_FUNNEL, audienceId: EXAMPLE.audienceId, now: "2026-04-01T00:00:00Z" } },
    { name: "oneStep", summary: "A funnel of one step", status: 400, body: ONE_STEP, error: invalidRequestError(funnelRequestSchema, ONE_STEP) },
    { name: "unknownAudience", summary: "An audience that does not exist", status: 404, body: { ...PRICING_FUNNEL, audienceId: UNKNOWN_AUDIENCE }, error: { code: "audience_not_found", message: audienceNotFoundMessage(UNKNOWN_AUDIENCE) } },
    ...refused({ body: PRICING_FUNNEL }),
  ],
});

const funnelPeopleResponse = z.strictObject({
  total: count(),
  limit: count(),
  offset: count(),
  people: z.array(
    z.strictObject({
      profileId: z.string(),
      name: nullableText(),
      email: nullableText(),
      at: dateTime().describe("When they reached the step (converted) or the step before it (dropped)."),
      enteredAt: dateTime().describe("When their best attempt started (step 1)."),
      url: z.string().describe("Their Customer 360 page."),
    }),
  ),
});

const DROPPED_AT_1 = { funnel: PRICING_FUNNEL, step: 1, outcome: "dropped" };

export const funnelPeopleOperation = defineOperation({
  method: "POST",
  path: "/api/v1/analytics/funnels/people",
  operationId: "listFunnelPeople",
  tag: "Analytics",
  summary: "The people behind a funnel step",
  description:
    "The people whose best attempt reached `step` (`converted`) or reached the step before it but not it (`dropped`), optionally only those with one `breakdownValue`, latest first, paged (`limit` up to 100). " +
    `\`funnel\` is the body of Run a funnel. ${AUTH} ${LIMITS}`,
  access,
  body: funnelPeopleRequestSchema,
  responses: { 200: { description: "A page of people.", content: { "application/json": funnelPeopleResponse } } },
  errors: { ...limitErrors(["invalid_json", "invalid_request"]), 404: ["audience_not_found"] },
  examples: [
    { name: "converted", summary: "Who ordered", status: 200, body: { funnel: PRICING_FUNNEL, step: 3, outcome: "converted", limit: 25 } },
    { name: "droppedAtFirst", summary: "Dropped off before step 1", status: 400, body: DROPPED_AT_1, error: invalidRequestError(funnelPeopleRequestSchema, DROPPED_AT_1) },
    ...refused({ body: { funnel: PRICING_FUNNEL, step: 2, outcome: "dropped" } }),
  ],
});

// ───────────────────────────── paths ─────────────────────────────

const pathStep = z.strictObject({ kind: z.enum(STEP_KINDS), name: z.string().describe("The event name, page path or screen name.") });

const pathsResponse = z.strictObject({
  from: dateTime(),
  to: dateTime(),
  pages: z.enum(["path", "collapsed"]),
  anchor: pathStep,
  direction: z.enum(["after", "before"]),
  steps: count(),
  people: count().describe("People whose anchor step happened in the range (level 0)."),
  levels: z.array(
    z.strictObject({
      level: count(),
      people: count(),
      dropOff: count().describe("People at the level before whose session ended there."),
      nodes: z.array(z.strictObject({ step: pathStep, people: count() })),
    }),
  ),
  links: z.array(z.strictObject({ level: count(), from: pathStep, to: pathStep, people: count() })).describe("Transitions from the step at level − 1 (the anchor for level 1) to the step at `level`."),
  paths: z.array(z.strictObject({ steps: z.array(pathStep), people: count() })).describe("The 50 most common whole paths; an empty one: the session ended at the anchor."),
  distinctPaths: count(),
});

const PRICING_PATHS = { anchor: { kind: "page", name: "/pricing" }, direction: "after", steps: 3, from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z" };
const TOO_MANY_STEPS = { ...PRICING_PATHS, steps: 11 };

export const pathsOperation = defineOperation({
  method: "POST",
  path: "/api/v1/analytics/paths",
  operationId: "findPaths",
  tag: "Analytics",
  summary: "Paths from (or to) a step",
  description:
    "From each person's first occurrence of the `anchor` step in the range, the next (`after`) or previous (`before`) `steps` (1–10) steps of that session: track events by name, page views by path (or all as one step with `pages: collapsed`), screens by name, a step repeated back to back once. " +
    `Per level the people, drop-off and steps; the links between levels; the most common whole paths. Only events in the range are read. ${PEOPLE} ${AUTH} ${LIMITS}`,
  access,
  body: pathsRequestSchema,
  responses: { 200: { description: "The paths.", content: { "application/json": pathsResponse } } },
  errors: limitErrors(["invalid_json", "invalid_request"]),
  examples: [
    { name: "afterPricing", summary: "The three steps after the pricing page", status: 200, body: PRICING_PATHS },
    { name: "tooManySteps", summary: "More than 10 steps", status: 400, body: TOO_MANY_STEPS, error: invalidRequestError(pathsRequestSchema, TOO_MANY_STEPS) },
    ...refused({ body: PRICING_PATHS }),
  ],
});

// ───────────────────────────── attribution ─────────────────────────────

const credit = z.strictObject({ conversions: z.number().min(0).describe("Credited conversions (fractions under multi-touch models)."), revenue: z.number() });

const attributionResponse = z.strictObject({
  conversion: z
    .strictObject({ event: nullableText(), revenue: z.boolean(), fromLifecycleSetting: z.boolean() })
    .describe("The conversion rule: the event asked for, or the lifecycle setting's “became a customer” (an event and/or any track event with revenue > 0)."),
  from: dateTime(),
  to: dateTime(),
  lookbackDays: count(),
  count: z.enum(COUNT_MODES),
  audience: audienceRef.nullable().describe("The saved audience the conversions were limited to, if any."),
  dimension: z.enum(DIMENSIONS),
  totals: z.strictObject({
    conversions: count(),
    revenue: z.number(),
    people: count().describe("People who converted."),
    withTouches: count().describe("Conversions with at least one touch in the lookback window."),
    touches: count(),
  }),
  rows: z
    .array(z.strictObject({ key: z.string().describe('The channel or campaign; "(none)": no touch; "(not set)": a touch without a campaign.'), credits: z.strictObject(Object.fromEntries(ATTRIBUTION_COLUMNS.map((c) => [c, credit])) as Record<(typeof ATTRIBUTION_COLUMNS)[number], typeof credit>) }))
    .describe("One per channel or campaign, most last-non-direct credit first."),
});

const QUARTER = { from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z" };
const LONG_LOOKBACK = { ...QUARTER, lookbackDays: 400 };

export const attributionOperation = defineOperation({
  method: "POST",
  path: "/api/v1/analytics/attribution",
  operationId: "attributeConversions",
  tag: "Analytics",
  summary: "Attribute conversions to channels",
  description:
    "Conversions (each person's first — or, with `count: every`, every — track event meeting the lifecycle setting's “became a customer”, or `conversionEvent`) in the range, credited to channels or campaigns over the person's touches: " +
    "the sessions that started within `lookbackDays` (default 30) up to the conversion. Five models side by side — first touch, last non-direct, linear, time decay (7-day half-life), U-shaped (40/20/40) — " +
    "and the all-time first touch (the profile's first channel, what CAC uses); revenue is the conversion event's `revenue`. `audienceId` limits conversions to a saved audience's members as of `now`. " +
    `${PEOPLE} ${AUTH} ${LIMITS}`,
  access,
  body: attributionRequestSchema,
  responses: { 200: { description: "Credits per channel or campaign under every model.", content: { "application/json": attributionResponse } } },
  errors: { ...limitErrors(["invalid_json", "invalid_request"]), 404: ["audience_not_found"] },
  examples: [
    { name: "customers", summary: "Who became a customer in a quarter, by channel", status: 200, body: QUARTER },
    { name: "forAudience", summary: "Every order by campaign, for a saved audience", status: 200, body: { ...QUARTER, conversionEvent: "Order Completed", count: "every", dimension: "campaign", audienceId: EXAMPLE.audienceId } },
    { name: "longLookback", summary: "A lookback over a year", status: 400, body: LONG_LOOKBACK, error: invalidRequestError(attributionRequestSchema, LONG_LOOKBACK) },
    { name: "unknownAudience", summary: "An audience that does not exist", status: 404, body: { ...QUARTER, audienceId: UNKNOWN_AUDIENCE }, error: { code: "audience_not_found", message: audienceNotFoundMessage(UNKNOWN_AUDIENCE) } },
    ...refused({ body: QUARTER }),
  ],
});

// ───────────────────────────── audiences ─────────────────────────────

const CUSTOMERS_DEFINITION = {
  type: "group",
  match: "all",
  conditions: [
    { type: "event", event: "Order Completed", did: true, window: { type: "ever" } },
    { type: "profile", field: "first_channel", op: "eq", value: "Paid Social" },
  ],
};
const NOT_A_NUMBER = { definition: { type: "group", match: "all", conditions: [{ type: "profile", field: "revenue", op: "gt", value: "lots" }] } };
const DEFINITION_NOTE =
  "A definition is a group `{type: group, match: all|any, conditions}` of groups and conditions: `event` (did / did not, at least `times`, in a window), `interaction` (a CRM call, email, meeting, demo, note or form fill), `trait`, `profile` (revenue to date, events, first touch) and `crm` (lifecycle stage, owner, has a contact); evaluated at `now` (default: the request's time).";

export const audienceCountOperation = defineOperation({
  method: "POST",
  path: "/api/v1/analytics/audiences/count",
  operationId: "countAudience",
  tag: "Analytics",
  summary: "Count an audience",
  description: `How many people a definition selects. ${DEFINITION_NOTE} ${AUTH}`,
  access,
  body: audienceCountSchema,
  responses: { 200: { description: "The count.", content: { "application/json": z.strictObject({ count: count(), evaluatedAt: dateTime() }) } } },
  errors: limitErrors(["invalid_json", "invalid_request"]),
  examples: [
    { name: "paidSocialCustomers", summary: "Customers who first came from Paid Social", status: 200, body: { definition: CUSTOMERS_DEFINITION, now: "2026-04-01T00:00:00Z" } },
    { name: "notANumber", summary: "Revenue compared with text", status: 400, body: NOT_A_NUMBER, error: invalidRequestError(audienceCountSchema, NOT_A_NUMBER) },
    ...refused({ body: { definition: CUSTOMERS_DEFINITION } }),
  ],
});

const membersPage = {
  total: count(),
  page: count(),
  size: count().describe(`One of ${MEMBER_PAGE_SIZES.join(", ")}.`),
  evaluatedAt: dateTime(),
  members: z.array(member).describe("Most recently seen first."),
};
const ODD_SIZE = { definition: CUSTOMERS_DEFINITION, size: 7 };

export const audienceMembersOperation = defineOperation({
  method: "POST",
  path: "/api/v1/analytics/audiences/members",
  operationId: "previewAudienceMembers",
  tag: "Analytics",
  summary: "The members of a definition",
  description: `One page of the people a definition selects, most recently seen first, and their total (the builder's member table). ${AUTH}`,
  access,
  body: audienceMembersSchema,
  responses: { 200: { description: "A page of members.", content: { "application/json": z.strictObject(membersPage) } } },
  errors: limitErrors(["invalid_json", "invalid_request"]),
  examples: [
    { name: "firstPage", summary: "The first 25", status: 200, body: { definition: CUSTOMERS_DEFINITION, page: 1, size: 25 } },
    { name: "oddPageSize", summary: "A page size not offered", status: 400, body: ODD_SIZE, error: invalidRequestError(audienceMembersSchema, ODD_SIZE) },
    ...refused({ body: { definition: CUSTOMERS_DEFINITION } }),
  ],
});

export const listAudiencesOperation = defineOperation({
  method: "GET",
  path: "/api/v1/analytics/audiences",
  operationId: "listAudiences",
  tag: "Analytics",
  summary: "Saved audiences",
  description: `Every saved audience, most recently changed first, with its definition and author. ${AUTH}`,
  access,
  responses: { 200: { description: "The saved audiences.", content: { "application/json": z.strictObject({ audiences: z.array(savedAudience) }) } } },
  errors: sessionOrTokenErrors(SCOPE),
  examples: [{ name: "all", summary: "Every saved audience", status: 200 }, ...refused()],
});

const NEW_AUDIENCE = { name: "Paid Social customers", description: "Paying customers whose first touch was a paid social ad", definition: CUSTOMERS_DEFINITION };
const NAMELESS = { name: " ", definition: CUSTOMERS_DEFINITION };
const notFound = (params: Record<string, string>, body?: unknown): OperationExample => ({
  name: "unknownAudience",
  summary: "No saved audience has this id",
  status: 404,
  params,
  ...(body !== undefined ? { body } : {}),
  error: { code: "audience_not_found", message: audienceNotFoundMessage(params.id!) },
});
const ownAudience = { id: EXAMPLE.audienceId };
const unknown = { id: UNKNOWN_AUDIENCE };

export const createAudienceOperation = defineOperation({
  method: "POST",
  path: "/api/v1/analytics/audiences",
  operationId: "createAudience",
  tag: "Analytics",
  summary: "Save an audience",
  description: `Saves \`{name, description?, definition}\`; the signed-in user is its author (only they or an admin change or delete it). ${DEFINITION_NOTE} ${SESSION_ONLY}`,
  access: "analytics:read",
  body: audienceInputSchema,
  responses: { 201: { description: "Saved.", content: { "application/json": savedAudience } } },
  errors: { 400: ["invalid_json", "invalid_request"], ...sessionErrors() },
  examples: [
    { name: "save", summary: "Save a definition under a name", status: 201, body: NEW_AUDIENCE },
    { name: "nameless", summary: "Without a name", status: 400, body: NAMELESS, error: invalidRequestError(audienceInputSchema, NAMELESS) },
    { ...noSessionExample(), body: NEW_AUDIENCE },
  ],
});

export const getAudienceOperation = defineOperation({
  method: "GET",
  path: "/api/v1/analytics/audiences/{id}",
  operationId: "getAudience",
  tag: "Analytics",
  summary: "A saved audience",
  description: `One saved audience with its definition and author. ${AUTH}`,
  access,
  params: audienceParams,
  responses: { 200: { description: "The audience.", content: { "application/json": savedAudience } } },
  errors: { ...sessionOrTokenErrors(SCOPE), 404: ["audience_not_found"] },
  examples: [{ name: "one", summary: "A saved audience", status: 200, params: ownAudience }, notFound(unknown), ...refused({ params: ownAudience })],
});

export const updateAudienceOperation = defineOperation({
  method: "PUT",
  path: "/api/v1/analytics/audiences/{id}",
  operationId: "updateAudience",
  tag: "Analytics",
  summary: "Change a saved audience",
  description: `Replaces its name, description and definition. Its author or an admin only: anyone else gets 403 \`not_author\`. ${SESSION_ONLY}`,
  access: "analytics:read",
  params: audienceParams,
  body: audienceInputSchema,
  responses: { 200: { description: "The changed audience.", content: { "application/json": savedAudience } } },
  errors: { 400: ["invalid_json", "invalid_request"], 401: ["unauthenticated"], 403: ["forbidden", "not_author"], 404: ["audience_not_found"] },
  examples: [
    { name: "rename", summary: "Rename it", status: 200, params: ownAudience, body: { ...NEW_AUDIENCE, name: "Paid Social customers (all time)" } },
    { name: "nameless", summary: "Without a name", status: 400, params: ownAudience, body: NAMELESS, error: invalidRequestError(audienceInputSchema, NAMELESS) },
    notFound(unknown, NEW_AUDIENCE),
    { ...noSessionExample(ownAudience), body: NEW_AUDIENCE },
  ],
});

export const deleteAudienceOperation = defineOperation({
  method: "DELETE",
  path: "/api/v1/analytics/audiences/{id}",
  operationId: "deleteAudience",
  tag: "Analytics",
  summary: "Delete a saved audience",
  description: `Its author or an admin only: anyone else gets 403 \`not_author\`. ${SESSION_ONLY}`,
  access: "analytics:read",
  params: audienceParams,
  responses: { 200: { description: "Deleted.", content: { "application/json": z.strictObject({ deleted: z.literal(true) }) } } },
  errors: { 401: ["unauthenticated"], 403: ["forbidden", "not_author"], 404: ["audience_not_found"] },
  examples: [
    { name: "delete", summary: "Delete an audience", status: 200, params: { id: EXAMPLE.retiredAudienceId }, response: { deleted: true } },
    notFound(unknown),
    noSessionExample({ id: EXAMPLE.retiredAudienceId }),
  ],
});

const ODD_SIZE_QUERY = { size: "7" };

export const savedAudienceMembersOperation = defineOperation({
  method: "GET",
  path: "/api/v1/analytics/audiences/{id}/members",
  operationId: "listAudienceMembers",
  tag: "Analytics",
  summary: "A saved audience's members",
  description: `One page of its members at \`now\` (default: the request's time), most recently seen first, and their total; with \`format=csv\`, every member as a streamed CSV file. ${AUTH}`,
  access,
  params: audienceParams,
  query: savedMembersQuerySchema,
  responses: {
    200: {
      description: "A page of members, or every member as CSV.",
      content: {
        "application/json": z.strictObject({ audience: z.strictObject({ id: z.string(), name: z.string() }), ...membersPage }),
        "text/csv": z.string().describe("Profile id, name, email, user id, first channel, events, revenue, first and last seen, CRM contact id and name; one row per member."),
      },
      headers: { "Content-Disposition": "With format=csv: `attachment; filename=…`." },
    },
  },
  errors: { ...limitErrors(["invalid_request"]), 404: ["audience_not_found"] },
  examples: [
    { name: "firstPage", summary: "The first 25 members", status: 200, params: ownAudience, query: { page: "1", size: "25" } },
    { name: "csv", summary: "Every member as CSV", status: 200, params: ownAudience, query: { format: "csv" } },
    { name: "oddPageSize", summary: "A page size not offered", status: 400, params: ownAudience, query: ODD_SIZE_QUERY, error: invalidRequestError(savedMembersQuerySchema, ODD_SIZE_QUERY) },
    notFound(unknown),
    ...refused({ params: ownAudience }),
  ],
});

export const analyticsOperations = [
  funnelOperation,
  funnelPeopleOperation,
  pathsOperation,
  attributionOperation,
  audienceCountOperation,
  audienceMembersOperation,
  listAudiencesOperation,
  createAudienceOperation,
  getAudienceOperation,
  updateAudienceOperation,
  deleteAudienceOperation,
  savedAudienceMembersOperation,
] as const;
