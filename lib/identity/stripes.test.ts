import { describe, expect, it } from "vitest";
import type { Identifier } from "./identifiers";
import { DEFAULT_RULES } from "./rules";
import { identifierStripe, MAX_STRIPES_PER_TRANSACTION, planAcquisition, profileStripe, requiredStripes, STRIPES, type StoredGraph } from "./stripes";

/** FNV-1a 32 in BigInt arithmetic over the bytes of an ASCII string: an independent reference. */
function referenceFnv(s: string): number {
  let h = 0x811c9dc5n;
  for (const b of Buffer.from(s, "latin1")) h = ((h ^ BigInt(b)) * 0x01000193n) & 0xffffffffn;
  return Number(h);
}

const id = (type: string, value: string): Identifier => ({ type, value });

describe("stripes", () => {
  it("hash identifiers and profiles with FNV-1a into a fixed space of stripes, the same in every process", () => {
    expect(STRIPES).toBe(4096);
    expect(MAX_STRIPES_PER_TRANSACTION).toBeLessThan(STRIPES);
    for (const [type, value] of [["user_id", "u1"], ["email", "a@example.com"], ["anonymous_id", "3f1c-anon"], ["phone", "+4915112345678"]]) {
      expect(identifierStripe(id(type, value))).toBe(referenceFnv(`i\u0000${type}\u0000${value}`) % STRIPES);
    }
    for (const p of ["p1", "00000000-0000-4000-8000-000000000000"]) expect(profileStripe(p)).toBe(referenceFnv(`p\u0000${p}`) % STRIPES);
    // Pinned: changing the hash would let two versions running side by side lock different stripes.
    expect([identifierStripe(id("user_id", "u1")), identifierStripe(id("email", "a@example.com")), profileStripe("p1")]).toEqual([2293, 1110, 3442]);
    // An identifier and a profile with the same text are different things.
    expect(identifierStripe(id("user_id", "x"))).not.toBe(identifierStripe(id("email", "x")));
  });

  it("spread identifiers over the whole space", () => {
    const counts = new Array<number>(STRIPES).fill(0);
    for (let i = 0; i < 40_960; i++) counts[identifierStripe(id("anonymous_id", `anon-${i}`))]++;
    // 10 per stripe on average (Poisson: the busiest near 25, an empty one rare): none above 4× the
    // mean, hardly any empty.
    expect(Math.max(...counts)).toBeLessThanOrEqual(40);
    expect(counts.filter((n) => n === 0).length).toBeLessThan(5);
  });
});

describe("requiredStripes", () => {
  const stored: StoredGraph = {
    identities: [
      { type: "user_id", value: "u1", profileId: "P1" },
      { type: "email", value: "a@example.com", profileId: "P1" },
      { type: "user_id", value: "u2", profileId: "P2" },
      // Stored before the rules blocked it: it is locked through its profile like any stored one.
      { type: "anonymous_id", value: "guest", profileId: "P4" },
    ],
    keptApart: [
      ["P1", "P3"],
      ["P5", "P6"],
    ],
  };
  const I = identifierStripe;
  const P = profileStripe;
  it.each<[string, Identifier[], number[]]>([
    ["nothing for no identifiers", [], []],
    ["an unstored identifier: its own stripe", [id("user_id", "new")], [I(id("user_id", "new"))]],
    ["a stored identifier: its profile's stripe, plus both sides of that profile's kept-apart pairs", [id("user_id", "u1")], [P("P1"), P("P3")]],
    ["two identifiers of one profile: the profile's stripe once", [id("user_id", "u1"), id("email", "a@example.com")], [P("P1"), P("P3")]],
    ["stored and unstored together (a merge in the making)", [id("user_id", "u2"), id("anonymous_id", "a9")], [P("P2"), I(id("anonymous_id", "a9"))]],
    ["a blocked unstored identifier: nothing (it is never written)", [id("anonymous_id", "undefined"), id("email", "null")], []],
    ["a blocked stored identifier: its profile", [id("anonymous_id", "guest")], [P("P4")]],
    ["kept-apart pairs of profiles not touched: nothing", [id("user_id", "u2")], [P("P2")]],
  ])("%s", (_, identifiers, expected) => {
    expect([...requiredStripes(identifiers, stored, DEFAULT_RULES)].sort((a, b) => a - b)).toEqual([...new Set(expected)].sort((a, b) => a - b));
  });

  it("follows the rules it is given", () => {
    const rules = { ...DEFAULT_RULES, blockedValues: [...DEFAULT_RULES.blockedValues, "new"] };
    expect(requiredStripes([id("user_id", "new")], { identities: [], keptApart: [] }, rules).size).toBe(0);
  });
});

describe("planAcquisition", () => {
  it.each<[string, number[], number[], { tryLock: number[]; block: number[] }]>([
    ["holding nothing: wait for all, ascending, once each", [], [9, 3, 3, 7], { tryLock: [], block: [3, 7, 9] }],
    ["above every held stripe: wait", [1, 4], [8, 5], { tryLock: [], block: [5, 8] }],
    ["below the highest held: only try", [10], [3, 7], { tryLock: [3, 7], block: [] }],
    ["both sides of the highest held", [2, 10], [1, 5, 11, 40], { tryLock: [1, 5], block: [11, 40] }],
    ["already held: nothing", [3, 6], [3, 6], { tryLock: [], block: [] }],
    ["stripe 0 below a held one", [0, 4095], [0, 1], { tryLock: [1], block: [] }],
  ])("%s", (_, held, missing, expected) => {
    expect(planAcquisition(new Set(held), missing)).toEqual(expected);
  });
});
