import { describe, expect, it } from "vitest";
import { batches, matchesFilter, type EventFilter } from "./filter";

const any: EventFilter = { sources: [], types: [], names: [] };
const e = { sourceId: "web", type: "track", event: "Signed Up", name: null };

describe("matchesFilter", () => {
  it.each([
    ["no filter", any, e, true],
    ["its source", { ...any, sources: ["web"] }, e, true],
    ["another source", { ...any, sources: ["app"] }, e, false],
    ["its type", { ...any, types: ["track", "page"] }, e, true],
    ["another type", { ...any, types: ["identify"] }, e, false],
    ["its name", { ...any, names: ["Signed Up"] }, e, true],
    ["another name", { ...any, names: ["Order Completed"] }, e, false],
    ["a page name", { ...any, names: ["Pricing"] }, { sourceId: "web", type: "page", event: null, name: "Pricing" }, true],
    ["a name filter and an unnamed identify", { ...any, names: ["Pricing"] }, { sourceId: "web", type: "identify", event: null, name: null }, false],
    ["all three", { sources: ["web"], types: ["track"], names: ["Signed Up"] }, e, true],
  ] as const)("%s", (_, f, ev, expected) => expect(matchesFilter(f, ev)).toBe(expected));
});

describe("batches", () => {
  it.each([
    [[], 2, []],
    [[1, 2, 3], 2, [[1, 2], [3]]],
    [[1, 2], 5, [[1, 2]]],
  ])("%j by %i", (items, size, expected) => expect(batches(items, size)).toEqual(expected));
});
