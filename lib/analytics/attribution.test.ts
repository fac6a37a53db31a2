import { describe, expect, it } from "vitest";
import { attributionReference, attributionRequestSchema, compareColumns, modelWeights, NO_TOUCH, type AttributionQuery, type ReferenceEvent } from "./attribution";
import { DEFAULT_LIFECYCLE } from "./lifecycle";
import { daysToRange, isDay, lastDays } from "./request";

const DAY = 86_400_000;
const T = new Date("2026-03-31T12:00:00Z");
const touch = (daysBefore: number, channel: string) => ({ at: new Date(T.getTime() - daysBefore * DAY), channel });
const round = (xs: number[]) => xs.map((x) => Math.round(x * 1e6) / 1e6);

describe("modelWeights", () => {
  const four = [touch(20, "Paid Search"), touch(10, "Email"), touch(3, "Organic Search"), touch(0, "Direct")];
  it.each([
    ["firstTouch", [1, 0, 0, 0]],
    ["lastNonDirect", [0, 0, 1, 0]],
    ["linear", [0.25, 0.25, 0.25, 0.25]],
    ["uShaped", [0.4, 0.1, 0.1, 0.4]],
  ] as const)("%s over four touches", (model, want) => expect(round(modelWeights(model, four, T))).toEqual(want));

  it("U-shaped: one touch 100 %, two 50/50, six 40/5/5/5/5/40 (Mixpanel's example)", () => {
    expect(modelWeights("uShaped", [touch(1, "Email")], T)).toEqual([1]);
    expect(modelWeights("uShaped", [touch(2, "Email"), touch(1, "Direct")], T)).toEqual([0.5, 0.5]);
    const six = [6, 5, 4, 3, 2, 1].map((d) => touch(d, "Email"));
    expect(round(modelWeights("uShaped", six, T))).toEqual([0.4, 0.05, 0.05, 0.05, 0.05, 0.4]);
  });

  it("time decay: a touch 7 days older weighs half; weights add up to 1", () => {
    const w = modelWeights("timeDecay", [touch(14, "Email"), touch(7, "Referral"), touch(0, "Direct")], T);
    expect(w[0]! / w[1]!).toBeCloseTo(0.5, 12);
    expect(w[1]! / w[2]!).toBeCloseTo(0.5, 12);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(round(w)).toEqual(round([1 / 7, 2 / 7, 4 / 7]));
  });

  it("last non-direct falls back to Direct when every touch is Direct (as GA4 does)", () => {
    expect(modelWeights("lastNonDirect", [touch(5, "Direct"), touch(1, "Direct")], T)).toEqual([0, 1]);
    expect(modelWeights("lastNonDirect", [touch(5, "Email"), touch(1, "Direct")], T)).toEqual([1, 0]);
  });

  it("no touches → no weights", () => {
    for (const m of ["firstTouch", "lastNonDirect", "linear", "timeDecay", "uShaped"] as const) expect(modelWeights(m, [], T)).toEqual([]);
  });
});

describe("attributionReference", () => {
  let seq = 0;
  const ev = (personId: string, at: string, over: Partial<ReferenceEvent> = {}): ReferenceEvent => ({
    seq: ++seq,
    at: new Date(at),
    type: "page",
    sourceKind: "web",
    channel: null,
    pagePath: "/",
    referrer: null,
    utmCampaign: null,
    personId,
    event: null,
    properties: {},
    ...over,
  });
  const buy = (personId: string, at: string, revenue: unknown) => ev(personId, at, { type: "track", sourceKind: "server", event: "Subscription Started", properties: { revenue } });
  const events = [
    // Ann: Paid Social 40 days before (outside the window), Email 10 days before, Direct on the day; buys 49.
    ev("ann", "2026-02-19T10:00:00Z", { channel: "Paid Social", utmCampaign: "spring" }),
    ev("ann", "2026-03-21T10:00:00Z", { channel: "Email", utmCampaign: "newsletter" }),
    ev("ann", "2026-03-31T11:50:00Z", { channel: "Direct" }),
    ev("ann", "2026-03-31T12:10:00Z", { channel: null }), // same session as the Direct visit
    buy("ann", "2026-03-31T12:00:00Z", 49),
    // Bob: only a server-side purchase, no session at all → (none).
    buy("bob", "2026-03-20T09:00:00Z", "99.00"),
    // Cy: a session that starts exactly at the conversion time counts (at or before).
    ev("cy", "2026-03-10T08:00:00Z", { channel: "Referral", type: "track", event: "Subscription Started", properties: { revenue: 10 } }),
    // Dee: bought before the range: not a conversion in it (first conversion only).
    buy("dee", "2026-01-05T00:00:00Z", 10),
    buy("dee", "2026-03-05T00:00:00Z", 10),
  ];
  const people = [
    { id: "ann", firstChannel: "Paid Social", firstCampaign: "spring", hasFirstTouch: true },
    { id: "bob", firstChannel: null, firstCampaign: null, hasFirstTouch: false },
    { id: "cy", firstChannel: "Referral", firstCampaign: null, hasFirstTouch: true },
    { id: "dee", firstChannel: "Email", firstCampaign: null, hasFirstTouch: true },
  ];
  const query: AttributionQuery = { rule: DEFAULT_LIFECYCLE.customer, from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z"), lookbackDays: 30, dimension: "channel", count: "first" };

  it("credits each model as defined", () => {
    const r = attributionReference(events, people, query);
    expect(r.totals).toEqual({ conversions: 3, revenue: 49 + 99 + 10, people: 3, withTouches: 2, touches: 3 });
    const credit = (key: string, col: string) => r.rows.find((x) => x.key === key)?.credits[col as "linear"].conversions ?? 0;
    expect(credit("Email", "firstTouch")).toBe(1);
    expect(credit("Email", "lastNonDirect")).toBe(1);
    expect(credit("Direct", "lastNonDirect")).toBe(0);
    expect(credit("Direct", "linear")).toBe(0.5);
    expect(credit(NO_TOUCH, "linear")).toBe(1);
    expect(credit("Referral", "uShaped")).toBe(1);
    expect(credit("Paid Social", "allTimeFirstTouch")).toBe(1);
    expect(credit("Paid Social", "linear")).toBe(0);
    expect(credit(NO_TOUCH, "allTimeFirstTouch")).toBe(1);
    const revenue = r.rows.find((x) => x.key === "Email")!.credits.linear.revenue;
    expect(revenue).toBeCloseTo(24.5, 9);
    // Every model credits all conversions, and all revenue.
    for (const col of ["firstTouch", "lastNonDirect", "linear", "timeDecay", "uShaped", "allTimeFirstTouch"] as const) {
      expect(r.rows.reduce((s, x) => s + x.credits[col].conversions, 0)).toBeCloseTo(3, 9);
      expect(r.rows.reduce((s, x) => s + x.credits[col].revenue, 0)).toBeCloseTo(158, 9);
    }
  });

  it("by campaign: a touch without one is (not set)", () => {
    const r = attributionReference(events, people, { ...query, dimension: "campaign" });
    expect(r.rows.map((x) => x.key).sort()).toEqual(["(none)", "(not set)", "newsletter", "spring"]);
    expect(r.rows.find((x) => x.key === "newsletter")!.credits.firstTouch.conversions).toBe(1);
  });

  it("every conversion, and a member filter", () => {
    expect(attributionReference(events, people, { ...query, count: "every" }).totals.conversions).toBe(4);
    expect(attributionReference(events, people, query, new Set(["ann"])).totals.conversions).toBe(1);
  });

  it("compareColumns shows the shift between two models", () => {
    const r = attributionReference(events, people, query);
    const diff = compareColumns(r, "allTimeFirstTouch", "lastNonDirect");
    expect(diff.find((d) => d.key === "Paid Social")).toMatchObject({ a: 1, b: 0, delta: -1 });
    expect(diff.find((d) => d.key === "Email")).toMatchObject({ a: 0, b: 1, delta: 1 });
  });
});

describe("attributionRequestSchema", () => {
  it("fills defaults", () => {
    const r = attributionRequestSchema.parse({ from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z" });
    expect(r).toMatchObject({ lookbackDays: 30, dimension: "channel", count: "first" });
    expect(r.from).toEqual(new Date("2026-03-01T00:00:00Z"));
  });
  it.each([
    [{ from: "2026-04-01T00:00:00Z", to: "2026-03-01T00:00:00Z" }, "before"],
    [{ from: "2026-03-01", to: "2026-04-01T00:00:00Z" }, "ISO 8601"],
    [{ from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", lookbackDays: 0 }, "lookbackDays"],
    [{ from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", dimension: "source" }, "dimension"],
  ])("rejects %j", (input, message) => {
    const r = attributionRequestSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error!.issues)).toContain(message);
  });
});

describe("day ranges", () => {
  it("whole UTC days, both included", () => {
    expect(daysToRange("2026-03-01", "2026-03-31")).toEqual({ from: "2026-03-01T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z" });
    expect(lastDays(new Date("2026-03-31T15:00:00Z"), 30)).toEqual({ fromDay: "2026-03-02", toDay: "2026-03-31" });
    expect([isDay("2026-02-28"), isDay("2026-2-28"), isDay("nope")]).toEqual([true, false, false]);
  });
});
