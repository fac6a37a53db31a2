import { describe, expect, it } from "vitest";
import { changeView, resolutionChanges, sameJson, traitDiff } from "./profile-changes";

describe("sameJson", () => {
  it.each([
    [1, 1, true],
    ["a", "a", true],
    [null, null, true],
    [null, 0, false],
    [{ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [[1, 2], [2, 1], false],
    [[], {}, false],
    [{ a: [{ x: 1 }] }, { a: [{ x: 2 }] }, false],
    ["1", 1, false],
  ])("%j vs %j → %s", (a, b, same) => expect(sameJson(a, b)).toBe(same));
});

describe("traitDiff", () => {
  it.each([
    ["nothing changes", { plan: "pro" }, { plan: "pro" }, null],
    ["key order inside a value is not a change", { address: { city: "Paris", zip: "75001" } }, { address: { zip: "75001", city: "Paris" } }, null],
    ["a value changes", { plan: "free", name: "Ann" }, { plan: "pro", name: "Ann" }, { traits: { plan: "pro" }, previous: { plan: "free" } }],
    ["a key appears", {}, { email: "ann@example.com" }, { traits: { email: "ann@example.com" }, previous: { email: null } }],
    ["a key goes away", { plan: "pro" }, {}, { traits: { plan: null }, previous: { plan: "pro" } }],
    ["a value becomes null (not absent)", { plan: "pro" }, { plan: null }, { traits: { plan: null }, previous: { plan: "pro" } }],
    ["a nested value changes", { address: { city: "Paris" } }, { address: { city: "Lyon" } }, { traits: { address: { city: "Lyon" } }, previous: { address: { city: "Paris" } } }],
  ])("%s", (_, before, after, want) => expect(traitDiff(before, after)).toEqual(want));
});

describe("resolutionChanges", () => {
  const m = (entries: [string, Record<string, unknown>][]) => new Map(entries);
  it.each([
    ["no change: nothing", [], m([["p1", { plan: "pro" }]]), m([["p1", { plan: "pro" }]]), []],
    [
      "a new profile's first traits are a change from nothing",
      [],
      m([]),
      m([["p2", { name: "Bo" }]]),
      [{ kind: "traits_changed", profile_id: "p2", related_profile_ids: [], traits: { name: "Bo" }, previous: { name: null } }],
    ],
    ["a new profile with no traits: nothing", [], m([]), m([["p3", {}]]), []],
    [
      "a merge first, then the survivor's new traits; the merged-away profile is not reported",
      [{ from: "p2", into: "p1" }],
      m([["p1", { plan: "pro" }], ["p2", { name: "Ann" }]]),
      m([["p1", { plan: "pro", name: "Ann" }]]),
      [
        { kind: "merged", profile_id: "p1", related_profile_ids: ["p2"], traits: null, previous: null },
        { kind: "traits_changed", profile_id: "p1", related_profile_ids: [], traits: { name: "Ann" }, previous: { name: null } },
      ],
    ],
    [
      "two merges into one survivor: one merged change",
      [{ from: "p2", into: "p1" }, { from: "p3", into: "p1" }],
      m([["p1", {}]]),
      m([["p1", {}]]),
      [{ kind: "merged", profile_id: "p1", related_profile_ids: ["p2", "p3"], traits: null, previous: null }],
    ],
  ])("%s", (_, merges, before, after, want) => expect(resolutionChanges(merges, before, after)).toEqual(want));
});

describe("changeView", () => {
  const base = { seq: "7", created_at: "2026-12-07T10:00:00.000Z", traits: null, previous: null, related_profile_ids: [] as string[] };
  it.each([
    [{ ...base, kind: "traits_changed" as const, profile_id: "p1", traits: { plan: "pro" }, previous: { plan: null } }, { traits: { plan: "pro" }, previous: { plan: null } }],
    [{ ...base, kind: "merged" as const, profile_id: "p1", related_profile_ids: ["p2"] }, { mergedProfileIds: ["p2"] }],
    [{ ...base, kind: "split" as const, profile_id: "p1", related_profile_ids: ["p9"] }, { newProfileId: "p9" }],
    [{ ...base, kind: "deleted" as const, profile_id: "p1", related_profile_ids: ["p1", "p2"] }, { deletedProfileIds: ["p1", "p2"] }],
  ])("%j", (row, extra) => expect(changeView(row)).toEqual({ changeId: "7", type: row.kind, profileId: "p1", at: "2026-12-07T10:00:00.000Z", ...extra }));
});
