// Tracking plans as admins author them (pure): the inputs (one zod schema per input, shared by the
// server actions and the forms), the simple form's model (an event's properties as key, type and
// required) and its JSON Schema, the plan as one JSON document, and a plan suggested from the event catalog.
import { z } from "zod";
// Types only from plan-check: it imports ajv, which the browser bundle of the editor must not carry.
import type { JsonSchema, PlanAction, PlanEvent } from "../ingest/plan-check";

const PLAN_ACTIONS = ["allow", "flag", "block"] as const satisfies readonly PlanAction[];

export const PLAN_ACTION_LABELS: Record<PlanAction, string> = {
  allow: "Allow — store, record nothing",
  flag: "Flag — store and record the violation",
  block: "Block — quarantine (not stored) and record the violation",
};

export const QUARANTINE_DEFAULTS = { retentionDays: 30, cap: 10_000 } as const;
export const MAX_QUARANTINE_RETENTION_DAYS = 365;
export const MAX_QUARANTINE_CAP = 1_000_000;
export const MAX_PLAN_EVENTS = 500;
/** A plan's JSON (all its schemas) is at most this long. */
export const MAX_PLAN_BYTES = 256 * 1024;
/** The suggestion reads the catalog entries seen within this many days. */
export const SUGGEST_DAYS = 30;

export const PROPERTY_TYPES = ["string", "number", "integer", "boolean", "object", "array"] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const jsonSchema = z.custom<JsonSchema>((v) => isObject(v) || typeof v === "boolean", "A JSON Schema is an object, e.g. {\"type\":\"object\"}");

const planEvent = z.object({
  name: z.string().trim().min(1, "Enter the event name").max(500, "Use at most 500 characters"),
  schema: jsonSchema,
});

export const planDocument = z
  .object({
    events: z.array(planEvent).max(MAX_PLAN_EVENTS, `A plan lists at most ${MAX_PLAN_EVENTS} events`),
    identify: jsonSchema.nullable().default(null),
    unplanned: z.enum(PLAN_ACTIONS),
    invalid: z.enum(PLAN_ACTIONS),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.events.forEach((e, i) => {
      if (seen.has(e.name)) ctx.addIssue({ code: "custom", path: ["events", i, "name"], message: `"${e.name}" is listed twice` });
      seen.add(e.name);
    });
    if (JSON.stringify(p).length > MAX_PLAN_BYTES) ctx.addIssue({ code: "custom", path: ["events"], message: "The plan is over 256 KB; split large schemas or drop unused events" });
  });
export type PlanDocument = z.infer<typeof planDocument>;

export const sourceIdInput = z.object({ sourceId: z.string().trim().min(1).max(64) });

export const savePlanInput = z.object({ sourceId: z.string().trim().min(1).max(64), plan: planDocument });
export type SavePlanInput = z.infer<typeof savePlanInput>;

export const quarantineSettingsInput = z.object({
  sourceId: z.string().trim().min(1).max(64),
  retentionDays: z
    .number({ error: "Enter a number of days" })
    .int("Use a whole number")
    .min(1, "Keep messages at least 1 day")
    .max(MAX_QUARANTINE_RETENTION_DAYS, `Keep messages at most ${MAX_QUARANTINE_RETENTION_DAYS} days`),
  cap: z
    .number({ error: "Enter a number of messages" })
    .int("Use a whole number")
    .min(1, "Keep at least 1 message")
    .max(MAX_QUARANTINE_CAP, `Keep at most ${MAX_QUARANTINE_CAP.toLocaleString("en-US")} messages`),
});
export type QuarantineSettingsInput = z.infer<typeof quarantineSettingsInput>;

/** Which quarantined messages to release: these ids, or every one matching (optionally one event name). */
export const releaseInput = z.union([
  z.object({ sourceId: z.string().trim().min(1).max(64), ids: z.array(z.string().min(1).max(64)).min(1, "Select messages to release").max(1000) }),
  z.object({ sourceId: z.string().trim().min(1).max(64), all: z.literal(true), eventName: z.string().max(500).nullable().default(null) }),
]);
export type ReleaseInput = z.infer<typeof releaseInput>;

/** One property row of the simple form. */
export interface PropertyRow {
  key: string;
  type: PropertyType;
  required: boolean;
}

/** The JSON Schema of an event's properties as the simple form writes it. */
export function schemaOfRows(rows: PropertyRow[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const r of rows) if (r.key.trim()) properties[r.key.trim()] = { type: r.type };
  const required = rows.filter((r) => r.required && r.key.trim()).map((r) => r.key.trim());
  return { type: "object", properties, ...(required.length ? { required } : {}) };
}

/**
 * The rows of a schema the simple form can show (an object schema whose properties each have one
 * plain type and nothing else), or null when it needs the JSON editor.
 */
export function rowsOfSchema(schema: JsonSchema): PropertyRow[] | null {
  const allowedKeys = new Set(["type", "properties", "required"]);
  if (!isObject(schema) || Object.keys(schema).some((k) => !allowedKeys.has(k)) || (schema.type !== undefined && schema.type !== "object")) return null;
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  if (!isObject(properties) || !Array.isArray(required)) return null;
  const rows: PropertyRow[] = [];
  for (const [key, s] of Object.entries(properties)) {
    if (!isObject(s) || Object.keys(s).length !== 1 || !PROPERTY_TYPES.includes(s.type as PropertyType)) return null;
    rows.push({ key, type: s.type as PropertyType, required: required.includes(key) });
  }
  if (required.some((k) => typeof k !== "string" || !Object.hasOwn(properties, k))) return null;
  return rows;
}

export interface CatalogEventLike {
  event: string;
  lastSeenAt: Date;
  properties: { key: string; types: string[]; lastSeenAt: Date }[];
}

const SPECIAL = new Set(["$pageview", "$screen"]);

/**
 * A plan from the event catalog: every track event seen within SUGGEST_DAYS of now, with its properties
 * seen in that window typed as seen (several types become a union), none required — the admin marks
 * what must be there. Unplanned and invalid messages are flagged, never blocked, until the admin says so.
 */
export function suggestPlan(catalog: CatalogEventLike[], now: Date): PlanDocument {
  const since = now.getTime() - SUGGEST_DAYS * 24 * 3600 * 1000;
  const events: PlanEvent[] = catalog
    .filter((e) => !SPECIAL.has(e.event) && e.lastSeenAt.getTime() >= since)
    .map((e) => {
      const properties: Record<string, JsonSchema> = {};
      for (const p of e.properties) {
        if (p.lastSeenAt.getTime() < since) continue;
        const types = [...new Set(p.types)].filter((t) => t !== "").sort();
        if (types.length) properties[p.key] = { type: types.length === 1 ? types[0]! : types };
      }
      return { name: e.event, schema: { type: "object", properties } };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, MAX_PLAN_EVENTS);
  return { events, identify: null, unplanned: "flag", invalid: "flag" };
}

/** An empty plan: nothing planned yet, everything flagged. */
export const EMPTY_PLAN: PlanDocument = { events: [], identify: null, unplanned: "flag", invalid: "flag" };

/** The plan as the JSON editor shows it. */
export function planJson(plan: PlanDocument): string {
  return JSON.stringify(plan, null, 2);
}

/** The JSON editor's text as a plan, or the first problem with a path. */
export function parsePlanJson(text: string): { ok: true; plan: PlanDocument } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `Not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const parsed = planDocument.safeParse(value);
  if (parsed.success) return { ok: true, plan: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, error: `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}` };
}
