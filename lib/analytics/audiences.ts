// Audiences: a set of people described by conditions over their traits, behaviour and CRM record,
// combined in AND/OR groups. Pure: the definition's shape (one zod schema for the API, the builder
// and saved audiences), a plain-words description, and a brute-force reference (audienceReference,
// tests only) that the SQL compiler in lib/data/audiences.ts is compared with on random worlds.
//
// Semantics (the builder shows the same words):
// - People are live profiles (a merged-away profile's events, contacts and interactions count for
//   the profile it was merged into).
// - Membership is evaluated at `now`, passed in: "in the last N days" means [now − N × 24 h, now];
//   events and interactions after `now` never count.
// - event: track events with that name from any source (CRM copies included); "did" = at least
//   `times` of them in the window (default once); "did not" = none in the window.
// - interaction: a CRM interaction (call, email, meeting, demo, note, form fill, or any) logged on a
//   contact linked to the person, dated in the window.
// - trait / profile field: the current value. "is" compares text exactly ("5" matches 5); "contains"
//   ignores case; numeric comparisons read numbers and numeric strings (anything else never
//   matches); "is set" = present and not null. Every negative operator is the exact complement of
//   its positive one ("is not X" includes people with no value).
// - crm: the person's linked CRM contacts (usually one). "lifecycle stage is X" = some linked contact
//   is at stage X; "owner is U" = some linked contact is owned by U; "has a CRM contact" = one exists.
// - An empty "all" group matches everyone; an empty "any" group matches no one.
import { z } from "zod";
import { INTERACTION_KINDS } from "../crm/interactions";
import { LIFECYCLE_STAGES, STAGE_LABELS } from "../crm/stages";

export const TEXT_OPS = ["eq", "neq", "contains", "not_contains", "is_set", "not_set"] as const;
export const NUMBER_OPS = ["gt", "gte", "lt", "lte", "eq", "neq", "is_set", "not_set"] as const;
export const TRAIT_OPS = ["eq", "neq", "contains", "not_contains", "gt", "gte", "lt", "lte", "is_set", "not_set"] as const;
export type TraitOp = (typeof TRAIT_OPS)[number];

export const OP_LABELS: Record<TraitOp, string> = {
  eq: "is",
  neq: "is not",
  contains: "contains",
  not_contains: "does not contain",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  is_set: "is set",
  not_set: "is not set",
};

export const PROFILE_FIELDS = {
  revenue: { label: "Revenue to date", type: "number" },
  event_count: { label: "Number of events", type: "number" },
  first_channel: { label: "First-touch channel", type: "text" },
  first_utm_source: { label: "First-touch source", type: "text" },
  first_utm_campaign: { label: "First-touch campaign", type: "text" },
} as const;
export type ProfileField = keyof typeof PROFILE_FIELDS;
export const PROFILE_FIELD_KEYS = Object.keys(PROFILE_FIELDS) as ProfileField[];

export { INTERACTION_KINDS, LIFECYCLE_STAGES };
export const CRM_FIELDS = ["lifecycle_stage", "owner", "contact"] as const;
export type CrmField = (typeof CRM_FIELDS)[number];

export const MAX_CONDITIONS = 40;
export const MAX_DEPTH = 4;
const DAY_MS = 86_400_000;

const windowSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ever") }),
  z.object({ type: z.literal("last"), days: z.number().int().min(1).max(3650) }),
  z.object({
    type: z.literal("between"),
    from: z.iso.datetime({ offset: true, error: "Give `from` as an ISO 8601 date-time" }),
    to: z.iso.datetime({ offset: true, error: "Give `to` as an ISO 8601 date-time" }),
  }),
]);
export type TimeWindow = z.infer<typeof windowSchema>;

const name = z.string().trim().min(1, "Name it").max(200);
const scalar = z.union([z.string().max(500), z.number().finite()]);

const eventCondition = z.object({
  type: z.literal("event"),
  event: name,
  did: z.boolean(),
  /** With did: at least this many times (default 1). */
  times: z.number().int().min(1).max(100_000).optional(),
  window: windowSchema,
});
const interactionCondition = z.object({
  type: z.literal("interaction"),
  kind: z.enum([...INTERACTION_KINDS, "any"]),
  did: z.boolean(),
  window: windowSchema,
});
const traitCondition = z.object({ type: z.literal("trait"), key: name, op: z.enum(TRAIT_OPS), value: scalar.optional() });
const profileCondition = z.object({ type: z.literal("profile"), field: z.enum(PROFILE_FIELD_KEYS as [ProfileField, ...ProfileField[]]), op: z.enum(TRAIT_OPS), value: scalar.optional() });
const crmCondition = z.object({ type: z.literal("crm"), field: z.enum(CRM_FIELDS), op: z.enum(["eq", "neq", "is_set", "not_set"]), value: z.string().max(200).optional() });

export type EventCondition = z.infer<typeof eventCondition>;
export type InteractionCondition = z.infer<typeof interactionCondition>;
export type TraitCondition = z.infer<typeof traitCondition>;
export type ProfileCondition = z.infer<typeof profileCondition>;
export type CrmCondition = z.infer<typeof crmCondition>;
export type LeafCondition = EventCondition | InteractionCondition | TraitCondition | ProfileCondition | CrmCondition;
export interface GroupCondition {
  type: "group";
  match: "all" | "any";
  conditions: AudienceCondition[];
}
export type AudienceCondition = LeafCondition | GroupCondition;

const groupSchema = z.object({
  type: z.literal("group"),
  match: z.enum(["all", "any"]),
  get conditions(): z.ZodArray<typeof conditionSchema> {
    return z.array(conditionSchema).max(MAX_CONDITIONS);
  },
});
// Recursive, so the OpenAPI document names it (a component) rather than inlining it forever.
const conditionSchema: z.ZodDiscriminatedUnion<
  [typeof eventCondition, typeof interactionCondition, typeof traitCondition, typeof profileCondition, typeof crmCondition, typeof groupSchema]
> = z.discriminatedUnion("type", [eventCondition, interactionCondition, traitCondition, profileCondition, crmCondition, groupSchema]).meta({ id: "AudienceCondition" });

const NUMERIC_OPS = new Set(["gt", "gte", "lt", "lte"]);
const VALUELESS = new Set(["is_set", "not_set"]);

function checkTree(root: GroupCondition, ctx: z.RefinementCtx): void {
  let leaves = 0;
  const visit = (c: AudienceCondition, path: (string | number)[], depth: number) => {
    if (c.type === "group") {
      if (depth > MAX_DEPTH) ctx.addIssue({ code: "custom", path, message: `Groups nest at most ${MAX_DEPTH} deep` });
      c.conditions.forEach((x, i) => visit(x, [...path, "conditions", i], depth + 1));
      return;
    }
    leaves += 1;
    if (c.type === "trait" || c.type === "profile") {
      const fieldType = c.type === "profile" ? PROFILE_FIELDS[c.field].type : null;
      if (VALUELESS.has(c.op)) return;
      if (c.value === undefined || c.value === "") ctx.addIssue({ code: "custom", path: [...path, "value"], message: "Give a value to compare with" });
      else if (NUMERIC_OPS.has(c.op) && typeof c.value !== "number" && !isNumeric(c.value)) ctx.addIssue({ code: "custom", path: [...path, "value"], message: "Compare with a number" });
      if (fieldType === "number" && (c.op === "contains" || c.op === "not_contains")) ctx.addIssue({ code: "custom", path: [...path, "op"], message: `${PROFILE_FIELDS[(c as ProfileCondition).field].label} is a number: compare it with >, <, is or is not` });
      if (fieldType === "number" && (c.op === "eq" || c.op === "neq") && typeof c.value !== "number" && !isNumeric(c.value)) ctx.addIssue({ code: "custom", path: [...path, "value"], message: "Compare with a number" });
      if (fieldType === "text" && NUMERIC_OPS.has(c.op)) ctx.addIssue({ code: "custom", path: [...path, "op"], message: "This field is text: use is, is not, contains or is set" });
    }
    if (c.type === "crm") {
      if (c.field === "contact" && !VALUELESS.has(c.op)) ctx.addIssue({ code: "custom", path: [...path, "op"], message: "“Has a CRM contact” is either set or not set" });
      if (c.field === "lifecycle_stage" && VALUELESS.has(c.op)) ctx.addIssue({ code: "custom", path: [...path, "op"], message: "Compare the lifecycle stage with a stage (is / is not)" });
      if (c.field === "lifecycle_stage" && !VALUELESS.has(c.op) && !(LIFECYCLE_STAGES as readonly string[]).includes(c.value ?? "")) {
        ctx.addIssue({ code: "custom", path: [...path, "value"], message: `Choose a lifecycle stage: ${LIFECYCLE_STAGES.join(", ")}` });
      }
      if (c.field === "owner" && !VALUELESS.has(c.op) && !c.value) ctx.addIssue({ code: "custom", path: [...path, "value"], message: "Choose an owner" });
    }
    if ((c.type === "event" || c.type === "interaction") && c.window.type === "between" && Date.parse(c.window.from) >= Date.parse(c.window.to)) {
      ctx.addIssue({ code: "custom", path: [...path, "window", "to"], message: "The window's start must be before its end" });
    }
    if (c.type === "event" && !c.did && c.times !== undefined && c.times !== 1) ctx.addIssue({ code: "custom", path: [...path, "times"], message: "“Did not” means zero times: leave the count out" });
  };
  visit(root, [], 1);
  if (leaves > MAX_CONDITIONS) ctx.addIssue({ code: "custom", path: [], message: `An audience has at most ${MAX_CONDITIONS} conditions` });
}

/** An audience definition: its root is a group. */
export const audienceDefinitionSchema = groupSchema.superRefine((g, ctx) => checkTree(g as GroupCondition, ctx)).transform((g) => g as GroupCondition);
export type AudienceDefinition = GroupCondition;

export const audienceInputSchema = z.object({
  name: z.string().trim().min(1, "Give the audience a name").max(120, "A name has at most 120 characters"),
  description: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .transform((v) => v || null),
  definition: audienceDefinitionSchema,
});
export type AudienceInput = z.output<typeof audienceInputSchema>;

const DECIMAL = /^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$/;
export function isNumeric(v: unknown): boolean {
  return typeof v === "string" && DECIMAL.test(v.trim());
}

/**
 * A window at `now`: `at >= start` (when set), `at < before` (a "between" window's end, exclusive)
 * and always `at <= now`.
 */
export function windowBounds(w: TimeWindow, now: Date): { start: Date | null; before: Date | null } {
  if (w.type === "ever") return { start: null, before: null };
  if (w.type === "last") return { start: new Date(now.getTime() - w.days * DAY_MS), before: null };
  return { start: new Date(w.from), before: new Date(w.to) };
}

export function leafCount(c: AudienceCondition): number {
  return c.type === "group" ? c.conditions.reduce((n, x) => n + leafCount(x), 0) : 1;
}

// ───────────────────────────── plain words ─────────────────────────────

export const stageLabel = (s: string) => STAGE_LABELS[s as keyof typeof STAGE_LABELS] ?? s;

export const INTERACTION_LABELS: Record<(typeof INTERACTION_KINDS)[number] | "any", string> = {
  call: "a call",
  email: "an email",
  meeting: "a meeting",
  demo: "a demo",
  note: "a note",
  form_fill: "a form fill",
  any: "any interaction",
};

export function describeWindow(w: TimeWindow): string {
  if (w.type === "ever") return "ever";
  if (w.type === "last") return `in the last ${w.days} day${w.days === 1 ? "" : "s"}`;
  return `between ${w.from.slice(0, 10)} and ${w.to.slice(0, 10)}`;
}

/** One line per condition, e.g. `did “Trial Started” in the last 14 days`. `owners` names user ids. */
export function describeCondition(c: AudienceCondition, owners: Record<string, string> = {}): string {
  switch (c.type) {
    case "group":
      if (!c.conditions.length) return c.match === "all" ? "everyone" : "no one";
      return c.conditions.map((x) => (x.type === "group" && x.conditions.length > 1 ? `(${describeCondition(x, owners)})` : describeCondition(x, owners))).join(c.match === "all" ? " and " : " or ");
    case "event":
      return c.did ? `did “${c.event}”${c.times && c.times > 1 ? ` at least ${c.times} times` : ""} ${describeWindow(c.window)}` : `did not do “${c.event}” ${describeWindow(c.window)}`;
    case "interaction":
      return `${c.did ? "had" : "did not have"} ${INTERACTION_LABELS[c.kind]} ${describeWindow(c.window)}`;
    case "trait":
      return `trait “${c.key}” ${OP_LABELS[c.op]}${VALUELESS.has(c.op) ? "" : ` ${JSON.stringify(c.value)}`}`;
    case "profile":
      return `${PROFILE_FIELDS[c.field].label.toLowerCase()} ${OP_LABELS[c.op]}${VALUELESS.has(c.op) ? "" : ` ${typeof c.value === "number" ? c.value : JSON.stringify(c.value)}`}`;
    case "crm":
      if (c.field === "contact") return c.op === "is_set" ? "has a CRM contact" : "has no CRM contact";
      if (c.field === "owner") return c.op === "is_set" ? "has a contact owner" : c.op === "not_set" ? "has no contact owner" : `owner ${c.op === "eq" ? "is" : "is not"} ${owners[c.value ?? ""] ?? c.value}`;
      return `lifecycle stage ${c.op === "eq" ? "is" : "is not"} ${stageLabel(c.value ?? "")}`;
  }
}

// ───────────────────────────── the reference (tests only) ─────────────────────────────

export interface ReferencePersonData {
  id: string;
  traits: Record<string, unknown>;
  revenue: number;
  eventCount: number;
  firstChannel: string | null;
  firstUtmSource: string | null;
  firstUtmCampaign: string | null;
  /** Track events of the person's whole profile family. */
  events: { event: string | null; type: string; at: Date }[];
  contacts: { lifecycleStage: string; ownerId: string | null }[];
  interactions: { kind: string; at: Date }[];
}

function inWindow(at: Date, w: TimeWindow, now: Date): boolean {
  const b = windowBounds(w, now);
  return at <= now && (!b.start || at >= b.start) && (!b.before || at < b.before);
}

/** The text form SQL's `->>` gives for a scalar JSON value (objects and arrays never compare). */
function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

function numberOf(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && isNumeric(v)) return Number(v.trim());
  return null;
}

function compare(op: TraitOp, value: unknown, present: boolean, target: string | number | undefined): boolean {
  switch (op) {
    case "is_set":
      return present;
    case "not_set":
      return !present;
    case "eq":
      return present && textOf(value) === String(target);
    case "neq":
      return !compare("eq", value, present, target);
    case "contains":
      return present && (textOf(value) ?? "").toLowerCase().includes(String(target).toLowerCase());
    case "not_contains":
      return !compare("contains", value, present, target);
    default: {
      const n = present ? numberOf(value) : null;
      const t = numberOf(target);
      if (n === null || t === null) return false;
      return op === "gt" ? n > t : op === "gte" ? n >= t : op === "lt" ? n < t : n <= t;
    }
  }
}

function numericEq(op: "eq" | "neq", value: number, target: string | number | undefined): boolean {
  const eq = value === numberOf(target);
  return op === "eq" ? eq : !eq;
}

export function matchesAudience(c: AudienceCondition, p: ReferencePersonData, now: Date): boolean {
  switch (c.type) {
    case "group":
      return c.match === "all" ? c.conditions.every((x) => matchesAudience(x, p, now)) : c.conditions.some((x) => matchesAudience(x, p, now));
    case "event": {
      const n = p.events.filter((e) => e.type === "track" && e.event === c.event && inWindow(e.at, c.window, now)).length;
      return c.did ? n >= (c.times ?? 1) : n === 0;
    }
    case "interaction": {
      const had = p.interactions.some((i) => (c.kind === "any" || i.kind === c.kind) && inWindow(i.at, c.window, now));
      return c.did ? had : !had;
    }
    case "trait": {
      const present = Object.prototype.hasOwnProperty.call(p.traits, c.key) && p.traits[c.key] !== null;
      return compare(c.op, p.traits[c.key], present, c.value);
    }
    case "profile": {
      if (PROFILE_FIELDS[c.field].type === "number") {
        const v = c.field === "revenue" ? p.revenue : p.eventCount;
        if (c.op === "is_set") return true;
        if (c.op === "not_set") return false;
        if (c.op === "eq" || c.op === "neq") return numericEq(c.op, v, c.value);
        return compare(c.op, v, true, c.value);
      }
      const v = c.field === "first_channel" ? p.firstChannel : c.field === "first_utm_source" ? p.firstUtmSource : p.firstUtmCampaign;
      return compare(c.op, v, v !== null, c.value);
    }
    case "crm": {
      const has =
        c.field === "contact"
          ? p.contacts.length > 0
          : c.field === "owner"
            ? c.op === "is_set" || c.op === "not_set"
              ? p.contacts.some((x) => x.ownerId !== null)
              : p.contacts.some((x) => x.ownerId === c.value)
            : p.contacts.some((x) => x.lifecycleStage === c.value);
      return c.op === "eq" || c.op === "is_set" ? has : !has;
    }
  }
}

/** The ids of the people the definition selects at `now`, sorted. */
export function audienceReference(definition: AudienceDefinition, people: ReferencePersonData[], now: Date): string[] {
  return people
    .filter((p) => matchesAudience(definition, p, now))
    .map((p) => p.id)
    .sort();
}

/** The 404 of a request naming a saved audience that does not exist. */
export function audienceNotFoundMessage(id: string): string {
  return `No saved audience has id ${JSON.stringify(id)}; list them with GET /api/v1/analytics/audiences.`;
}

/** Only an audience's author or an admin edits or deletes it. */
export function canEditAudience(user: { id: string; role: string }, authorId: string | null): boolean {
  return user.role === "admin" || (authorId !== null && authorId === user.id);
}

// ───────────────────────────── requests ─────────────────────────────

export const MEMBER_PAGE_SIZES = [25, 50, 100] as const;
const evaluatedAt = z.iso
  .datetime({ offset: true, error: "Give `now` as an ISO 8601 date-time" })
  .transform((s) => new Date(s))
  .optional();
const pageNumber = z.coerce.number().int().min(1).max(100_000).default(1);
const pageSize = z.coerce
  .number()
  .int()
  .refine((n) => (MEMBER_PAGE_SIZES as readonly number[]).includes(n), { message: `Choose a page size of ${MEMBER_PAGE_SIZES.join(", ")}` })
  .default(25);

/** POST …/audiences/count: a definition, evaluated at `now` (default: the time of the request). */
export const audienceCountSchema = z.object({ definition: audienceDefinitionSchema, now: evaluatedAt });
/** POST …/audiences/members: a definition and a page. */
export const audienceMembersSchema = z.object({ definition: audienceDefinitionSchema, now: evaluatedAt, page: pageNumber, size: pageSize });
/** GET …/audiences/{id}/members: a page (JSON) or every member (format=csv). */
export const savedMembersQuerySchema = z.object({ now: evaluatedAt, page: pageNumber, size: pageSize, format: z.enum(["json", "csv"]).default("json") });

// ───────────────────────────── starting points ─────────────────────────────

/** Ready-made definitions to start from (the issue's examples). `ownerId` fills "owner is …". */
export function audienceExamples(ownerId: string | null, ownerName: string | null): { key: string; name: string; definition: AudienceDefinition }[] {
  const examples: { key: string; name: string; definition: AudienceDefinition }[] = [
    {
      key: "trial-not-subscribed",
      name: "Trialists who have not subscribed",
      definition: {
        type: "group",
        match: "all",
        conditions: [
          { type: "event", event: "Trial Started", did: true, window: { type: "last", days: 14 } },
          { type: "event", event: "Subscription Started", did: false, window: { type: "ever" } },
        ],
      },
    },
    { key: "big-spenders", name: "Revenue to date over $1,000", definition: { type: "group", match: "all", conditions: [{ type: "profile", field: "revenue", op: "gt", value: 1000 }] } },
    { key: "paid-social", name: "First touch: Paid Social", definition: { type: "group", match: "all", conditions: [{ type: "profile", field: "first_channel", op: "eq", value: "Paid Social" }] } },
    {
      key: "demoed-opportunities",
      name: "Opportunities who had a demo in the last 30 days",
      definition: {
        type: "group",
        match: "all",
        conditions: [
          { type: "crm", field: "lifecycle_stage", op: "eq", value: "opportunity" },
          { type: "interaction", kind: "demo", did: true, window: { type: "last", days: 30 } },
        ],
      },
    },
  ];
  if (ownerId) {
    examples.push({
      key: "owner-active",
      name: `${ownerName ?? "An owner"}’s contacts active in the last 30 days`,
      definition: {
        type: "group",
        match: "all",
        conditions: [
          { type: "crm", field: "owner", op: "eq", value: ownerId },
          { type: "event", event: "Signed Up", did: true, window: { type: "ever" } },
          { type: "event", event: "Project Created", did: true, window: { type: "last", days: 30 } },
        ],
      },
    });
  }
  return examples;
}
