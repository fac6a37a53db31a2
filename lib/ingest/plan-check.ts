// Checking a normalised message against its source's tracking plan: pure (no I/O, no clock). A plan is
// compiled once per version (JSON Schemas through ajv, cached by source and version); checkMessage
// then says allow, flag or block, with the violations. Track messages are checked by event name
// (unplanned when the plan does not list it, else their properties against the event's schema);
// identify messages' traits against the plan's identify schema when it has one; other calls pass.
// The collector's fast path and its zod path produce the same NormalizedEvent, so they give the same
// verdicts (plan-check.test.ts holds them to it).
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { NormalizedEvent } from "./normalize";

export const PLAN_ACTIONS = ["allow", "flag", "block"] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export type JsonSchema = Record<string, unknown>;

export interface PlanEvent {
  name: string;
  schema: JsonSchema;
}

/** A tracking plan as stored (tracking_plans). */
export interface TrackingPlanDef {
  version: number;
  events: PlanEvent[];
  identifySchema: JsonSchema | null;
  unplanned: PlanAction;
  invalid: PlanAction;
}

export type ViolationKind = "unplanned_event" | "missing_required" | "wrong_type" | "invalid";

export interface Violation {
  kind: ViolationKind;
  /** Where, dotted from the message: "properties.total", "traits.email"; "" for the message itself. */
  path: string;
  detail: string;
}

export type Verdict = { action: "allow" } | { action: "flag" | "block"; code: PlanRejectionCode; violations: Violation[] };
export type PlanRejectionCode = "unplanned_event" | "plan_violation";

/** At most this many violations are kept per message (ajv reports every error with allErrors). */
export const MAX_VIOLATIONS_PER_MESSAGE = 10;

export interface CompiledPlan {
  version: number;
  unplanned: PlanAction;
  invalid: PlanAction;
  events: Map<string, ValidateFunction>;
  identify: ValidateFunction | null;
}

function newAjv(): Ajv {
  // strict: false — admins write schemas by hand and from other tools (Segment Protocols exports carry
  // keywords such as "id" or "labels" ajv does not know); unknown keywords are ignored, not refused.
  return new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, validateFormats: false });
}

export class PlanSchemaError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message);
  }
}

function compileOne(ajv: Ajv, schema: JsonSchema, where: string): ValidateFunction {
  try {
    return ajv.compile(schema);
  } catch (err) {
    throw new PlanSchemaError(where, `The JSON Schema of ${where} is not valid: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Compiles every schema of a plan; throws PlanSchemaError naming the first schema that is not valid. */
export function compilePlan(plan: TrackingPlanDef): CompiledPlan {
  const ajv = newAjv();
  const events = new Map<string, ValidateFunction>();
  for (const e of plan.events) events.set(e.name, compileOne(ajv, e.schema, `"${e.name}"`));
  const identify = plan.identifySchema ? compileOne(ajv, plan.identifySchema, "identify traits") : null;
  return { version: plan.version, unplanned: plan.unplanned, invalid: plan.invalid, events, identify };
}

const compiled = new Map<string, CompiledPlan>();

/** The compiled plan of a source, compiled once per (source, version). */
export function compiledPlanFor(sourceId: string, plan: TrackingPlanDef): CompiledPlan {
  const key = `${sourceId}\u0000${plan.version}`;
  let hit = compiled.get(key);
  if (!hit) {
    if (compiled.size > 1_000) compiled.clear();
    hit = compilePlan(plan);
    compiled.set(key, hit);
  }
  return hit;
}

/** "/cart/items/0/price" under "properties" → "properties.cart.items[0].price". */
function dotted(root: string, pointer: string): string {
  let out = root;
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(part) ? `[${part}]` : `.${part}`;
  }
  return out;
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** Reads a value at a JSON pointer (for "got …" in wrong-type details). */
function at(value: unknown, pointer: string): unknown {
  let v = value;
  for (const raw of pointer.split("/").slice(1)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return v;
}

/** ajv's errors as violations: required → missing_required, type → wrong_type, the rest → invalid. */
export function violationsOf(errors: ErrorObject[], root: string, value: unknown): Violation[] {
  const out: Violation[] = [];
  for (const e of errors) {
    if (out.length >= MAX_VIOLATIONS_PER_MESSAGE) break;
    if (e.keyword === "required") {
      const missing = String((e.params as { missingProperty?: string }).missingProperty ?? "");
      const path = dotted(root, `${e.instancePath}/${missing.replace(/~/g, "~0").replace(/\//g, "~1")}`);
      out.push({ kind: "missing_required", path, detail: `${path} is required` });
    } else if (e.keyword === "type") {
      const path = dotted(root, e.instancePath);
      const expected = (e.params as { type?: string | string[] }).type;
      const want = Array.isArray(expected) ? expected.join(" or ") : String(expected);
      out.push({ kind: "wrong_type", path, detail: `${path} must be ${want}, got ${typeName(at(value, e.instancePath))}` });
    } else {
      const path = dotted(root, e.instancePath);
      out.push({ kind: "invalid", path, detail: `${path} ${e.message ?? "is not valid"}` });
    }
  }
  return out;
}

type Checked = Pick<NormalizedEvent, "type" | "event" | "properties" | "traits">;

/** The plan's verdict on one normalised message. */
export function checkMessage(plan: CompiledPlan, m: Checked): Verdict {
  let validate: ValidateFunction | null | undefined;
  let root: "properties" | "traits";
  let value: Record<string, unknown>;
  if (m.type === "track") {
    const name = m.event ?? "";
    validate = plan.events.get(name);
    if (!validate) {
      if (plan.unplanned === "allow") return { action: "allow" };
      return { action: plan.unplanned, code: "unplanned_event", violations: [{ kind: "unplanned_event", path: "event", detail: `"${name}" is not in the tracking plan` }] };
    }
    root = "properties";
    value = m.properties;
  } else if (m.type === "identify" && plan.identify) {
    validate = plan.identify;
    root = "traits";
    value = m.traits;
  } else {
    return { action: "allow" };
  }
  if (plan.invalid === "allow" || validate(value)) return { action: "allow" };
  return { action: plan.invalid, code: "plan_violation", violations: violationsOf(validate.errors ?? [], root, value) };
}

/** The one-line reason the Tracking API's 200 body gives for a quarantined message. */
export function verdictMessage(v: Exclude<Verdict, { action: "allow" }>): string {
  const first = v.violations[0]?.detail ?? "the message does not match the tracking plan";
  const more = v.violations.length > 1 ? ` (and ${v.violations.length - 1} more)` : "";
  return `Quarantined by the source's tracking plan: ${first}${more}. An admin can release it from the source's page.`;
}
