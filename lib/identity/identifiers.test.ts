import { describe, expect, it } from "vitest";
import { extractIdentifiers, isBlocked, normalizeIdentifierValue } from "./identifiers";
import { DEFAULT_RULES, identityRulesSchema, parseIdentityRules, priorityOf } from "./rules";
import { message } from "./test-helpers";

const ids = (m: ReturnType<typeof message>) => extractIdentifiers(m).map((i) => `${i.type}:${i.value}`);

describe("extractIdentifiers", () => {
  it("takes user_id, anonymous_id, email and phone from traits and context.traits, normalised", () => {
    const m = message("identify", {
      userId: "u1",
      anonymousId: "a1",
      traits: { email: "  Ann@Example.COM ", phone: "+44 (20) 7946-0958" },
      context: { traits: { email: "ann@example.com", phone: 5550109999 } },
    });
    expect(ids(m)).toEqual(["user_id:u1", "anonymous_id:a1", "email:ann@example.com", "phone:+442079460958", "phone:5550109999"]);
  });

  it("reads context.traits on every call, traits only on identify (a group's traits are the account's)", () => {
    expect(ids(message("group", { userId: "u1", traits: { email: "billing@acme.io" } }))).toEqual(["user_id:u1"]);
    expect(ids(message("track", { anonymousId: "a", context: { traits: { email: "x@y.io" } } }))).toEqual(["anonymous_id:a", "email:x@y.io"]);
  });

  it("reads context.externalIds in Segment's shape", () => {
    const m = message("track", {
      userId: "u1",
      context: {
        externalIds: [
          { id: "cus_123", type: "stripe_id", collection: "users", encoding: "none" },
          { id: 42, type: "CRM_ID" },
          { id: "X@Y.io", type: "email" },
          { id: "acct-1", type: "account_id", collection: "accounts" },
          { id: "Zm9v", type: "b64", encoding: "base64" },
          { id: "x", type: "has space" },
          { id: "x", type: "external_ids" },
          { id: "p-1", type: "profile_id" },
          { id: "c-1", type: "Contact_ID" },
          "junk",
          { type: "no_id" },
        ],
      },
    });
    expect(ids(m)).toEqual(["user_id:u1", "stripe_id:cus_123", "crm_id:42", "email:x@y.io"]);
  });

  it.each([
    ["email", "not-an-email", null],
    ["email", "a@b", null],
    ["email", "a b@c.io", null],
    ["email", 12, null],
    ["phone", "555-12", null],
    ["phone", "tel: 555 1234", "5551234"],
    ["phone", " +1 555 123 4567 ", "+15551234567"],
    ["user_id", "  u1  ", "u1"],
    ["user_id", "x".repeat(1001), null], // over 1,000 characters
    ["user_id", "x".repeat(1000), "x".repeat(1000)],
    ["user_id", { id: 1 }, null],
  ])("normalises %s, case %#", (type, raw, expected) => {
    expect(normalizeIdentifierValue(type, raw)).toBe(expected);
  });

  it("types an alias's previousId as anonymous_id when it is the call's anonymousId, else user_id", () => {
    expect(ids(message("alias", { previousId: "anon-1", userId: "u1", anonymousId: "anon-1" }))).toEqual(["user_id:u1", "anonymous_id:anon-1"]);
    expect(ids(message("alias", { previousId: "old", userId: "u1", anonymousId: "anon-1" }))).toEqual(["user_id:u1", "anonymous_id:anon-1", "user_id:old"]);
    expect(ids(message("track", { previousId: "ignored", userId: "u1" }))).toEqual(["user_id:u1"]);
  });
});

describe("isBlocked", () => {
  it.each(["", "null", "NULL", "undefined", "anonymous", "0", "000", "-1", "--", "[object Object]", '"null"', "'undefined'", "None", "NaN", "guest"])(
    "%j is blocked",
    (value) => expect(isBlocked({ type: "user_id", value }, DEFAULT_RULES)).toBe(true),
  );
  it.each(["u1", "10", "-2", "null@null.io", "nullable", "anonymous-7"])("%j is not", (value) =>
    expect(isBlocked({ type: "user_id", value }, DEFAULT_RULES)).toBe(false),
  );
  it("follows admin-added values and patterns", () => {
    const rules = { ...DEFAULT_RULES, blockedValues: ["abc123"], blockedPatterns: ["@example\\.com$"] };
    expect(isBlocked({ type: "user_id", value: "ABC123" }, rules)).toBe(true);
    expect(isBlocked({ type: "email", value: "qa@example.com" }, rules)).toBe(true);
    expect(isBlocked({ type: "user_id", value: "null" }, rules)).toBe(false);
  });
});

describe("rules", () => {
  it("accepts the defaults and a custom type's limit", () => {
    expect(parseIdentityRules(DEFAULT_RULES)).toEqual(DEFAULT_RULES);
    expect(parseIdentityRules({ ...DEFAULT_RULES, limits: { ...DEFAULT_RULES.limits, stripe_id: 1 } }).limits.stripe_id).toBe(1);
  });

  it.each([
    ["a zero limit", { limits: { ...DEFAULT_RULES.limits, email: 0 } }, "a limit must be at least 1"],
    ["a fractional limit", { limits: { ...DEFAULT_RULES.limits, email: 1.5 } }, "limits are whole numbers"],
    ["a missing core limit", { limits: { user_id: 1, email: 5, phone: 5 } }, "limits must name"],
    ["a bad type name", { limits: { ...DEFAULT_RULES.limits, "Bad Type": 2 } }, "identifier types are lower case"],
    ["a priority missing a slot", { priority: ["user_id", "email", "phone", "anonymous_id"] }, "exactly once"],
    ["a repeated priority", { priority: ["user_id", "email", "phone", "email", "anonymous_id"] }, "exactly once"],
    ["an unknown slot", { priority: ["user_id", "email", "phone", "external_ids", "device_id"] }, "Invalid option"],
    ["a pattern that does not compile", { blockedPatterns: ["(unclosed"] }, "not a valid regular expression"],
  ])("refuses %s", (_label, edit, message) => {
    const out = identityRulesSchema.safeParse({ ...DEFAULT_RULES, ...edit });
    expect(out.success).toBe(false);
    expect(out.error!.issues.map((i) => i.message).join("; ")).toContain(message);
  });

  it("ranks custom external id types in the shared external_ids slot", () => {
    expect(["user_id", "email", "phone", "stripe_id", "crm_id", "anonymous_id"].map((t) => priorityOf(t, DEFAULT_RULES))).toEqual([0, 1, 2, 3, 3, 4]);
    const reordered = { ...DEFAULT_RULES, priority: ["email", "external_ids", "user_id", "phone", "anonymous_id"] as typeof DEFAULT_RULES.priority };
    expect(priorityOf("stripe_id", reordered)).toBe(1);
    expect(priorityOf("user_id", reordered)).toBe(2);
  });
});
