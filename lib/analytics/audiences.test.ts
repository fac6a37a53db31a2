import { describe, expect, it } from "vitest";
import { audienceDefinitionSchema, audienceReference, describeCondition, matchesAudience, type AudienceDefinition, type ReferencePersonData } from "./audiences";

const NOW = new Date("2026-04-01T00:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

// The issue's examples, as definitions.
const trialNoSub: AudienceDefinition = {
  type: "group",
  match: "all",
  conditions: [
    { type: "event", event: "Trial Started", did: true, window: { type: "last", days: 14 } },
    { type: "event", event: "Subscription Started", did: false, window: { type: "ever" } },
  ],
};
const bigSpenders: AudienceDefinition = { type: "group", match: "all", conditions: [{ type: "profile", field: "revenue", op: "gt", value: 1000 }] };
const paidSocial: AudienceDefinition = { type: "group", match: "all", conditions: [{ type: "profile", field: "first_channel", op: "eq", value: "Paid Social" }] };
const opportunity: AudienceDefinition = { type: "group", match: "all", conditions: [{ type: "crm", field: "lifecycle_stage", op: "eq", value: "opportunity" }] };
const demoed: AudienceDefinition = { type: "group", match: "all", conditions: [{ type: "interaction", kind: "demo", did: true, window: { type: "last", days: 30 } }] };
const priyas: AudienceDefinition = { type: "group", match: "all", conditions: [{ type: "crm", field: "owner", op: "eq", value: "user-priya" }] };

const person = (id: string, over: Partial<ReferencePersonData> = {}): ReferencePersonData => ({
  id,
  traits: {},
  revenue: 0,
  eventCount: 0,
  firstChannel: null,
  firstUtmSource: null,
  firstUtmCampaign: null,
  events: [],
  contacts: [],
  interactions: [],
  ...over,
});

const people = [
  person("trialist", { events: [{ type: "track", event: "Trial Started", at: ago(3) }], firstChannel: "Paid Social" }),
  person("old-trialist", { events: [{ type: "track", event: "Trial Started", at: ago(20) }] }),
  person("subscriber", { events: [{ type: "track", event: "Trial Started", at: ago(3) }, { type: "track", event: "Subscription Started", at: ago(1) }], revenue: 1200 }),
  // A subscription after `now` does not count yet.
  person("future", { events: [{ type: "track", event: "Trial Started", at: ago(3) }, { type: "track", event: "Subscription Started", at: new Date(NOW.getTime() + DAY) }] }),
  person("lead", { contacts: [{ lifecycleStage: "opportunity", ownerId: "user-priya" }], interactions: [{ kind: "demo", at: ago(30) }], revenue: 1000 }),
  person("stale-demo", { contacts: [{ lifecycleStage: "customer", ownerId: null }], interactions: [{ kind: "demo", at: new Date(ago(30).getTime() - 1) }] }),
];

describe("the issue's examples", () => {
  it.each([
    ["did Trial Started in the last 14 days and did not do Subscription Started", trialNoSub, ["future", "trialist"]],
    ["revenue to date > 1000", bigSpenders, ["subscriber"]],
    ["first-touch channel is Paid Social", paidSocial, ["trialist"]],
    ["lifecycle stage is Opportunity", opportunity, ["lead"]],
    ["had a demo in the last 30 days (the window's start is inclusive)", demoed, ["lead"]],
    ["owner is Priya", priyas, ["lead"]],
  ])("%s", (_, def, want) => {
    expect(audienceDefinitionSchema.parse(def)).toEqual(def);
    expect(audienceReference(def, people, NOW)).toEqual(want);
  });

  it("AND/OR groups, and empty groups", () => {
    const def: AudienceDefinition = { type: "group", match: "any", conditions: [bigSpenders, { type: "group", match: "all", conditions: [opportunity, demoed] }] };
    expect(audienceReference(def, people, NOW)).toEqual(["lead", "subscriber"]);
    expect(audienceReference({ type: "group", match: "all", conditions: [] }, people, NOW)).toHaveLength(people.length);
    expect(audienceReference({ type: "group", match: "any", conditions: [] }, people, NOW)).toEqual([]);
  });
});

describe("operators", () => {
  const p = person("x", { traits: { plan: "Pro", seats: "12", score: 7, note: null }, firstChannel: null, contacts: [] });
  const t = (op: string, key: string, value?: string | number) => matchesAudience({ type: "trait", key, op: op as "eq", value }, p, NOW);
  it.each([
    ["eq", "plan", "Pro", true],
    ["eq", "plan", "pro", false],
    ["contains", "plan", "PR", true],
    ["not_contains", "plan", "PR", false],
    ["eq", "score", 7, true],
    ["eq", "score", "7", true],
    ["gt", "seats", 10, true],
    ["lte", "seats", "12", true],
    ["gt", "plan", 1, false],
    ["neq", "missing", "a", true],
    ["is_set", "note", undefined, false],
    ["not_set", "note", undefined, true],
    ["is_set", "plan", undefined, true],
  ])("trait %s %s %j → %s", (op, key, value, want) => expect(t(op, key, value)).toBe(want));

  it("“is not” includes people with no value; CRM conditions without a contact", () => {
    expect(matchesAudience({ type: "profile", field: "first_channel", op: "neq", value: "Direct" }, p, NOW)).toBe(true);
    expect(matchesAudience({ type: "crm", field: "lifecycle_stage", op: "neq", value: "customer" }, p, NOW)).toBe(true);
    expect(matchesAudience({ type: "crm", field: "contact", op: "not_set" }, p, NOW)).toBe(true);
    expect(matchesAudience({ type: "crm", field: "owner", op: "is_set" }, people[5]!, NOW)).toBe(false);
  });

  it("counts events: at least N times in the window", () => {
    const busy = person("b", { events: [1, 2, 3].map((d) => ({ type: "track", event: "Report Viewed", at: ago(d) })) });
    expect(matchesAudience({ type: "event", event: "Report Viewed", did: true, times: 3, window: { type: "last", days: 7 } }, busy, NOW)).toBe(true);
    expect(matchesAudience({ type: "event", event: "Report Viewed", did: true, times: 3, window: { type: "last", days: 2 } }, busy, NOW)).toBe(false);
    const between = { type: "between" as const, from: ago(3).toISOString(), to: ago(1).toISOString() };
    // [from, to): the event exactly at `to` is out.
    expect(matchesAudience({ type: "event", event: "Report Viewed", did: true, times: 2, window: between }, busy, NOW)).toBe(true);
    expect(matchesAudience({ type: "event", event: "Report Viewed", did: true, times: 3, window: between }, busy, NOW)).toBe(false);
  });
});

describe("validation", () => {
  const wrap = (c: unknown) => ({ type: "group", match: "all", conditions: [c] });
  it.each([
    [wrap({ type: "profile", field: "revenue", op: "contains", value: "1" }), "is a number"],
    [wrap({ type: "profile", field: "first_channel", op: "gt", value: 1 }), "This field is text"],
    [wrap({ type: "trait", key: "plan", op: "eq" }), "Give a value"],
    [wrap({ type: "trait", key: "seats", op: "gt", value: "many" }), "Compare with a number"],
    [wrap({ type: "crm", field: "lifecycle_stage", op: "eq", value: "prospect" }), "Choose a lifecycle stage"],
    [wrap({ type: "crm", field: "owner", op: "eq" }), "Choose an owner"],
    [wrap({ type: "event", event: "X", did: false, times: 3, window: { type: "ever" } }), "zero times"],
    [wrap({ type: "event", event: "X", did: true, window: { type: "between", from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" } }), "before its end"],
    [wrap({ type: "planet", key: "x" }), "type"],
    [{ type: "group", match: "all", conditions: Array.from({ length: 41 }, () => ({ type: "crm", field: "contact", op: "is_set" })) }, "40"],
    [wrap(wrap(wrap(wrap({ type: "group", match: "all", conditions: [] })))), "nest"],
  ])("rejects %#", (def, message) => {
    const r = audienceDefinitionSchema.safeParse(def);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error!.issues)).toContain(message);
  });
});

describe("describeCondition", () => {
  it("reads as a sentence", () => {
    expect(describeCondition(trialNoSub)).toBe("did “Trial Started” in the last 14 days and did not do “Subscription Started” ever");
    expect(describeCondition(priyas, { "user-priya": "Priya Raman" })).toBe("owner is Priya Raman");
    expect(describeCondition({ type: "group", match: "any", conditions: [bigSpenders.conditions[0]!, opportunity.conditions[0]!] })).toBe("revenue to date > 1000 or lifecycle stage is Opportunity");
  });
});
