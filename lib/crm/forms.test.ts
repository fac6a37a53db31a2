import { describe, expect, it } from "vitest";
import { cookieValue, describeSubmission, fillBlanks, parseSubmission } from "./forms";

const ok = (fields: Record<string, unknown>, cookie: string | null = null) => {
  const r = parseSubmission(fields, cookie);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.submission;
};

describe("parseSubmission", () => {
  it.each([
    [{ email: " Ada@Example.COM " }, { email: "ada@example.com", firstName: null, lastName: null }],
    [{ email: "a@b.co", first_name: "Ada", last_name: "Lovelace" }, { firstName: "Ada", lastName: "Lovelace" }],
    [{ email: "a@b.co", firstName: "Ada", lastName: "L" }, { firstName: "Ada", lastName: "L" }],
    [{ email: "a@b.co", name: "Grace Brewster Hopper" }, { firstName: "Grace", lastName: "Brewster Hopper" }],
    [{ email: "a@b.co", name: "Cher" }, { firstName: "Cher", lastName: null }],
    [{ email: "a@b.co", company_name: "Acme", tel: "+44 20 7946 0000", title: "CTO" }, { company: "Acme", phone: "+44 20 7946 0000", jobTitle: "CTO" }],
    [{ Email: "x@y.io" }, { email: "x@y.io" }],
  ])("%j", (fields, want) => {
    expect(ok(fields).contact).toMatchObject(want);
  });

  it.each([[{}], [{ email: "" }], [{ email: "not-an-email" }], [{ email: ["a@b.co"] }], [{ email: 5 }]])("refuses %j", (fields) => {
    expect(parseSubmission(fields, null)).toEqual({ ok: false, errors: { email: "Enter a valid email address." } });
  });

  it("flags the honeypot, keeps control fields out of the values and takes the anonymous id", () => {
    const s = ok({ email: "a@b.co", message: "Call me", _hp: "http://spam", anonymousId: "anon-1" });
    expect(s.isBot).toBe(true);
    expect(s.values).toEqual({ email: "a@b.co", message: "Call me" });
    expect(s.anonymousId).toBe("anon-1");
    expect(ok({ email: "a@b.co" }, "cookie-anon").anonymousId).toBe("cookie-anon");
    expect(ok({ email: "a@b.co", anonymous_id: "field" }, "cookie").anonymousId).toBe("field");
    expect(ok({ email: "a@b.co", _hp: "" }).isBot).toBe(false);
  });
});

describe("fillBlanks", () => {
  const submitted = { email: "a@b.co", firstName: "Ada", lastName: "Lovelace", phone: "123", jobTitle: "CTO", company: null };
  it.each([
    [{ firstName: null, lastName: null, phone: null, jobTitle: null }, { firstName: "Ada", lastName: "Lovelace", phone: "123", jobTitle: "CTO" }],
    [{ firstName: "Augusta", lastName: null, phone: "999", jobTitle: null }, { lastName: "Lovelace", jobTitle: "CTO" }],
    [{ firstName: "A", lastName: "B", phone: "C", jobTitle: "D" }, {}],
  ])("existing %j → patch %j", (existing, want) => {
    expect(fillBlanks(existing, submitted)).toEqual(want);
  });
});

describe("describeSubmission and cookieValue", () => {
  it("formats values one per line", () => {
    expect(describeSubmission({ email: "a@b.co", team_size: "12" })).toBe("Email: a@b.co\nTeam size: 12");
  });
  it.each([
    ["tdm_aid=abc; other=1", "abc"],
    ["other=1;  tdm_aid=%22q%22", '"q"'],
    ['tdm_aid="quoted"', "quoted"],
    ["x=1", null],
    [null, null],
    ["tdm_aid=%E0%A4%A", null],
  ])("%j → %j", (header, want) => {
    expect(cookieValue(header, "tdm_aid")).toBe(want);
  });
});
