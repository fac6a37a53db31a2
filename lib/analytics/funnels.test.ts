// The funnel definitions, case by case, on the reference — including the documented examples of
// PostHog, Mixpanel and Amplitude where they share our definitions (shared research notes §1).
import { describe, expect, it } from "vitest";
import { funnelRequestSchema, weeksOf, weekStartMs, percentileCont, shapeSteps, ttcBin, type FunnelRequestInput } from "./funnel-definition";
import { filterMatches, referenceFunnel, referencePeople, scalarText, type FunnelEvent, type FunnelPerson } from "./funnels";
import { PAGEVIEW } from "./event-catalog";

let seq = 0;
function ev(person: string, event: string, at: string, properties: Record<string, unknown> = {}, more: Partial<FunnelEvent> = {}): FunnelEvent {
  const type = event === PAGEVIEW ? "page" : "track";
  return {
    personId: person,
    seq: ++seq,
    timestamp: new Date(at.includes("T") ? at : `2026-03-02T${at}Z`),
    type,
    event: type === "track" ? event : null,
    sourceKind: "web",
    properties,
    channel: null,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    referringDomain: null,
    pagePath: null,
    ...more,
  };
}

type StepsIn = (string | FunnelRequestInput["steps"][number])[];
type Extra = Omit<Partial<FunnelRequestInput>, "steps">;
const def = (input: Extra & { steps: StepsIn }) =>
  funnelRequestSchema.parse({
    from: "2026-03-01",
    to: "2026-04-01",
    ...input,
    steps: input.steps.map((s) => (typeof s === "string" ? { event: s } : s)),
  });
const people = (steps: StepsIn, events: FunnelEvent[], extra: Extra = {}) => referenceFunnel(def({ steps, ...extra }), events).result.steps.map((s) => s.people);
const reachedBy = (steps: StepsIn, events: FunnelEvent[], extra: Extra = {}) =>
  Object.fromEntries([...referenceFunnel(def({ steps, ...extra }), events).people].map(([id, p]) => [id, p.best.reached]));

describe("documented vendor examples that share our definitions", () => {
  it("Mixpanel (specific order): A→B→D→C→D→E converts through A,B,C,D,E; A→B→C→E drops after C", () => {
    const seqOf = (person: string, names: string[]) => names.map((n, i) => ev(person, n, `10:0${i}:00`));
    expect(reachedBy(["A", "B", "C", "D", "E"], [...seqOf("u1", ["A", "B", "D", "C", "D", "E"]), ...seqOf("u2", ["A", "B", "C", "E"])])).toEqual({ u1: 5, u2: 3 });
  });

  it("Amplitude (this order): four searches then an add-to-cart is one converted user; A→A→B converts A→B", () => {
    const events = [...["10:00", "10:01", "10:02", "10:03"].map((t) => ev("u1", "Search", `${t}:00`)), ev("u1", "Add to Cart", "10:04:00")];
    expect(people(["Search", "Add to Cart"], events)).toEqual([1, 1]);
    expect(people(["A", "B"], [ev("u2", "A", "10:00:00"), ev("u2", "A", "10:01:00"), ev("u2", "B", "10:02:00")])).toEqual([1, 1]);
  });

  it("Amplitude (exact order) and PostHog (strict): nothing else may happen between two steps", () => {
    const events = [ev("u1", "A", "10:00:00"), ev("u1", "X", "10:01:00"), ev("u1", "B", "10:02:00"), ev("u2", "A", "10:00:00"), ev("u2", "B", "10:02:00")];
    expect(reachedBy(["A", "B"], events, { order: "strict" })).toEqual({ u1: 1, u2: 2 });
    expect(reachedBy(["A", "B"], events, { order: "sequential" })).toEqual({ u1: 2, u2: 2 });
  });

  it("PostHog: a duplicated step means the event must happen that many times", () => {
    expect(reachedBy(["A", "A", "B"], [ev("u1", "A", "10:00:00"), ev("u1", "B", "10:01:00"), ev("u2", "A", "10:00:00"), ev("u2", "A", "10:01:00"), ev("u2", "B", "10:02:00")])).toEqual({ u1: 1, u2: 3 });
  });

  it("PostHog: the default conversion window is 14 days, measured from step 1 to the last step", () => {
    const base = "2026-03-02T10:00:00.000Z";
    const at = (ms: number) => new Date(new Date(base).getTime() + ms).toISOString();
    const D14 = 14 * 86_400_000;
    const events = [ev("in", "A", base), ev("in", "B", at(D14)), ev("out", "A", base), ev("out", "B", at(D14 + 1))];
    expect(reachedBy(["A", "B"], events)).toEqual({ in: 2, out: 1 });
  });

  it("Mixpanel exclusions: a person still counts for every step up to the excluded event", () => {
    const events = [ev("u1", "A", "10:00:00"), ev("u1", "B", "10:01:00"), ev("u1", "X", "10:02:00"), ev("u1", "C", "10:03:00")];
    expect(people(["A", "B", "C"], events, { exclusions: [{ event: "X", fromStep: 2, toStep: 3 }] })).toEqual([1, 1, 0]);
    // (PostHog instead drops such a person from the whole funnel: not our definition.)
  });

  it("Mixpanel Optimized Re-entry (our rule: every step-1 event may start an attempt): A 1:00, A 1:30, B 1:45, C 2:15 with a 1-hour window converts through A^", () => {
    // Mixpanel's default window is NOT reset by the second A and so stops at B; we evaluate every
    // attempt, as Mixpanel's Optimized Re-entry and PostHog do, and the second one converts.
    const events = [ev("u1", "A", "01:00:00"), ev("u1", "A", "01:30:00"), ev("u1", "B", "01:45:00"), ev("u1", "C", "02:15:00")];
    const r = referenceFunnel(def({ steps: [{ event: "A" }, { event: "B" }, { event: "C" }], window: { value: 1, unit: "hour" } }), events);
    expect(r.result.steps.map((s) => s.people)).toEqual([1, 1, 1]);
    expect(r.people.get("u1")!.best.times.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(["01:30", "01:45", "02:15"]);
  });

  it("Amplitude: step 1 must happen inside the date range; later steps may fall after it", () => {
    const events = [ev("before", "A", "2026-02-28T23:59:59.999Z"), ev("before", "B", "2026-03-01T00:00:01Z"), ev("edge", "A", "2026-03-31T23:59:59.999Z"), ev("edge", "B", "2026-04-02T00:00:00Z")];
    expect(reachedBy(["A", "B"], events)).toEqual({ edge: 2 });
  });

  it("Amplitude conversion over time: step 1 on Jan 1, 5 and 20, step 2 on Jan 2 and 6 → 100 %, 100 %, 0 % by entry date", () => {
    // Weekly here: in 2027 those three days fall in three different weeks.
    const events = ["2027-01-01T10:00:00Z", "2027-01-05T10:00:00Z", "2027-01-20T10:00:00Z"].map((t) => ev("u1", "A", t));
    events.push(ev("u1", "B", "2027-01-02T09:00:00Z"), ev("u1", "B", "2027-01-06T09:00:00Z"));
    const r = referenceFunnel(def({ steps: ["A", "B"], from: "2026-12-28", to: "2027-01-25", window: { value: 1, unit: "day" } }), events);
    expect(r.result.trend).toEqual([
      { week: "2026-12-28", entered: 1, converted: 1 },
      { week: "2027-01-04", entered: 1, converted: 1 },
      { week: "2027-01-11", entered: 0, converted: 0 },
      { week: "2027-01-18", entered: 1, converted: 0 },
    ]);
    // The plain funnel counts the person once, through their best attempt.
    expect(r.result.steps.map((s) => s.people)).toEqual([1, 1]);
  });
  // Not encoded, as they are not our definitions: Mixpanel's 2-second and Amplitude's 1-second
  // "simultaneous" grace (ours: the same millisecond), PostHog's first-touch breakdown over all steps
  // (ours: the best attempt's first event, Mixpanel's "first step defined"), Mixpanel's anchored
  // any-order steps, and PostHog's exclusion that removes the person from every step.
});

describe("ordering and ties", () => {
  it("simultaneous events count in step order whatever order they arrived in", () => {
    // B arrived (seq) before A, same millisecond.
    const b = ev("u1", "B", "10:00:00");
    const a = ev("u1", "A", "10:00:00");
    expect(b.seq).toBeLessThan(a.seq);
    expect(people(["A", "B"], [b, a])).toEqual([1, 1]);
    expect(people(["A", "B"], [b, a], { order: "strict" })).toEqual([1, 1]);
  });

  it("one event never serves two steps, even when simultaneous copies could", () => {
    expect(people(["A", "A"], [ev("u1", "A", "10:00:00")])).toEqual([1, 0]);
    expect(people(["A", "A"], [ev("u1", "A", "10:00:00"), ev("u1", "A", "10:00:00")])).toEqual([1, 1]);
    expect(people(["A", "A"], [ev("u1", "A", "10:00:00")], { order: "any" })).toEqual([1, 0]);
  });

  it("strict: an event strictly between two steps breaks it; one simultaneous with a step does not; CRM and identify never count", () => {
    const steps = ["A", "B"];
    expect(people(steps, [ev("u", "A", "10:00:00"), ev("u", "X", "10:00:00"), ev("u", "B", "10:00:01")], { order: "strict" })).toEqual([1, 1]);
    expect(people(steps, [ev("u", "A", "10:00:00"), ev("u", "X", "10:00:00.500"), ev("u", "B", "10:00:01")], { order: "strict" })).toEqual([1, 0]);
    expect(people(steps, [ev("u", "A", "10:00:00"), ev("u", "Call Logged", "10:00:00.500", {}, { sourceKind: "crm" }), ev("u", "B", "10:00:01")], { order: "strict" })).toEqual([1, 1]);
    expect(people(steps, [ev("u", "A", "10:00:00"), ev("u", "x", "10:00:00.500", {}, { type: "identify", event: null }), ev("u", "B", "10:00:01")], { order: "strict" })).toEqual([1, 1]);
    // A page view is an event too.
    expect(people(steps, [ev("u", "A", "10:00:00"), ev("u", PAGEVIEW, "10:00:00.500"), ev("u", "B", "10:00:01")], { order: "strict" })).toEqual([1, 0]);
  });

  it("CRM-source events never satisfy a step", () => {
    expect(people(["A", "B"], [ev("u", "A", "10:00:00"), ev("u", "B", "10:01:00", {}, { sourceKind: "crm" })])).toEqual([1, 0]);
  });

  it("the best attempt reaches furthest, then starts earliest; its times alone are reported", () => {
    const events = [ev("u", "A", "10:00:00"), ev("u", "B", "10:10:00"), ev("u", "A", "11:00:00"), ev("u", "B", "11:01:00"), ev("u", "C", "11:02:00")];
    const r = referenceFunnel(def({ steps: ["A", "B", "C"], window: { value: 1, unit: "hour" } }), events);
    // From 10:00, C (11:02) is outside the hour: the 11:00 attempt goes further.
    expect(r.people.get("u")!.best.times.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(["11:00", "11:01", "11:02"]);
    expect(r.result.steps.map((s) => s.medianSecondsFromPrevious)).toEqual([null, 60, 60]);
  });
});

describe("exclusions", () => {
  const steps = ["A", "B", "C"];
  it("end the attempt at the earlier step, only between the steps they cover, strictly between in time", () => {
    const x = (at: string) => [ev("u", "A", "10:00:00"), ev("u", "B", "10:01:00"), ev("u", "X", at), ev("u", "C", "10:03:00")];
    expect(people(steps, x("10:02:00"), { exclusions: [{ event: "X" }] })).toEqual([1, 1, 0]);
    expect(people(steps, x("10:02:00"), { exclusions: [{ event: "X", fromStep: 1, toStep: 2 }] })).toEqual([1, 1, 1]);
    expect(people(steps, x("10:00:30"), { exclusions: [{ event: "X", fromStep: 1, toStep: 2 }] })).toEqual([1, 0, 0]);
    expect(people(steps, x("10:01:00"), { exclusions: [{ event: "X" }] })).toEqual([1, 1, 1]);
  });

  it("a later attempt after the excluded event can still convert", () => {
    const events = [ev("u", "A", "10:00:00"), ev("u", "X", "10:00:30"), ev("u", "A", "10:01:00"), ev("u", "B", "10:02:00"), ev("u", "C", "10:03:00")];
    expect(people(steps, events, { exclusions: [{ event: "X" }] })).toEqual([1, 1, 1]);
  });

  it("in any order: between two consecutive completions", () => {
    const events = [ev("u", "C", "10:00:00"), ev("u", "A", "10:01:00"), ev("u", "X", "10:02:00"), ev("u", "B", "10:03:00")];
    expect(people(steps, events, { order: "any" })).toEqual([1, 1, 1]);
    expect(people(steps, events, { order: "any", exclusions: [{ event: "X" }] })).toEqual([1, 1, 0]);
  });
});

describe("any order", () => {
  it("counts how many of the steps were done within the window of the attempt's first event", () => {
    const events = [ev("u1", "C", "10:00:00"), ev("u1", "A", "10:01:00"), ev("u2", "B", "10:00:00"), ev("u3", "A", "10:00:00"), ev("u3", "B", "12:00:00")];
    expect(reachedBy(["A", "B", "C"], events, { order: "any", window: { value: 1, unit: "hour" } })).toEqual({ u1: 2, u2: 1, u3: 1 });
  });

  it("times are between consecutive completions, in event order", () => {
    const r = referenceFunnel(def({ steps: ["A", "B"], order: "any" }), [ev("u", "B", "10:00:00"), ev("u", "A", "10:00:30")]);
    expect(r.result.steps.map((s) => s.medianSecondsFromPrevious)).toEqual([null, 30]);
  });
});

describe("filters and alternatives", () => {
  it.each([
    [{ property: "plan", op: "eq", value: "pro" }, { plan: "pro" }, true],
    [{ property: "plan", op: "eq", value: "pro" }, { plan: "Pro" }, false],
    [{ property: "n", op: "eq", value: "3" }, { n: 3 }, false],
    [{ property: "n", op: "eq", value: 3 }, { n: 3 }, true],
    [{ property: "n", op: "eq", value: 3 }, { n: " 3.0 " }, true],
    [{ property: "n", op: "eq", value: true }, { n: true }, true],
    [{ property: "n", op: "eq", value: true }, { n: "true" }, false],
    [{ property: "plan", op: "neq", value: "pro" }, {}, true],
    [{ property: "plan", op: "neq", value: "pro" }, { plan: "pro" }, false],
    [{ property: "title", op: "contains", value: "PRICE" }, { title: "Our pricing" }, false],
    [{ property: "title", op: "contains", value: "PRIC" }, { title: "Our pricing" }, true],
    [{ property: "title", op: "contains", value: "1" }, { title: 123 }, false],
    [{ property: "n", op: "gt", value: 10 }, { n: "12" }, true],
    [{ property: "n", op: "gt", value: 10 }, { n: 10 }, false],
    [{ property: "n", op: "lt", value: 10 }, { n: "n/a" }, false],
    [{ property: "n", op: "lt", value: 10 }, { n: -1e3 }, true],
    [{ property: "n", op: "is_set" }, { n: 0 }, true],
    [{ property: "n", op: "is_set" }, { n: null }, false],
    [{ property: "n", op: "is_set" }, {}, false],
  ] as const)("%j on %j → %s", (f, props, want) => expect(filterMatches(f as never, props)).toBe(want));

  it("a step matches its event or any alternative; page views by $pageview", () => {
    const steps = [{ event: PAGEVIEW, filters: [{ property: "path", op: "eq" as const, value: "/pricing" }] }, { event: "Signed Up", anyOf: [{ event: "Account Created" }] }];
    const events = [ev("u1", PAGEVIEW, "10:00:00", { path: "/pricing" }), ev("u1", "Account Created", "10:01:00"), ev("u2", PAGEVIEW, "10:00:00", { path: "/" }), ev("u2", "Signed Up", "10:01:00")];
    expect(reachedBy(steps, events)).toEqual({ u1: 2 });
  });
});

describe("breakdowns", () => {
  it("one value per person from the best attempt's first event, top 20 then (other)", () => {
    const events: FunnelEvent[] = [];
    for (let i = 0; i < 25; i++) {
      // value v0 has 25 people, v1 24, … v24 1.
      for (let p = 0; p <= 24 - i; p++) events.push(ev(`p${i}-${p}`, "A", "10:00:00", { src: `v${String(i).padStart(2, "0")}` }));
    }
    events.push(ev("p0-0", "B", "10:01:00"));
    const r = referenceFunnel(def({ steps: ["A", "B"], breakdown: { type: "event", property: "src" } }), events);
    expect(r.result.breakdowns.map((b) => b.value)).toEqual([...Array.from({ length: 20 }, (_, i) => `v${String(i).padStart(2, "0")}`), "(other)"]);
    expect(r.result.breakdowns[0]!.steps.map((s) => s.people)).toEqual([25, 1]);
    expect(r.result.breakdowns[20]!.steps[0]!.people).toBe(5 + 4 + 3 + 2 + 1);
    expect(referencePeople(r, 1, "converted", "(other)")).toHaveLength(15);
  });

  it("first touch and profile traits come from the person; missing values are (none)", () => {
    const persons: FunnelPerson[] = [
      { id: "a", firstTouch: { channel: "Paid Search", utm_source: null, utm_medium: null, utm_campaign: null, referrer: null, landing_page: null }, traits: { plan: 3 } },
      { id: "b", firstTouch: { channel: null, utm_source: null, utm_medium: null, utm_campaign: null, referrer: null, landing_page: null }, traits: {} },
    ];
    const events = [ev("a", "A", "10:00:00"), ev("b", "A", "10:00:00")];
    const by = (b: FunnelRequestInput["breakdown"]) => referenceFunnel(def({ steps: ["A", "B"], breakdown: b }), events, persons).result.breakdowns.map((x) => x.value);
    expect(by({ type: "first_touch" })).toEqual(["(none)", "Paid Search"]);
    expect(by({ type: "profile", property: "plan" })).toEqual(["(none)", "3"]);
  });

  it("scalar values only", () => {
    expect([scalarText("x"), scalarText(1.5), scalarText(false), scalarText({}), scalarText([1]), scalarText(null)]).toEqual(["x", "1.5", "false", null, null, null]);
  });
});

describe("people lists", () => {
  it("converted at a step, and dropped off before it, latest first", () => {
    const events = [ev("a", "A", "10:00:00"), ev("a", "B", "10:05:00"), ev("b", "A", "10:01:00"), ev("c", "A", "10:02:00"), ev("c", "B", "10:03:00")];
    const r = referenceFunnel(def({ steps: ["A", "B"] }), events);
    expect(referencePeople(r, 2, "converted").map((p) => p.personId)).toEqual(["a", "c"]);
    expect(referencePeople(r, 2, "dropped").map((p) => p.personId)).toEqual(["b"]);
    expect(referencePeople(r, 1, "dropped")).toEqual([]);
    expect(referencePeople(r, 1, "converted").map((p) => p.personId)).toEqual(["c", "b", "a"]);
  });
});

describe("shaping", () => {
  it("conversion ratios, 0 when the base is 0", () => {
    const steps = shapeSteps(def({ steps: ["A", "B", "C"] }).steps, [
      { people: 10, medianMs: null, p90Ms: null },
      { people: 4, medianMs: 1500, p90Ms: 3000 },
      { people: 0, medianMs: null, p90Ms: null },
    ]);
    expect(steps.map((s) => [s.conversionFromPrevious, s.conversionFromFirst, s.medianSecondsFromPrevious, s.p90SecondsFromPrevious])).toEqual([
      [1, 1, null, null],
      [0.4, 0.4, 1.5, 3],
      [0, 0, null, null],
    ]);
    expect(shapeSteps(def({ steps: ["A", "B"] }).steps, [{ people: 0, medianMs: null, p90Ms: null }, { people: 0, medianMs: null, p90Ms: null }])[0]!.conversionFromPrevious).toBe(0);
  });

  it("percentile_cont interpolates between ranks", () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([5], 0.9)).toBe(5);
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileCont([0, 10], 0.9)).toBe(9);
  });

  it("weeks start on Monday (UTC) and cover the range", () => {
    expect(new Date(weekStartMs(Date.parse("2026-03-01T12:00:00Z"))).toISOString()).toBe("2026-02-23T00:00:00.000Z");
    expect(new Date(weekStartMs(Date.parse("2026-03-02T00:00:00Z"))).toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(weeksOf(new Date("2026-03-01T00:00:00Z"), new Date("2026-03-16T00:00:00Z"))).toEqual(["2026-02-23", "2026-03-02", "2026-03-09"]);
  });

  it("time-to-convert bins", () => {
    expect([ttcBin(0), ttcBin(59_999), ttcBin(60_000), ttcBin(10 * 86_400_000), ttcBin(400 * 86_400_000)]).toEqual([0, 0, 1, 10, 14]);
  });
});

describe("the request schema answers what is wrong", () => {
  const base = { steps: [{ event: "A" }, { event: "B" }], from: "2026-03-01", to: "2026-04-01" };
  it.each([
    [{ ...base, steps: [{ event: "A" }] }, "2 to 20 steps"],
    [{ ...base, steps: Array.from({ length: 21 }, () => ({ event: "A" })) }, "2 to 20 steps"],
    [{ ...base, to: "2026-03-01" }, "to must be after from"],
    [{ ...base, from: "March 1st" }, "from: use a date"],
    [{ ...base, window: { value: 367, unit: "day" } }, "at most 366 days"],
    [{ ...base, window: { value: 2, unit: "week" } }, "minute, hour or day"],
    [{ ...base, order: "random" }, "sequential, strict or any"],
    [{ ...base, steps: [{ event: "A", filters: [{ property: "n", op: "gt", value: "5" }] }, { event: "B" }] }, "compares numbers"],
    [{ ...base, steps: [{ event: "A", filters: [{ property: "n", op: "like", value: "5" }] }, { event: "B" }] }, "op must be one of"],
    [{ ...base, steps: [{ event: "" }, { event: "B" }] }, "must not be empty"],
    [{ ...base, exclusions: [{ event: "X", fromStep: 2, toStep: 2 }] }, "fromStep < toStep"],
    [{ ...base, steps: [{ event: "A" }, { event: "B" }, { event: "C" }], order: "any", exclusions: [{ event: "X", fromStep: 1, toStep: 2 }] }, "covers the whole funnel"],
    [{ ...base, breakdown: { type: "first_touch", property: "browser" } }, "first-touch breakdown is by"],
    [{ ...base, breakdown: { type: "event" } }, "name the event property"],
    [{ ...base, breakdown: { type: "event", property: "$browser" } }, "built-in event properties"],
    [{ ...base, exclusion: [] }, "exclusion"],
  ])("%j", (input, message) => {
    const r = funnelRequestSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error!.issues)).toContain(message);
  });

  it("fills the defaults: 14-day window, sequential, no exclusions", () => {
    const r = funnelRequestSchema.parse({ ...base, steps: [{ event: "A" }, { event: "B", filters: [{ property: "p", op: "is_set" }] }] });
    expect([r.window, r.order, r.exclusions, r.from.toISOString()]).toEqual([{ value: 14, unit: "day" }, "sequential", [], "2026-03-01T00:00:00.000Z"]);
    expect(r.steps[1]!.anyOf).toEqual([]);
  });
});
