// Sessions and lifecycle moments in SQL equal the TypeScript references on random worlds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { generateWorld, loadWorld, readWorld, type StoredWorldEvent } from "../../tests/analytics-world";
import { sessionize } from "../analytics/sessions";
import { DEFAULT_LIFECYCLE, reachesStage, LIFECYCLE_STAGES, type LifecycleSettings } from "../analytics/lifecycle";
import { listSessions, personSessions } from "./sessions";
import { stageTimes } from "./lifecycle";

let t: TestDatabase;
let stored: StoredWorldEvent[] = [];
const SEEDS = [1, 2, 3, 4, 5];
beforeAll(async () => {
  t = await createTestDatabase();
  for (const seed of SEEDS) await loadWorld(t.db, generateWorld(seed, { people: 30 }));
  stored = await readWorld(t.db);
});
afterAll(() => t.close());

function byPerson(events: StoredWorldEvent[]): Map<string, StoredWorldEvent[]> {
  const m = new Map<string, StoredWorldEvent[]>();
  for (const e of events) if (e.personId) m.set(e.personId, [...(m.get(e.personId) ?? []), e]);
  return m;
}

function referenceSessions(events: StoredWorldEvent[]) {
  return sessionize(events.map((e) => ({ seq: e.seq, at: e.timestamp, type: e.type, sourceKind: e.sourceKind, channel: e.channel, pagePath: e.pagePath, referrer: e.referrer, utmCampaign: e.utmCampaign })));
}

describe("sessions in SQL", () => {
  it("equal the reference for every person", async () => {
    const sql = await listSessions();
    const want = [...byPerson(stored)]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([person, events]) =>
        referenceSessions(events).map((s, i) => ({ personId: person, number: i + 1, firstSeq: String(s.firstSeq), start: s.start, end: s.end, durationSeconds: s.durationSeconds, events: s.events, pages: s.pages, channel: s.channel, landingPage: s.landingPage, referrer: s.referrer, campaign: s.campaign })),
      );
    // listSessions sorts by person id in the database's collation: compare as sets keyed by person.
    const key = (s: { personId: string; number: number }) => `${s.personId}#${s.number}`;
    expect(new Map(sql.map((s) => [key(s), s]))).toEqual(new Map(want.map((s) => [key(s), s])));
    expect(want.length).toBeGreaterThan(200);
    // The edges occur: sessions of several events and sessions split at 30 min + 1 ms.
    expect(want.some((s) => s.events > 3)).toBe(true);
  });

  it("for one person, through the merged-away profile too", async () => {
    const [person, events] = [...byPerson(stored)].find(([, evs]) => evs.some((e) => e.profileId !== e.personId))!;
    const family = [...new Set(events.map((e) => e.profileId!))];
    const sql = await personSessions(family);
    expect(sql.map((s) => [s.personId, s.firstSeq, s.events])).toEqual(referenceSessions(events).map((s) => [person, String(s.firstSeq), s.events]));
  });
});

describe("lifecycle moments in SQL", () => {
  const custom: LifecycleSettings = { signedUp: { event: "Project Created", revenue: false }, trialStarted: { event: "Plan Selected", revenue: true }, customer: { event: "Invite Sent", revenue: true } };
  for (const [name, settings] of [["defaults", DEFAULT_LIFECYCLE], ["a custom setting", custom]] as const) {
    it(`equal the reference with ${name}`, async () => {
      for (const [, events] of [...byPerson(stored)].slice(0, 60)) {
        const family = [...new Set(events.map((e) => e.profileId!))];
        const got = await stageTimes(family, settings);
        for (const stage of LIFECYCLE_STAGES) {
          const hits = events.filter((e) => reachesStage(settings[stage], e)).map((e) => e.timestamp.getTime());
          expect(got[stage]?.getTime() ?? null, stage).toBe(hits.length ? Math.min(...hits) : null);
        }
      }
    });
  }
});
