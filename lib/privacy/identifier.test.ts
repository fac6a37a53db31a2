import { describe, expect, it } from "vitest";
import { identifierHash, parsePrivacyIdentifier } from "./identifier";

describe("parsePrivacyIdentifier", () => {
  it.each([
    ["email:Ann@Example.com ", { type: "email", value: "ann@example.com" }],
    [" EMAIL: ann@example.com", { type: "email", value: "ann@example.com" }],
    ["user_id: u-1 ", { type: "user_id", value: "u-1" }],
    ["anonymous_id:a:b:c", { type: "anonymous_id", value: "a:b:c" }],
    ["phone:+44 (20) 7946-0000", { type: "phone", value: "+442079460000" }],
    ["crm_id:42", { type: "crm_id", value: "42" }],
  ])("%s is %o", (input, identifier) => {
    expect(parsePrivacyIdentifier(input)).toEqual({ ok: true, identifier });
  });

  it.each([
    ["ann@example.com", /type:value/],
    [":x", /type:value/],
    ["email:", /empty/],
    ["email:not-an-email", /not an email/],
    ["phone:123", /7 digits/],
    ["profile_id:abc", /not an identifier type/],
    ["Bad Type:x", /not an identifier type/],
    [`user_id:${"x".repeat(1001)}`, /too long/],
  ])("%s is refused", (input, message) => {
    const r = parsePrivacyIdentifier(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("hashes the normalised type:value with SHA-256", () => {
    expect(identifierHash({ type: "email", value: "ann@example.com" })).toBe("35f3b3170d36d0a179d1bf8e9cf8cfc364ca33bccbc6a94127b30f3d71b365e2");
    expect(identifierHash({ type: "email", value: "ann@example.com" })).not.toBe(identifierHash({ type: "user_id", value: "ann@example.com" }));
  });
});
