// bench:ingest's tracking-plan comparison (pure): a plan covering every track event and the identify
// traits of a workload (each property typed as sent, the ones every message of the event carries
// required), and the workload with a share of its messages made invalid against it (a required
// property of the wrong type), spread evenly.
import type { PlanDocument } from "../sources/plan";
import type { JsonSchema } from "../ingest/plan-check";

type Message = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return "number";
  return typeof v;
}

interface Shape {
  types: Map<string, Set<string>>;
  seen: Map<string, number>;
  count: number;
}

function observe(shapes: Map<string, Shape>, key: string, value: Record<string, unknown>): void {
  let s = shapes.get(key);
  if (!s) shapes.set(key, (s = { types: new Map(), seen: new Map(), count: 0 }));
  s.count++;
  for (const [k, v] of Object.entries(value)) {
    let t = s.types.get(k);
    if (!t) s.types.set(k, (t = new Set()));
    t.add(jsonType(v));
    s.seen.set(k, (s.seen.get(k) ?? 0) + 1);
  }
}

function schemaOf(s: Shape): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [k, types] of [...s.types].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const list = [...types].sort();
    properties[k] = { type: list.length === 1 ? list[0]! : list };
  }
  const required = [...s.seen].filter(([, n]) => n === s.count).map(([k]) => k).sort();
  return { type: "object", properties, required };
}

/** A plan listing every track event of the messages, and their identify traits; invalid messages as `invalid` says. */
export function planForWorkload(messages: Message[], invalid: PlanDocument["invalid"]): PlanDocument {
  const events = new Map<string, Shape>();
  const traits = new Map<string, Shape>();
  for (const m of messages) {
    if (m.type === "track" && typeof m.event === "string") observe(events, m.event, isObject(m.properties) ? m.properties : {});
    else if (m.type === "identify") observe(traits, "identify", isObject(m.traits) ? m.traits : {});
  }
  const identify = traits.get("identify");
  return {
    events: [...events].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, s]) => ({ name, schema: schemaOf(s) })),
    identify: identify ? schemaOf(identify) : null,
    unplanned: "block",
    invalid,
  };
}

/**
 * The messages with `share` of them (of all messages, spread evenly over the checked ones: track and
 * identify) made invalid: a required property or trait given a value of another type. Returns the
 * new messages and how many were made invalid.
 */
export function withInvalid(messages: Message[], plan: PlanDocument, share: number): { messages: Message[]; invalid: number } {
  const required = new Map(plan.events.map((e) => [e.name, (e.schema.required as string[] | undefined) ?? []]));
  const identifyRequired = (plan.identify?.required as string[] | undefined) ?? [];
  let invalid = 0;
  const out = messages.map((m, i) => {
    if (invalid >= share * (i + 1)) return m;
    const field = m.type === "track" ? "properties" : m.type === "identify" ? "traits" : null;
    const keys = m.type === "track" ? required.get(String(m.event)) : m.type === "identify" ? identifyRequired : undefined;
    if (!field || !keys?.length || !isObject(m[field])) return m;
    const obj = m[field] as Record<string, unknown>;
    const key = keys[0]!;
    invalid++;
    return { ...m, [field]: { ...obj, [key]: typeof obj[key] === "string" ? 12345 : "not-the-planned-type" } };
  });
  return { messages: out, invalid };
}
