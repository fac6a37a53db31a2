import { describe, expect, it } from "vitest";
import { combineFacts, emptyFacts, eventDisplayName, factsOfEvent, foldEvents, revenueCentsOf, type FactEvent } from "./facts";
import { prng } from "./population";

const ev = (over: Partial<FactEvent> & { messageId: string; at: string }): FactEvent => ({
  sourceId: "s",
  type: "track",
  event: "E",
  traits: {},
  properties: {},
  channel: null,
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  referrer: null,
  pageUrl: null,
  ...over,
  timestamp: new Date(over.at),
});

describe("revenueCentsOf", () => {
  it.each([
    [{ type: "track", properties: { revenue: 49.99 } }, 4999],
    [{ type: "track", properties: { revenue: "12.5" } }, 1250],
    [{ type: "track", properties: { revenue: -10 } }, -1000],
    [{ type: "track", properties: { revenue: "abc" } }, 0],
    [{ type: "track", properties: { revenue: "" } }, 0],
    [{ type: "track", properties: { revenue: null } }, 0],
    [{ type: "track", properties: { revenue: 1e15 } }, 0],
    [{ type: "track", properties: {} }, 0],
    [{ type: "page", properties: { revenue: 10 } }, 0],
    [{ type: "identify", properties: { revenue: 10 } }, 0],
  ])("%j → %i cents", (e, cents) => expect(revenueCentsOf(e)).toBe(cents));
});

describe("eventDisplayName", () => {
  it.each([
    [{ type: "track", event: "Order Completed" }, "Order Completed"],
    [{ type: "page", event: null }, "Page Viewed"],
    [{ type: "screen", event: null }, "Screen Viewed"],
    [{ type: "identify", event: null }, "Identify"],
    [{ type: "group", event: null }, "Group"],
    [{ type: "alias", event: null }, "Alias"],
  ])("%j → %s", (e, name) => expect(eventDisplayName(e)).toBe(name));
});

describe("facts", () => {
  it("takes the latest value of each trait by event time, whatever the arrival order", () => {
    const a = ev({ messageId: "a", at: "2026-01-02T00:00:00Z", type: "identify", traits: { plan: "pro", name: "Ann" } });
    const b = ev({ messageId: "b", at: "2026-01-01T00:00:00Z", type: "identify", traits: { plan: "free", company: "Acme" } });
    for (const f of [foldEvents([a, b]), foldEvents([b, a])]) {
      expect(f.traits).toEqual({ plan: "pro", name: "Ann", company: "Acme" });
      expect(f.traitMeta.plan).toEqual({ at: "2026-01-02T00:00:00.000Z", source: "s", messageId: "a" });
      expect(f.traitMeta.company.messageId).toBe("b");
    }
  });

  it("breaks timestamp ties by source and message id", () => {
    const a = ev({ messageId: "a", at: "2026-01-01T00:00:00Z", type: "identify", traits: { plan: "A" } });
    const b = ev({ messageId: "b", at: "2026-01-01T00:00:00Z", type: "identify", traits: { plan: "B" } });
    expect(foldEvents([a, b]).traits.plan).toBe("B");
    expect(foldEvents([b, a]).traits.plan).toBe("B");
  });

  it("keeps only identify traits (a group call's traits describe the account)", () => {
    expect(foldEvents([ev({ messageId: "g", at: "2026-01-01T00:00:00Z", type: "group", traits: { name: "Acme" } })]).traits).toEqual({});
  });

  it("takes the first touch from the earliest web or campaign event, not from server calls", () => {
    const server = ev({ messageId: "s1", at: "2026-01-01T00:00:00Z" });
    const ad = ev({ messageId: "p1", at: "2026-01-02T00:00:00Z", type: "page", channel: "Paid Search", utmSource: "google", utmMedium: "cpc", utmCampaign: "brand", pageUrl: "https://x.test/?utm_source=google" });
    const later = ev({ messageId: "p2", at: "2026-01-03T00:00:00Z", type: "page", channel: "Direct", pageUrl: "https://x.test/pricing" });
    const f = foldEvents([later, server, ad]);
    expect(f.firstTouch).toMatchObject({ channel: "Paid Search", utmSource: "google", utmMedium: "cpc", utmCampaign: "brand", landingPage: "https://x.test/?utm_source=google" });
    expect(f.firstSeenAt).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(f.lastSeenAt).toEqual(new Date("2026-01-03T00:00:00Z"));
    expect(f.lastEvent).toMatchObject({ name: "Page Viewed" });
    expect(foldEvents([server]).firstTouch).toBeNull();
  });

  it("counts events and sums revenue in cents", () => {
    const f = foldEvents([
      ev({ messageId: "1", at: "2026-01-01T00:00:00Z", properties: { revenue: 0.1 } }),
      ev({ messageId: "2", at: "2026-01-01T00:00:01Z", properties: { revenue: 0.2 } }),
      ev({ messageId: "3", at: "2026-01-01T00:00:02Z", type: "page" }),
    ]);
    expect(f.eventCount).toBe(3);
    expect(f.revenueCents).toBe(30);
  });

  it("property: any split of the events into folds and any combine order gives the one-fold result", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = prng(seed);
      const events: FactEvent[] = Array.from({ length: r.int(1, 25) }, (_, i) =>
        ev({
          messageId: `m${i}`,
          sourceId: r.pick(["s1", "s2"]),
          at: new Date(Date.UTC(2026, 0, 1) + r.int(0, 5) * 3600_000).toISOString(), // many ties
          type: r.pick(["track", "identify", "page", "group"]),
          event: r.pick(["A", "B", null]),
          traits: Object.fromEntries(["plan", "name", "seats"].filter(() => r.chance(0.5)).map((k) => [k, `${k}${r.int(0, 3)}`])),
          properties: r.chance(0.3) ? { revenue: r.int(-5, 100) / 4 } : {},
          pageUrl: r.chance(0.4) ? `https://x.test/${r.int(0, 3)}` : null,
          channel: r.pick(["Direct", "Organic Search", null]),
        }),
      );
      const whole = foldEvents(events);
      const shuffled = r.shuffle(events);
      const parts: FactEvent[][] = [];
      for (let i = 0; i < shuffled.length; ) parts.push(shuffled.slice(i, (i += r.int(1, 6))));
      const combined = r.shuffle(parts.map((p) => foldEvents(p))).reduce(combineFacts, emptyFacts());
      expect(combined, `seed ${seed}`).toEqual(whole);
      expect(factsOfEvent(events[0]).eventCount).toBe(1);
    }
  });
});
