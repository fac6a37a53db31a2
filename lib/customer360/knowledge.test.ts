import { describe, expect, it } from "vitest";
import { compareKnowledge, type CdpTrait, type KnowledgeInput, type KnownValue } from "./knowledge";

const crmV = (value: string): KnownValue => ({ value, source: "CRM", at: "2026-03-01T00:00:00.000Z" });
const trait = (value: unknown): CdpTrait => ({ value, source: "Website", at: "2026-03-02T00:00:00.000Z" });

function statuses(input: Partial<KnowledgeInput>) {
  return Object.fromEntries(compareKnowledge({ crm: null, traits: null, identities: [], ...input }).map((r) => [r.label, r.status]));
}

describe("compareKnowledge", () => {
  const cases: [string, Partial<KnowledgeInput>, Record<string, string>][] = [
    ["nothing known, nothing shown", {}, {}],
    ["an email differing only in case agrees", { crm: { email: crmV("Ann@Example.com") }, traits: { email: trait("ann@example.COM ") } }, { Email: "both" }],
    ["a phone differing only in formatting agrees", { crm: { phone: crmV("+1 (415) 555-0123") }, traits: { phone: trait("+14155550123") } }, { Phone: "both" }],
    ["names are trimmed and case-folded", { crm: { firstName: crmV("  ada "), lastName: crmV("LOVELACE") }, traits: { first_name: trait("Ada"), lastName: trait("Lovelace") } }, { "First name": "both", "Last name": "both" }],
    ["jobTitle maps to title", { crm: { title: crmV("VP Ops") }, traits: { jobTitle: trait("vp  ops") } }, { "Job title": "both" }],
    ["Segment's company object is read by its name", { crm: { company: crmV("Acme") }, traits: { company: trait({ name: "ACME", plan: "pro" }) } }, { Company: "both" }],
    ["a real difference is a disagreement", { crm: { title: crmV("CTO") }, traits: { title: trait("CEO") } }, { "Job title": "disagree" }],
    ["only the CRM knows", { crm: { lastName: crmV("Lovelace") }, traits: {} }, { "Last name": "crm_only" }],
    ["only the CDP knows", { crm: {}, traits: { title: trait("CTO") } }, { "Job title": "cdp_only" }],
    ["a full name trait gives first and last name", { crm: { firstName: crmV("Ada King"), lastName: crmV("Lovelace") }, traits: { name: trait("Ada King Lovelace") } }, { "First name": "both", "Last name": "both" }],
    [
      "an email known only as an identifier still counts, extra identifiers are listed",
      { crm: { email: crmV("ann@example.com") }, traits: {}, identities: [{ type: "email", value: "ann@example.com", at: null }, { type: "email", value: "ann@home.example", at: null }, { type: "anonymous_id", value: "a1", at: null }] },
      { Email: "both", "Other email": "cdp_only" },
    ],
    ["a profile with no contact: everything is CDP only", { traits: { email: trait("a@x.io"), title: trait("CTO") } }, { Email: "cdp_only", "Job title": "cdp_only" }],
  ];
  for (const [name, input, want] of cases) it(name, () => expect(statuses(input)).toEqual(want));

  it("keeps each side's source and time", () => {
    const [row] = compareKnowledge({ crm: { title: crmV("CTO") }, traits: { title: trait("CEO") }, identities: [] });
    expect(row).toMatchObject({ crm: { source: "CRM", at: "2026-03-01T00:00:00.000Z" }, cdp: { source: "Website", value: "CEO" } });
  });
});
