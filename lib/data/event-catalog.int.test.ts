// The event catalog: kept up to date by ingest (without CRM events), written only when new or stale,
// never locking a fresh row; the migration's backfill gives what ingest would have.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { normalizeMessage, type NormalizedEvent } from "../ingest/normalize";
import { catalogEntriesOf, CATALOG_GRANULARITY_MS, PAGEVIEW } from "../analytics/event-catalog";
import { createSource } from "./sources";
import { storeRequests } from "./events";
import { forgetCatalogMemo, listEventCatalog, recordCatalog } from "./event-catalog";
import { inTransaction } from "./sql";
import { pool } from "../db/pool";

let t: TestDatabase;
let web = "";
beforeAll(async () => {
  t = await createTestDatabase();
  web = (await createSource({ name: "Web", kind: "web" })).id;
});
afterAll(() => t.close());
beforeEach(async () => {
  forgetCatalogMemo();
  await t.db.$executeRawUnsafe(`DELETE FROM event_catalog`);
});

let n = 0;
const msg = (raw: Record<string, unknown>, receivedAt: Date): NormalizedEvent => {
  const o = normalizeMessage({ userId: "u1", messageId: `m-${++n}`, ...raw }, { receivedAt, newMessageId: () => `x-${++n}` });
  if (!o.ok) throw new Error(o.reason);
  return o.event;
};
const T0 = new Date("2026-04-01T00:00:00Z");
const plus = (ms: number) => new Date(T0.getTime() + ms);

async function rows() {
  return t.db.$queryRaw<{ event: string; property: string; value_type: string; first_seen_at: Date; last_seen_at: Date }[]>`
    SELECT event, property, value_type, first_seen_at, last_seen_at FROM event_catalog ORDER BY event, property, value_type`;
}

describe("the event catalog at ingest", () => {
  it("lists names, keys and types of non-CRM track, page and screen events", async () => {
    await storeRequests([
      {
        sourceId: web,
        receivedAt: T0,
        events: [
          msg({ type: "track", event: "Plan Selected", properties: { plan: "pro", seats: 3 } }, T0),
          msg({ type: "page", name: "Pricing", properties: { path: "/pricing" } }, T0),
          msg({ type: "identify", traits: { email: "a@b.test" } }, T0),
        ],
        rejected: [],
      },
      { sourceId: "crm", receivedAt: T0, events: [msg({ type: "track", event: "Call Logged", properties: { outcome: "x" } }, T0)], rejected: [] },
    ]);
    const got = (await rows()).map((r) => [r.event, r.property, r.value_type]);
    expect(got.filter((r) => r[0] === "Plan Selected")).toEqual([
      ["Plan Selected", "", ""],
      ["Plan Selected", "plan", "string"],
      ["Plan Selected", "seats", "number"],
    ]);
    expect(got).toContainEqual([PAGEVIEW, "", ""]);
    expect(got).toContainEqual([PAGEVIEW, "path", "string"]);
    // Identify calls and CRM-source events are not behaviour a funnel step can use.
    expect(new Set(got.map((r) => r[0]))).toEqual(new Set([PAGEVIEW, "Plan Selected"]));
    const listed = await listEventCatalog();
    expect(listed.map((e) => e.event).sort()).toEqual([PAGEVIEW, "Plan Selected"]);
    expect(listed.find((e) => e.event === "Plan Selected")!.properties.map((p) => [p.key, p.types])).toEqual([
      ["plan", ["string"]],
      ["seats", ["number"]],
    ]);
  });

  it("writes a row only when it is new or older than the granularity; the memo skips the statement", async () => {
    const send = (at: Date, props: Record<string, unknown>) =>
      inTransaction(pool(), (sql) => recordCatalog(sql, [{ sourceId: web, event: msg({ type: "track", event: "E", properties: props }, at) }]));
    expect(await send(T0, { a: 1 })).toBe(2); // new: sent
    expect(await send(plus(1000), { a: 1 })).toBe(2); // not yet known to the memo: read back as fresh, nothing written
    expect((await rows()).map((r) => r.last_seen_at.toISOString())).toEqual([T0.toISOString(), T0.toISOString()]);
    expect(await send(plus(2000), { a: 1 })).toBe(0); // the memo knows both: no statement at all
    expect(await send(plus(3000), { a: 1, b: "x" })).toBe(1); // only the new key goes
    const later = plus(CATALOG_GRANULARITY_MS + 5000);
    expect(await send(later, { a: 1 })).toBe(2); // stale: updated
    const after = await rows();
    expect(after.map((r) => [r.property, r.last_seen_at.toISOString(), r.first_seen_at.toISOString()])).toEqual([
      ["", later.toISOString(), T0.toISOString()],
      ["a", later.toISOString(), T0.toISOString()],
      ["b", plus(3000).toISOString(), plus(3000).toISOString()],
    ]);
  });

  it("keeps what a rolled-back transaction wrote out of the memo", async () => {
    await expect(
      inTransaction(pool(), async (sql) => {
        await recordCatalog(sql, [{ sourceId: web, event: msg({ type: "track", event: "Gone" }, T0) }]);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await inTransaction(pool(), (sql) => recordCatalog(sql, [{ sourceId: web, event: msg({ type: "track", event: "Gone" }, T0) }]))).toBe(1);
    expect((await rows()).map((r) => r.event)).toEqual(["Gone"]);
  });

  it("the migration's backfill gives the catalog ingest would have", async () => {
    await t.db.$executeRawUnsafe(`DELETE FROM events`);
    const events = [
      msg({ type: "track", event: "Backfilled", properties: { k: 1, s: "v", o: { x: 1 }, l: [1], z: null } }, T0),
      msg({ type: "track", event: "Backfilled", properties: { k: "1" } }, plus(5000)),
      msg({ type: "screen", name: "Home", properties: { tab: "a" } }, plus(1000)),
    ];
    await storeRequests([{ sourceId: web, receivedAt: T0, events, rejected: [] }]);
    const viaIngest = await rows();
    await t.db.$executeRawUnsafe(`DELETE FROM event_catalog`);
    const sql = fs.readFileSync(path.resolve("prisma/migrations/20261206100000_event_catalog/migration.sql"), "utf8");
    const backfill = sql.slice(sql.indexOf("-- Backfill"));
    const c = new pg.Client({ connectionString: t.url });
    await c.connect();
    try {
      await c.query(backfill);
    } finally {
      await c.end();
    }
    const viaBackfill = await rows();
    expect(viaBackfill).toEqual(viaIngest);
    // …and both are what the pure rule says (receive times per message here, as the backfill reads them).
    const want = catalogEntriesOf(events.map((e) => ({ type: e.type, event: e.event, properties: e.properties, receivedAt: e.receivedAt })));
    expect(viaBackfill.map((r) => [r.event, r.property, r.value_type, r.first_seen_at.getTime(), r.last_seen_at.getTime()]).sort()).toEqual(
      want.map((e) => [e.event, e.property, e.valueType, e.firstSeenAt.getTime(), e.lastSeenAt.getTime()]).sort(),
    );
  });
});

describe.runIf(process.env.TANDEM_TEST_BACKEND === "postgres")("on PostgreSQL", () => {
  it("never locks a fresh row: another transaction can lock it while an ingest transaction is open", async () => {
    await inTransaction(pool(), (sql) => recordCatalog(sql, [{ sourceId: web, event: msg({ type: "track", event: "Hot", properties: { a: 1 } }, T0) }]));
    forgetCatalogMemo(); // make the next ingest transaction go to the database
    const ingest = await pool().connect();
    const other = await pool().connect();
    try {
      await ingest.query("BEGIN");
      const { pgSql } = await import("./sql");
      expect(await recordCatalog(pgSql(ingest), [{ sourceId: web, event: msg({ type: "track", event: "Hot", properties: { a: 1 } }, plus(1000)) }])).toBe(2);
      await other.query("BEGIN");
      const locked = await other.query(`SELECT event FROM event_catalog WHERE event = 'Hot' FOR UPDATE NOWAIT`);
      expect(locked.rows).toHaveLength(2);
      await other.query("ROLLBACK");
      // A stale row, by contrast, is updated (and so locked) — once per granularity.
      const stale = plus(CATALOG_GRANULARITY_MS + 1);
      await recordCatalog(pgSql(ingest), [{ sourceId: web, event: msg({ type: "track", event: "Hot", properties: { a: 1 } }, stale) }]);
      await other.query("BEGIN");
      await expect(other.query(`SELECT event FROM event_catalog WHERE event = 'Hot' AND property = '' FOR UPDATE NOWAIT`)).rejects.toThrow(/could not obtain lock/);
      await other.query("ROLLBACK");
      await ingest.query("COMMIT");
    } finally {
      ingest.release();
      other.release();
    }
  });
});
