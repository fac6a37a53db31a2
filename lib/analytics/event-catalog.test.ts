import { describe, expect, it } from "vitest";
import { CATALOG_MAX_KEYS_PER_MESSAGE, catalogEntriesOf, catalogName, groupCatalog, PAGEVIEW, SCREENVIEW, trackEventNames, valueTypeOf } from "./event-catalog";

const at = (s: string) => new Date(`2026-03-01T${s}Z`);

describe("catalogName", () => {
  it.each([
    ["track", "Signed Up", "Signed Up"],
    ["page", null, PAGEVIEW],
    ["page", "Pricing", PAGEVIEW],
    ["screen", "Home", SCREENVIEW],
    ["identify", null, null],
    ["group", null, null],
    ["alias", null, null],
    ["track", "", null],
    ["track", "x".repeat(201), null],
  ])("%s %s → %s", (type, event, want) => expect(catalogName(type, event)).toBe(want));
});

describe("valueTypeOf", () => {
  it.each([
    ["a", "string"],
    ["", "string"],
    [0, "number"],
    [1.5, "number"],
    [false, "boolean"],
    [{}, "object"],
    [[1], "array"],
    [null, null],
    [undefined, null],
  ])("%j → %s", (v, want) => expect(valueTypeOf(v)).toBe(want));
});

describe("catalogEntriesOf", () => {
  it("lists each event once and each key once per type, with its first and last receive time", () => {
    const entries = catalogEntriesOf([
      { type: "track", event: "Plan Selected", properties: { plan: "pro", seats: 3 }, receivedAt: at("10:00:00") },
      { type: "track", event: "Plan Selected", properties: { plan: "team", seats: "3", extra: null }, receivedAt: at("11:00:00") },
      { type: "page", event: null, properties: { path: "/pricing" }, receivedAt: at("09:00:00") },
      { type: "identify", event: null, properties: { email: "x" }, receivedAt: at("09:00:00") },
    ]);
    const rows = entries.map((e) => [e.event, e.property, e.valueType, e.firstSeenAt.toISOString().slice(11, 16), e.lastSeenAt.toISOString().slice(11, 16)]);
    expect(rows).toEqual([
      ["Plan Selected", "", "", "10:00", "11:00"],
      ["Plan Selected", "plan", "string", "10:00", "11:00"],
      ["Plan Selected", "seats", "number", "10:00", "10:00"],
      ["Plan Selected", "seats", "string", "11:00", "11:00"],
      [PAGEVIEW, "", "", "09:00", "09:00"],
      [PAGEVIEW, "path", "string", "09:00", "09:00"],
    ]);
  });

  it("looks at the first keys of a message only, and skips empty or over-long keys", () => {
    const properties = Object.fromEntries(Array.from({ length: CATALOG_MAX_KEYS_PER_MESSAGE + 5 }, (_, i) => [`k${i}`, i]));
    const entries = catalogEntriesOf([
      { type: "track", event: "E", properties, receivedAt: at("10:00:00") },
      { type: "track", event: "F", properties: { "": 1, ["y".repeat(201)]: 1, ok: 1 }, receivedAt: at("10:00:00") },
    ]);
    expect(entries.filter((e) => e.event === "E" && e.property !== "")).toHaveLength(CATALOG_MAX_KEYS_PER_MESSAGE);
    expect(entries.filter((e) => e.event === "F").map((e) => e.property)).toEqual(["", "ok"]);
  });
});

describe("groupCatalog", () => {
  it("groups rows per event, merges a key's types, most recently seen event first", () => {
    const grouped = groupCatalog([
      { event: "A", property: "", valueType: "", lastSeenAt: at("10:00:00") },
      { event: "A", property: "x", valueType: "string", lastSeenAt: at("09:00:00") },
      { event: "A", property: "x", valueType: "number", lastSeenAt: at("10:00:00") },
      { event: "A", property: "b", valueType: "boolean", lastSeenAt: at("08:00:00") },
      { event: "B", property: "", valueType: "", lastSeenAt: at("12:00:00") },
    ]);
    expect(grouped.map((e) => e.event)).toEqual(["B", "A"]);
    expect(grouped[1].properties.map((p) => [p.key, p.types, p.lastSeenAt.toISOString().slice(11, 13)])).toEqual([
      ["b", ["boolean"], "08"],
      ["x", ["number", "string"], "10"],
    ]);
  });
});

describe("trackEventNames", () => {
  it("keeps track events in catalog order, without page and screen views", () => {
    expect(trackEventNames([{ event: "Trial Started" }, { event: PAGEVIEW }, { event: "Signed Up" }, { event: SCREENVIEW }])).toEqual(["Trial Started", "Signed Up"]);
    expect(trackEventNames([])).toEqual([]);
  });
});
