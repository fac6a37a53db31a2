import { describe, expect, it } from "vitest";
import { formatProfileRef, parseProfileRef, type ProfileRef, parsePersonRef } from "./profile-ref";

describe("parseProfileRef", () => {
  const good: [string, string, ProfileRef][] = [
    ["user id", "user_id:42", { kind: "identifier", type: "user_id", value: "42" }],
    ["anonymous id", "anonymous_id:a-b-c", { kind: "identifier", type: "anonymous_id", value: "a-b-c" }],
    ["email lower-cased and trimmed", "email:%20Ann@Example.COM%20", { kind: "identifier", type: "email", value: "ann@example.com" }],
    ["percent-encoded @", "email:ann%40example.com", { kind: "identifier", type: "email", value: "ann@example.com" }],
    ["type case-insensitive", "EMAIL:ann@example.com", { kind: "identifier", type: "email", value: "ann@example.com" }],
    ["phone normalised", "phone:+44 (20) 7946-0958", { kind: "identifier", type: "phone", value: "+442079460958" }],
    ["phone without plus", "phone:555-010-9999", { kind: "identifier", type: "phone", value: "5550109999" }],
    ["value keeps later colons", "user_id:urn:acme:42", { kind: "identifier", type: "user_id", value: "urn:acme:42" }],
    ["encoded colon in value", "user_id:a%3Ab", { kind: "identifier", type: "user_id", value: "a:b" }],
    ["custom type", "stripe_id:cus_123", { kind: "identifier", type: "stripe_id", value: "cus_123" }],
    ["custom type upper-case", "CRM.ID:7", { kind: "identifier", type: "crm.id", value: "7" }],
    ["profile id", "profile_id:3f2a9c1e-0000-4000-8000-000000000001", { kind: "profile_id", id: "3f2a9c1e-0000-4000-8000-000000000001" }],
    ["stray percent kept", "user_id:100%", { kind: "identifier", type: "user_id", value: "100%" }],
  ];
  for (const [name, input, ref] of good) {
    it(`accepts ${name}`, () => {
      expect(parseProfileRef(input)).toEqual({ ok: true, ref });
    });
  }

  const bad: [string, string, RegExp][] = [
    ["no colon", "ann@example.com", /has no type.*\{type\}:\{value\}/],
    ["empty type", ":42", /type before ":" is missing/],
    ["empty value", "user_id:", /Give a value after "user_id:"/],
    ["blank value", "email:%20%20", /Give a value after "email:"/],
    ["unknown type with a space", "my type:1", /not an identifier type/],
    ["the external_ids slot", "external_ids:1", /not an identifier type/],
    ["invalid email", "email:not-an-email", /not an email address.*email:ann@example.com/],
    ["short phone", "phone:12-34", /not a phone number.*7 digits/],
    ["bad profile id", "profile_id:a b", /not a profile id/],
    ["too long", `user_id:${"x".repeat(1001)}`, /longer than 1000/],
  ];
  for (const [name, input, reason] of bad) {
    it(`refuses ${name} with a reason`, () => {
      const r = parseProfileRef(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(reason);
    });
  }

  it("round-trips through formatProfileRef", () => {
    for (const [, input] of good) {
      const r = parseProfileRef(input);
      if (!r.ok) throw new Error(input);
      expect(parseProfileRef(formatProfileRef(r.ref))).toEqual(r);
    }
  });
});

describe("parsePersonRef", () => {
  it.each([
    ["contact_id:c-1", { kind: "contact_id", id: "c-1" }],
    ["Contact_ID: c-1 ", { kind: "contact_id", id: "c-1" }],
    ["contact_id%3Ac-1", { kind: "contact_id", id: "c-1" }],
    ["email:Ann@X.io", { kind: "identifier", type: "email", value: "ann@x.io" }],
  ])("reads %s", (input, ref) => expect(parsePersonRef(input)).toEqual({ ok: true, ref }));
  it.each([
    ["contact_id:", /Give a value after "contact_id:"/],
    ["contact_id:a b", /not a contact id/],
  ])("refuses %s", (input, reason) => {
    const r = parsePersonRef(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
  it("the profile-only endpoints refuse contact_id with a pointer to the timeline", () => {
    const r = parseProfileRef("contact_id:c-1");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/timeline/);
  });
});
