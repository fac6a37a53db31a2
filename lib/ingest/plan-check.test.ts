// The plan check, table-driven: unplanned events, missing required properties, wrong types, nested
// schemas, identify traits, other calls, and what allow / flag / block make of each — plus the same
// verdicts from the collector's fast path and from the zod schemas alone.
import { describe, expect, it } from "vitest";
import { checkMessage, compilePlan, compiledPlanFor, PlanSchemaError, verdictMessage, type PlanAction, type TrackingPlanDef, type Verdict } from "./plan-check";
import { normalizeMessage, normalizeMessageWithSchema, type NormalizeOptions } from "./normalize";

const ORDER = {
  type: "object",
  properties: {
    orderId: { type: "string" },
    total: { type: "number" },
    coupon: { type: ["string", "null"] },
    items: {
      type: "array",
      items: { type: "object", properties: { sku: { type: "string" }, qty: { type: "integer", minimum: 1 } }, required: ["sku", "qty"] },
    },
    shipping: { type: "object", properties: { country: { type: "string", minLength: 2, maxLength: 2 } }, required: ["country"] },
  },
  required: ["orderId", "total"],
};

function plan(unplanned: PlanAction = "flag", invalid: PlanAction = "flag", identify = true): TrackingPlanDef {
  return {
    version: 1,
    events: [
      { name: "Order Completed", schema: ORDER },
      { name: "Signed Up", schema: { type: "object", properties: { plan: { enum: ["free", "pro"] } } } },
    ],
    identifySchema: identify ? { type: "object", properties: { email: { type: "string", format: "email" }, age: { type: "integer" } }, required: ["email"] } : null,
    unplanned,
    invalid,
  };
}

const track = (event: string, properties: Record<string, unknown>) => ({ type: "track" as const, event, properties, traits: {} });
const identify = (traits: Record<string, unknown>) => ({ type: "identify" as const, event: null, properties: {}, traits });

type Expect = { action: Verdict["action"]; kinds?: string[]; paths?: string[] };

const CASES: { name: string; plan?: TrackingPlanDef; message: ReturnType<typeof track> | ReturnType<typeof identify> | { type: "page"; event: null; properties: Record<string, unknown>; traits: Record<string, unknown> }; expect: Expect }[] = [
  { name: "a planned event that matches", message: track("Order Completed", { orderId: "o1", total: 10 }), expect: { action: "allow" } },
  { name: "unplanned event, flagged", message: track("Mystery", {}), expect: { action: "flag", kinds: ["unplanned_event"], paths: ["event"] } },
  { name: "unplanned event, blocked", plan: plan("block"), message: track("Mystery", {}), expect: { action: "block", kinds: ["unplanned_event"] } },
  { name: "unplanned event, allowed", plan: plan("allow"), message: track("Mystery", {}), expect: { action: "allow" } },
  { name: "event names are case-sensitive", message: track("order completed", { orderId: "o1", total: 1 }), expect: { action: "flag", kinds: ["unplanned_event"] } },
  { name: "missing required property", message: track("Order Completed", { orderId: "o1" }), expect: { action: "flag", kinds: ["missing_required"], paths: ["properties.total"] } },
  { name: "two missing required", message: track("Order Completed", {}), expect: { action: "flag", kinds: ["missing_required", "missing_required"], paths: ["properties.orderId", "properties.total"] } },
  { name: "wrong type", message: track("Order Completed", { orderId: "o1", total: "10" }), expect: { action: "flag", kinds: ["wrong_type"], paths: ["properties.total"] } },
  { name: "union type accepts null", message: track("Order Completed", { orderId: "o1", total: 1, coupon: null }), expect: { action: "allow" } },
  { name: "union type refuses a number", message: track("Order Completed", { orderId: "o1", total: 1, coupon: 5 }), expect: { action: "flag", kinds: ["wrong_type"], paths: ["properties.coupon"] } },
  {
    name: "nested: array item missing a property and a wrong type",
    message: track("Order Completed", { orderId: "o1", total: 1, items: [{ sku: "a", qty: 1 }, { qty: "2" }] }),
    expect: { action: "flag", kinds: ["missing_required", "wrong_type"], paths: ["properties.items[1].sku", "properties.items[1].qty"] },
  },
  { name: "nested: other keyword (minimum)", message: track("Order Completed", { orderId: "o1", total: 1, items: [{ sku: "a", qty: 0 }] }), expect: { action: "flag", kinds: ["invalid"], paths: ["properties.items[0].qty"] } },
  { name: "nested object required", message: track("Order Completed", { orderId: "o1", total: 1, shipping: {} }), expect: { action: "flag", kinds: ["missing_required"], paths: ["properties.shipping.country"] } },
  { name: "enum", message: track("Signed Up", { plan: "gold" }), expect: { action: "flag", kinds: ["invalid"], paths: ["properties.plan"] } },
  { name: "invalid, blocked", plan: plan("flag", "block"), message: track("Order Completed", { total: 1 }), expect: { action: "block", kinds: ["missing_required"] } },
  { name: "invalid, allowed", plan: plan("flag", "allow"), message: track("Order Completed", { total: "x" }), expect: { action: "allow" } },
  { name: "identify traits that match", message: identify({ email: "a@b.test", age: 3 }), expect: { action: "allow" } },
  { name: "identify traits missing email", message: identify({ age: 3 }), expect: { action: "flag", kinds: ["missing_required"], paths: ["traits.email"] } },
  { name: "identify traits wrong type", message: identify({ email: "a@b.test", age: 3.5 }), expect: { action: "flag", kinds: ["wrong_type"], paths: ["traits.age"] } },
  { name: "identify with no identify schema", plan: plan("block", "block", false), message: identify({}), expect: { action: "allow" } },
  { name: "page calls are not checked", plan: plan("block", "block"), message: { type: "page", event: null, properties: { x: 1 }, traits: {} }, expect: { action: "allow" } },
];

describe("checkMessage", () => {
  it.each(CASES)("$name", ({ plan: p, message, expect: want }) => {
    const verdict = checkMessage(compilePlan(p ?? plan()), message);
    expect(verdict.action).toBe(want.action);
    if (verdict.action === "allow") return;
    expect(verdict.violations.map((v) => v.kind)).toEqual(want.kinds);
    if (want.paths) expect(verdict.violations.map((v) => v.path)).toEqual(want.paths);
    expect(verdict.code).toBe(want.kinds?.[0] === "unplanned_event" ? "unplanned_event" : "plan_violation");
    expect(verdictMessage(verdict)).toContain(verdict.violations[0]!.detail);
  });

  it("says what a wrong type got", () => {
    const v = checkMessage(compilePlan(plan()), track("Order Completed", { orderId: 7, total: 1 }));
    expect(v.action !== "allow" && v.violations[0]!.detail).toBe("properties.orderId must be string, got integer");
  });

  it("keeps at most 10 violations per message", () => {
    const props = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, { type: "string" }]));
    const p: TrackingPlanDef = { ...plan(), events: [{ name: "Wide", schema: { type: "object", properties: props, required: Object.keys(props) } }] };
    const v = checkMessage(compilePlan(p), track("Wide", {}));
    expect(v.action !== "allow" && v.violations.length).toBe(10);
  });
});

describe("compilePlan", () => {
  it("refuses a schema that is not valid, naming the event", () => {
    const bad: TrackingPlanDef = { ...plan(), events: [{ name: "Bad", schema: { type: "nonsense" } }] };
    expect(() => compilePlan(bad)).toThrow(PlanSchemaError);
    expect(() => compilePlan(bad)).toThrow(/"Bad"/);
  });

  it("compiles once per source and version", () => {
    const a = compiledPlanFor("s1", plan());
    expect(compiledPlanFor("s1", plan())).toBe(a);
    expect(compiledPlanFor("s1", { ...plan(), version: 2 })).not.toBe(a);
    expect(compiledPlanFor("s2", plan())).not.toBe(a);
  });
});

describe("the fast path and the zod path give the same verdicts", () => {
  const options: NormalizeOptions = { receivedAt: new Date("2026-12-01T00:00:00Z"), newMessageId: () => "generated" };
  const messages: Record<string, unknown>[] = [
    { type: "track", event: "Order Completed", userId: "u1", properties: { orderId: "o1", total: 3 } },
    { type: "track", event: "Order Completed", userId: "u1", properties: { orderId: "o1" } },
    { type: "track", event: " Order Completed ", anonymousId: "a1", properties: { orderId: "o1", total: "3" } },
    { type: "track", event: "Mystery", userId: "u1" },
    { type: "track", event: 42, userId: "u1", properties: null },
    { type: "identify", userId: "u1", traits: { email: "a@b.test" } },
    { type: "identify", anonymousId: "a1", traits: null },
    { type: "page", anonymousId: "a1", name: "Home" },
  ];
  const compiled = compilePlan(plan("block", "flag"));
  it.each(messages.map((m, i) => ({ i, m })))("message $i", ({ m }) => {
    const fast = normalizeMessage(m, options);
    const zod = normalizeMessageWithSchema(m, options);
    expect(fast.ok).toBe(zod.ok);
    if (!fast.ok || !zod.ok) return;
    expect(checkMessage(compiled, fast.event)).toEqual(checkMessage(compiled, zod.event));
  });
});
