import { describe, expect, it } from "vitest";
import { demoHex, demoId, demoShortId } from "./ids";
import { createRng, fmix32, hashString } from "./prng";

describe("hashString", () => {
  it("is 32-bit FNV-1a", () => {
    expect(hashString("")).toBe(0x811c9dc5);
    expect(hashString("a")).toBe(0xe40c292c);
    expect(hashString("foobar")).toBe(0xbf9cf968);
  });

  it("fmix32 is a bijection on a sample (no collisions)", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(fmix32(i));
    expect(seen.size).toBe(100_000);
  });
});

describe("createRng", () => {
  const draw = (seed: number, stream: string, index: number, n = 8) => {
    const r = createRng(seed, stream, index);
    return Array.from({ length: n }, () => r.nextU32());
  };

  it("replays the same sequence for the same seed, stream and index", () => {
    expect(draw(42, "person", 7)).toEqual(draw(42, "person", 7));
  });

  it("gives different sequences for a different seed, stream or index", () => {
    const base = draw(42, "person", 7);
    expect(draw(43, "person", 7)).not.toEqual(base);
    expect(draw(42, "company", 7)).not.toEqual(base);
    expect(draw(42, "person", 8)).not.toEqual(base);
  });

  it("produces uniform floats in [0, 1)", () => {
    const r = createRng(1, "uniform");
    const buckets = new Array<number>(10).fill(0);
    const n = 200_000;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = r.float();
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
      buckets[Math.floor(x * 10)]++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.1 % critical value.
    const expected = n / 10;
    const chi2 = buckets.reduce((acc, b) => acc + (b - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.9);
  });

  it("int() covers its inclusive range and nothing else", () => {
    const r = createRng(2, "ints");
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const v = r.int(3, 9);
      expect(Number.isInteger(v)).toBe(true);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it("weighted() follows the weights", () => {
    const r = createRng(3, "weights");
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 60_000; i++) counts[r.weighted([["a", 1], ["b", 2], ["c", 3]] as const)]++;
    expect(counts.a / 60_000).toBeCloseTo(1 / 6, 1);
    expect(counts.b / 60_000).toBeCloseTo(2 / 6, 1);
    expect(counts.c / 60_000).toBeCloseTo(3 / 6, 1);
  });

  it("normal() has mean 0 and standard deviation 1; logNormal() has the given median", () => {
    const r = createRng(4, "normal");
    const xs = Array.from({ length: 50_000 }, () => r.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(sd).toBeCloseTo(1, 1);
    const ln = Array.from({ length: 20_001 }, () => r.logNormal(10, 0.8)).sort((a, b) => a - b);
    expect(ln[10_000]).toBeGreaterThan(9.5);
    expect(ln[10_000]).toBeLessThan(10.5);
  });
});

describe("demo ids", () => {
  it("are UUID-shaped, deterministic and distinct", () => {
    const id = demoId(42, "profile", 1);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(demoId(42, "profile", 1)).toBe(id);
    expect(demoId(43, "profile", 1)).not.toBe(id);
    expect(demoId(42, "contact", 1)).not.toBe(id);
    expect(demoId(42, "profile", 1, 1)).not.toBe(id);
    expect(demoHex(42, "msg", 1)).toMatch(/^[0-9a-f]{32}$/);
    expect(demoShortId("usr", 42, "user_id", 1)).toMatch(/^usr_[0-9a-f]{14}$/);
  });

  it("do not collide across many counters", () => {
    const seen = new Set<string>();
    for (let a = 0; a < 2000; a++) for (let b = 0; b < 100; b++) seen.add(demoId(42, "event", a, b));
    expect(seen.size).toBe(200_000);
  });
});
