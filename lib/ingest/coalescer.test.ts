import { describe, expect, it } from "vitest";
import { createCoalescer } from "./coalescer";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("createCoalescer", () => {
  it("flushes a lone item at once and groups what queues behind an in-flight flush", async () => {
    const calls: number[][] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const c = createCoalescer<number, number>(
      async (items) => {
        calls.push(items);
        const gate = deferred();
        gates.push(gate);
        await gate.promise;
        return items.map((i) => i * 10);
      },
      { maxInFlight: 1, maxBatch: 100 },
    );
    const first = c.submit(1);
    const rest = [2, 3, 4].map((i) => c.submit(i));
    expect(calls).toEqual([[1]]);
    gates[0]!.resolve();
    expect(await first).toBe(10);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual([[1], [2, 3, 4]]);
    gates[1]!.resolve();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it.each([
    // [maxInFlight, maxBatch, sizes, expected groups]
    [1, 3, [1, 1, 1, 1, 1], [[0], [1, 2, 3], [4]]],
    [2, 3, [1, 1, 1, 1, 1], [[0], [1], [2, 3, 4]]],
    [1, 5, [4, 4, 1], [[0], [1, 2]]],
    [1, 2, [5, 1], [[0], [1]]], // an item bigger than a batch still goes alone
  ])("maxInFlight %i, maxBatch %i, sizes %j → groups %j", async (maxInFlight, maxBatch, sizes, groups) => {
    const calls: number[][] = [];
    let release: () => void = () => undefined;
    const hold = new Promise<void>((r) => (release = r));
    const c = createCoalescer<number, number>(
      async (items) => {
        calls.push(items);
        if (calls.length === 1) await hold;
        return items;
      },
      { maxInFlight, maxBatch, sizeOf: (i) => sizes[i]! },
    );
    const all = sizes.map((_, i) => c.submit(i));
    release();
    expect(await Promise.all(all)).toEqual(sizes.map((_, i) => i));
    expect(calls).toEqual(groups.slice(0, calls.length));
    expect(calls.flat().sort()).toEqual(sizes.map((_, i) => i));
  });

  it("rejects every caller of a failed flush, and keeps serving", async () => {
    let fail = true;
    const c = createCoalescer<number, number>(
      async (items) => {
        if (fail) throw new Error("db down");
        return items;
      },
      { maxInFlight: 1, maxBatch: 10 },
    );
    await expect(c.submit(1)).rejects.toThrow("db down");
    fail = false;
    expect(await c.submit(2)).toBe(2);
  });
});
