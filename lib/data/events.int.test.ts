// Group commit: several requests in one statement, each told exactly how many of its messages were new.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { normalizeMessage, type NormalizedEvent } from "../ingest/normalize";
import { createSource } from "./sources";
import { storeRequests } from "./events";

let t: TestDatabase;
let a = "";
let b = "";
beforeAll(async () => {
  t = await createTestDatabase();
  a = (await createSource({ name: "A", kind: "server" })).id;
  b = (await createSource({ name: "B", kind: "server" })).id;
});
afterAll(() => t.close());

const receivedAt = new Date("2026-04-01T00:00:00Z");
const ev = (messageId: string): NormalizedEvent => {
  const o = normalizeMessage({ type: "track", userId: "u", event: "E", messageId }, { receivedAt, newMessageId: () => "x" });
  if (!o.ok) throw new Error(o.reason);
  return o.event;
};

describe("storeRequests", () => {
  it("attributes each newly stored message to the first request that carried it", async () => {
    const results = await storeRequests([
      { sourceId: a, receivedAt, events: [ev("m1"), ev("m2"), ev("m1")], rejected: [] },
      { sourceId: a, receivedAt, events: [ev("m2"), ev("m3")], rejected: [] },
      { sourceId: b, receivedAt, events: [ev("m1")], rejected: [{ messageIndex: 1, type: "track", messageId: "bad", code: "invalid_message", reason: "r", payload: {} }] },
    ]);
    expect(results).toEqual([{ inserted: 2, suppressed: 0 }, { inserted: 1, suppressed: 0 }, { inserted: 1, suppressed: 0 }]);
    expect(await t.db.event.count()).toBe(4);
    expect(await t.db.rejectedMessage.count({ where: { sourceId: b } })).toBe(1);
    // A replay of everything stores nothing.
    const again = await storeRequests([{ sourceId: a, receivedAt, events: [ev("m1"), ev("m2"), ev("m3")], rejected: [] }]);
    expect(again).toEqual([{ inserted: 0, suppressed: 0 }]);
  });
});
