// The shared token bucket (takeSourceToken) against its definition (takeToken): random request
// sequences give the same decisions and the same tokens left, and concurrent takers never share a
// token — the property that lets several collector processes hold one rate limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { prng } from "../identity/seeded-random";
import { takeToken, type Bucket } from "../ingest/token-bucket";
import { createSource } from "./sources";
import { takeSourceToken } from "./rate-limits";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("takeSourceToken", () => {
  it.each([1, 2, 3, 4, 5])("decides like takeToken on a random sequence (seed %i)", async (seed) => {
    const r = prng(seed);
    const { id } = await createSource({ name: `Bucket ${seed}`, kind: "server" });
    const rate = r.pick([0.5, 1, 3, 10, 250]);
    const burst = r.pick([rate, rate * 2, 1, 0.5]);
    let bucket: Bucket | undefined;
    let now = 1_800_000_000_000;
    for (let i = 0; i < 60; i++) {
      // Bursts at one instant, small and large gaps, and the odd clock stepping back.
      now += r.pick([0, 0, 1, 37, 250, 999, 4_000, -20]);
      const expected = takeToken(bucket, now, rate, burst);
      bucket = expected.bucket;
      const got = await takeSourceToken(id, now, rate, burst);
      expect({ step: i, allowed: got.allowed }).toEqual({ step: i, allowed: expected.allowed });
      expect(got.tokens).toBeCloseTo(expected.bucket.tokens, 9);
    }
  });

  it("never hands one token to two concurrent takers", async () => {
    const { id } = await createSource({ name: "Contended", kind: "server" });
    const now = 1_800_000_000_000;
    // A full bucket of 10 at one frozen instant: exactly 10 of 40 concurrent takers get a token.
    const results = await Promise.all(Array.from({ length: 40 }, () => takeSourceToken(id, now, 5, 10)));
    expect(results.filter((d) => d.allowed)).toHaveLength(10);
    expect(Math.min(...results.map((d) => d.tokens))).toBeCloseTo(0, 9);
  });

  it("keeps buckets apart per source and drops them with their source", async () => {
    const a = await createSource({ name: "A", kind: "server" });
    const b = await createSource({ name: "B", kind: "server" });
    const now = 1_800_000_000_000;
    expect((await takeSourceToken(a.id, now, 1, 1)).allowed).toBe(true);
    expect((await takeSourceToken(a.id, now, 1, 1)).allowed).toBe(false);
    expect((await takeSourceToken(b.id, now, 1, 1)).allowed).toBe(true);
    await t.db.source.delete({ where: { id: a.id } });
    expect(await t.db.sourceRateBucket.count({ where: { sourceId: a.id } })).toBe(0);
  });
});
