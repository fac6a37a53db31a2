import { describe, expect, it } from "vitest";
import { SESSION_GAP_MS, sessionize, type SessionEvent } from "./sessions";

const T0 = Date.parse("2026-03-03T23:40:00Z");
let seq = 0;
function ev(offsetMs: number, over: Partial<SessionEvent> = {}): SessionEvent {
  return { seq: ++seq, at: new Date(T0 + offsetMs), type: "page", sourceKind: "web", channel: "Organic Search", pagePath: "/", referrer: null, utmCampaign: null, ...over };
}
const MIN = 60_000;

describe("sessionize", () => {
  const cases: { name: string; events: () => SessionEvent[]; sizes: number[] }[] = [
    { name: "no events, no sessions", events: () => [], sizes: [] },
    { name: "a gap of exactly 30 minutes keeps one session", events: () => [ev(0), ev(SESSION_GAP_MS)], sizes: [2] },
    { name: "a gap of 30 minutes and 1 ms starts a new one", events: () => [ev(0), ev(SESSION_GAP_MS + 1)], sizes: [1, 1] },
    { name: "midnight does not split a session", events: () => [ev(0), ev(15 * MIN), ev(35 * MIN)], sizes: [3] },
    { name: "the gap is measured from the previous event, not the start", events: () => [ev(0), ev(25 * MIN), ev(50 * MIN), ev(75 * MIN)], sizes: [4] },
    {
      name: "server and crm events neither start nor extend a session",
      events: () => [ev(0), ev(20 * MIN, { sourceKind: "server", type: "track" }), ev(40 * MIN), ev(45 * MIN, { sourceKind: "crm", type: "track" })],
      sizes: [1, 1],
    },
    {
      name: "identify, group and alias calls are not part of a session",
      events: () => [ev(0, { type: "identify" }), ev(0), ev(10 * MIN, { type: "group" }), ev(50 * MIN, { type: "alias" })],
      sizes: [1],
    },
    { name: "mobile screens and tracks make sessions", events: () => [ev(0, { sourceKind: "mobile", type: "screen" }), ev(MIN, { sourceKind: "mobile", type: "track" })], sizes: [2] },
    { name: "arrival order does not matter", events: () => [ev(40 * MIN), ev(0), ev(5 * MIN)], sizes: [2, 1] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(sessionize(c.events()).map((s) => s.events)).toEqual(c.sizes);
    });
  }

  it("takes channel, landing page, referrer and campaign from the first event and counts pages", () => {
    const first = ev(0, { type: "track", channel: "Paid Social", pagePath: "/pricing", referrer: "https://l.facebook.com/", utmCampaign: "q4-launch" });
    const [s] = sessionize([ev(2 * MIN, { pagePath: "/signup", channel: "Direct" }), first, ev(3 * MIN, { type: "screen" })]);
    expect(s).toMatchObject({ channel: "Paid Social", landingPage: "/pricing", referrer: "https://l.facebook.com/", campaign: "q4-launch", events: 3, pages: 2, durationSeconds: 180 });
    expect(s.firstSeq).toBe(first.seq);
    expect(s.start.toISOString()).toBe("2026-03-03T23:40:00.000Z");
  });

  it("orders simultaneous events by seq", () => {
    const a = ev(0, { pagePath: "/a" });
    const b = ev(0, { pagePath: "/b" });
    const [s] = sessionize([b, a]);
    expect(s.seqs).toEqual([a.seq, b.seq]);
    expect(s.landingPage).toBe("/a");
  });

  it("a first event without a channel counts as Direct", () => {
    expect(sessionize([ev(0, { channel: null })])[0].channel).toBe("Direct");
  });
});
