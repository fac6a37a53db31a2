import { describe, expect, it } from "vitest";
import { newContactInput, updateContactInput } from "./contacts-input";
import { newCompanyInput, normaliseDomain } from "./companies-input";

describe("contact input", () => {
  it("rejects an empty input", () => {
    expect(newContactInput.safeParse({}).success).toBe(false);
    expect(updateContactInput.safeParse({}).success).toBe(false);
  });
  it("needs an email or a name", () => {
    expect(newContactInput.safeParse({ lifecycleStage: "lead" }).success).toBe(false);
    expect(newContactInput.safeParse({ lifecycleStage: "lead", lastName: "Hopper" }).success).toBe(true);
  });
  it("normalises text and email, and maps empty strings to null", () => {
    expect(newContactInput.parse({ email: " Ada@Example.COM ", firstName: " Ada ", phone: "", companyId: "", ownerId: "", lifecycleStage: "mql" })).toEqual({
      email: "ada@example.com", firstName: "Ada", lastName: null, phone: null, jobTitle: null, companyId: null, ownerId: null, lifecycleStage: "mql",
    });
    expect(newContactInput.parse({ email: "a@b.co", lifecycleStage: "lead" }).ownerId).toBeUndefined();
  });
  it("refuses a bad email, phone or stage", () => {
    expect(newContactInput.safeParse({ email: "nope", lifecycleStage: "lead" }).success).toBe(false);
    expect(newContactInput.safeParse({ email: "a@b.co", phone: "call me", lifecycleStage: "lead" }).success).toBe(false);
    expect(newContactInput.safeParse({ email: "a@b.co", lifecycleStage: "vip" }).success).toBe(false);
  });
});

describe("company input", () => {
  it("rejects an empty input and normalises the domain", () => {
    expect(newCompanyInput.safeParse({}).success).toBe(false);
    expect(newCompanyInput.parse({ name: " Acme ", domain: "https://www.Acme.com/about" })).toMatchObject({ name: "Acme", domain: "acme.com" });
    expect(newCompanyInput.safeParse({ name: "Acme", domain: "not a domain" }).success).toBe(false);
  });
  it.each([["acme.com", "acme.com"], ["HTTP://WWW.ACME.CO.UK/", "acme.co.uk"], ["sub.acme.io?x=1", "sub.acme.io"]])("normaliseDomain(%s)", (a, b) => expect(normaliseDomain(a)).toBe(b));
});
