import { describe, expect, it } from "vitest";
import { parsePlanJson, planJson, rowsOfSchema, schemaOfRows, suggestPlan, type CatalogEventLike } from "./plan";

describe("the simple form's schema", () => {
  it("round-trips rows", () => {
    const rows = [
      { key: "orderId", type: "string" as const, required: true },
      { key: "total", type: "number" as const, required: false },
    ];
    const schema = schemaOfRows(rows);
    expect(schema).toEqual({ type: "object", properties: { orderId: { type: "string" }, total: { type: "number" } }, required: ["orderId"] });
    expect(rowsOfSchema(schema)).toEqual(rows);
  });

  it.each([
    [{ type: "object", properties: { a: { type: "string", minLength: 1 } } }],
    [{ type: "object", properties: { a: { type: ["string", "null"] } } }],
    [{ type: "object", additionalProperties: false }],
    [{ type: "array" }],
  ])("needs the JSON editor for %j", (schema) => {
    expect(rowsOfSchema(schema)).toBeNull();
  });
});

describe("suggestPlan", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  const recent = new Date("2026-11-25T00:00:00Z");
  const old = new Date("2026-09-01T00:00:00Z");
  const catalog: CatalogEventLike[] = [
    { event: "Signed Up", lastSeenAt: recent, properties: [{ key: "plan", types: ["string"], lastSeenAt: recent }, { key: "legacy", types: ["number"], lastSeenAt: old }] },
    { event: "Order Completed", lastSeenAt: recent, properties: [{ key: "total", types: ["number", "string"], lastSeenAt: recent }] },
    { event: "$pageview", lastSeenAt: recent, properties: [] },
    { event: "Gone", lastSeenAt: old, properties: [] },
  ];

  it("lists track events of the last 30 days with their recent properties typed as seen", () => {
    expect(suggestPlan(catalog, now)).toEqual({
      events: [
        { name: "Order Completed", schema: { type: "object", properties: { total: { type: ["number", "string"] } } } },
        { name: "Signed Up", schema: { type: "object", properties: { plan: { type: "string" } } } },
      ],
      identify: null,
      unplanned: "flag",
      invalid: "flag",
    });
  });
});

describe("the plan as JSON", () => {
  it("round-trips", () => {
    const plan = suggestPlan([], new Date());
    expect(parsePlanJson(planJson(plan))).toEqual({ ok: true, plan });
  });

  it.each([
    ["{", /Not valid JSON/],
    ['{"events":[],"unplanned":"drop","invalid":"flag"}', /unplanned/],
    ['{"events":[{"name":"A","schema":{}},{"name":"A","schema":{}}],"unplanned":"flag","invalid":"flag"}', /listed twice/],
    ['{"events":[{"name":"","schema":{}}],"unplanned":"flag","invalid":"flag"}', /events\.0\.name/],
  ])("refuses %s", (text, message) => {
    const out = parsePlanJson(text);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error).toMatch(message);
  });
});
