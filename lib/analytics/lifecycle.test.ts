import { describe, expect, it } from "vitest";
import { DEFAULT_LIFECYCLE, describeRule, lifecycleFromSetting, lifecycleSettingsSchema, reachesStage, type LifecycleEvent } from "./lifecycle";

const track = (event: string, properties: Record<string, unknown> = {}, sourceKind = "server"): LifecycleEvent => ({ type: "track", event, sourceKind, properties });

describe("reachesStage", () => {
  const customer = DEFAULT_LIFECYCLE.customer;
  const cases: [string, Parameters<typeof reachesStage>[0], LifecycleEvent, boolean][] = [
    ["the named event", DEFAULT_LIFECYCLE.signedUp, track("Signed Up", {}, "web"), true],
    ["another event", DEFAULT_LIFECYCLE.signedUp, track("Signed In", {}, "web"), false],
    ["a page call named like the event", DEFAULT_LIFECYCLE.signedUp, { type: "page", event: "Signed Up", sourceKind: "web", properties: {} }, false],
    ["a CRM-source copy", DEFAULT_LIFECYCLE.signedUp, track("Signed Up", {}, "crm"), false],
    ["revenue > 0", customer, track("Subscription Started", { revenue: 49 }), true],
    ["revenue as a numeric string", customer, track("Order Completed", { revenue: "12.50" }), true],
    ["a refund", customer, track("Order Refunded", { revenue: -49 }), false],
    ["zero revenue", customer, track("Subscription Started", { revenue: 0 }), false],
    ["revenue under a cent", customer, track("Tip", { revenue: 0.001 }), false],
    ["no revenue", customer, track("Subscription Started"), false],
    ["revenue that is not a number", customer, track("Subscription Started", { revenue: "lots" }), false],
    ["event or revenue: the event without revenue", { event: "Contract Signed", revenue: true }, track("Contract Signed"), true],
  ];
  for (const [name, rule, e, want] of cases) it(name, () => expect(reachesStage(rule, e)).toBe(want));
});

describe("settings", () => {
  it("falls back to the defaults for a missing or damaged value", () => {
    expect(lifecycleFromSetting(null)).toEqual(DEFAULT_LIFECYCLE);
    expect(lifecycleFromSetting({ signedUp: 3 })).toEqual(DEFAULT_LIFECYCLE);
  });
  it("keeps a valid value and trims names; an empty name means none", () => {
    const v = { signedUp: { event: "  Account Created ", revenue: false }, trialStarted: { event: "Trial Started", revenue: false }, customer: { event: "", revenue: true } };
    expect(lifecycleFromSetting(v)).toEqual({ ...v, signedUp: { event: "Account Created", revenue: false }, customer: { event: null, revenue: true } });
  });
  it("refuses a stage with neither an event nor revenue", () => {
    const r = lifecycleSettingsSchema.safeParse({ ...DEFAULT_LIFECYCLE, trialStarted: { event: " ", revenue: false } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["trialStarted", "event"]);
  });
  it("describes each rule in words", () => {
    expect(describeRule(DEFAULT_LIFECYCLE.signedUp)).toBe("the first “Signed Up” event");
    expect(describeRule(DEFAULT_LIFECYCLE.customer)).toBe("the first event with revenue > 0");
  });
});
