// Paths in SQL equal the TypeScript reference on random worlds: after and before, every depth,
// pages by path or collapsed, anchors on events and pages, ranges cutting sessions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { generateWorld, loadWorld, readWorld, referenceEvents, WORLD_PAGES, WORLD_TRACKS } from "../../tests/analytics-world";
import { prng } from "../identity/seeded-random";
import { pathsReference, type PathsQuery } from "../analytics/paths";
import { findPaths } from "./paths";
import { resetAnalyticsRunner } from "./analytics-runner";

let t: TestDatabase;
let events: ReturnType<typeof referenceEvents> = [];
beforeAll(async () => {
  t = await createTestDatabase();
  resetAnalyticsRunner();
  for (const seed of [21, 22, 23, 24, 25]) await loadWorld(t.db, generateWorld(seed, { people: 30 }));
  events = referenceEvents(await readWorld(t.db));
});
afterAll(() => t.close());

const march = (day: number) => new Date(Date.UTC(2026, 2, day));
const base: PathsQuery = { anchor: { kind: "event", name: "Signed Up" }, direction: "after", steps: 5, from: march(1), to: march(31), pages: "path" };

describe("paths in SQL equal the reference", () => {
  for (const direction of ["after", "before"] as const) {
    for (const pages of ["path", "collapsed"] as const) {
      it(`${direction}, pages ${pages}, every track event as the anchor, 1 to 10 steps`, async () => {
        for (const name of WORLD_TRACKS) {
          for (const steps of [1, 3, 10]) {
            const query: PathsQuery = { ...base, anchor: { kind: "event", name }, direction, pages, steps };
            expect(await findPaths(query), `${name} ${steps}`).toEqual(pathsReference(events, query));
          }
        }
      });
    }
  }

  it("page and screen anchors", async () => {
    for (const page of WORLD_PAGES) {
      for (const kind of ["page", "screen"] as const) {
        const query: PathsQuery = { ...base, anchor: { kind, name: page }, steps: 4 };
        expect(await findPaths(query)).toEqual(pathsReference(events, query));
      }
    }
  });

  it("random ranges that cut sessions", async () => {
    const rng = prng(7);
    for (let i = 0; i < 25; i++) {
      const from = new Date(march(1).getTime() + rng.int(0, 28 * 24 * 60) * 60_000);
      const to = new Date(from.getTime() + rng.int(30, 5 * 24 * 60) * 60_000);
      const query: PathsQuery = { ...base, from, to, anchor: { kind: "event", name: rng.pick(WORLD_TRACKS) }, direction: rng.pick(["after", "before"] as const), steps: rng.int(1, 10), pages: rng.pick(["path", "collapsed"] as const) };
      expect(await findPaths(query)).toEqual(pathsReference(events, query));
    }
  });

  it("is exercised: long paths, drop-off at several levels, many distinct paths", () => {
    const r = pathsReference(events, { ...base, anchor: { kind: "event", name: "Report Viewed" }, steps: 10 });
    expect(r.people).toBeGreaterThan(40);
    expect(r.levels.filter((l) => l.dropOff > 0).length).toBeGreaterThan(2);
    expect(r.levels[2]!.people).toBeGreaterThan(0);
    expect(r.distinctPaths).toBeGreaterThan(20);
  });
});
