// Tracking plans through the Tracking API: flag (stored, violation counted), block → quarantine →
// release (stored and resolved exactly once, the quarantine row gone, audited), the 200 body's
// `quarantined`, the quarantine's bounds (cap and retention drop the oldest and count them), plan
// saving, and the removal of a person's quarantined payloads and violation examples.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../../tests/test-database";
import { sendBatch } from "../../tests/tracking-api";
import { createSource } from "./sources";
import { forgetCachedSources, handleTrackingRequest } from "../ingest/ingest";
import { pool } from "../db/pool";
import { inTransaction } from "./sql";
import {
  applyQuarantineBounds,
  deletePersonPlanData,
  deleteTrackingPlan,
  getQuarantineBounds,
  getTrackingPlan,
  listQuarantine,
  PlanAdminError,
  releaseQuarantined,
  saveQuarantineBounds,
  saveTrackingPlan,
  violationSummary,
  violationsForMessages,
} from "./tracking-plans";
import type { PlanDocument } from "../sources/plan";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => forgetCachedSources());

const ORDER = { type: "object", properties: { orderId: { type: "string" }, total: { type: "number" } }, required: ["orderId", "total"] };

function plan(unplanned: PlanDocument["unplanned"], invalid: PlanDocument["invalid"]): PlanDocument {
  return {
    events: [{ name: "Order Completed", schema: ORDER }],
    identify: { type: "object", properties: { email: { type: "string" } }, required: ["email"] },
    unplanned,
    invalid,
  };
}

async function sourceWithPlan(name: string, p: PlanDocument) {
  const s = await createSource({ name, kind: "server" });
  await saveTrackingPlan(s.id, p, TEST_ACTOR);
  return s;
}

const order = (messageId: string, properties: Record<string, unknown>, userId = "u-1") => ({ type: "track", event: "Order Completed", userId, messageId, properties });
const held = async (sourceId: string) => (await t.db.quarantineSettings.findUnique({ where: { sourceId } }))?.held ?? 0;
const eventsOf = (sourceId: string) => t.db.event.findMany({ where: { sourceId }, orderBy: { seq: "asc" } });

describe("flag", () => {
  it("stores the message and records its violations, once per message", async () => {
    const s = await sourceWithPlan("Flagging", plan("flag", "flag"));
    const batch = [order("f-ok", { orderId: "o1", total: 5 }), order("f-bad", { orderId: "o2", total: "5" }), { type: "track", event: "Mystery", userId: "u-1", messageId: "f-unplanned" }];
    const res = await sendBatch(s.writeKey, batch);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, accepted: 3, duplicates: 0, rejected: [], quarantined: [], suppressed: 0 });
    expect((await eventsOf(s.id)).map((e) => e.messageId)).toEqual(["f-ok", "f-bad", "f-unplanned"]);
    // A retry stores nothing and records nothing again.
    expect((await sendBatch(s.writeKey, batch)).body).toMatchObject({ accepted: 3, duplicates: 3 });

    const summary = await violationSummary(s.id);
    expect(summary.map((e) => [e.eventName, e.messages, e.flagged, e.blocked, e.kinds])).toEqual([
      ["Mystery", 1, 1, 0, { unplanned_event: 1 }],
      ["Order Completed", 1, 1, 0, { wrong_type: 1 }],
    ]);
    const order2 = summary.find((e) => e.eventName === "Order Completed")!;
    expect(order2.examples).toMatchObject([{ messageId: "f-bad", path: "properties.total", detail: "properties.total must be number, got string", example: { orderId: "o2", total: "5" } }]);
    const badges = await violationsForMessages(s.id, ["f-ok", "f-bad"]);
    expect([...badges.keys()]).toEqual(["f-bad"]);
  });
});

describe("block → quarantine → release", () => {
  it("quarantines, says so in the 200 body, and releases into the normal path exactly once", async () => {
    const s = await sourceWithPlan("Blocking", plan("block", "block"));
    const res = await sendBatch(s.writeKey, [
      order("b-ok", { orderId: "o1", total: 5 }, "ann"),
      order("b-bad", { orderId: "o2" }, "bob"),
      { type: "identify", userId: "cy", messageId: "b-identify", traits: { name: "Cy" } },
      { type: "track", event: "Mystery", userId: "dee", messageId: "b-unplanned" },
      { type: "track", userId: "x" },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 4, code: "invalid_message" }],
      quarantined: [
        { index: 1, messageId: "b-bad", code: "plan_violation", message: expect.stringContaining("properties.total is required") },
        { index: 2, messageId: "b-identify", code: "plan_violation", message: expect.stringContaining("traits.email is required") },
        { index: 3, messageId: "b-unplanned", code: "unplanned_event", message: expect.stringContaining('"Mystery" is not in the tracking plan') },
      ],
    });
    expect((await eventsOf(s.id)).map((e) => e.messageId)).toEqual(["b-ok"]);
    // A retried request quarantines nothing twice.
    expect((await sendBatch(s.writeKey, [order("b-bad", { orderId: "o2" }, "bob")])).body).toMatchObject({ accepted: 0, quarantined: [{ messageId: "b-bad" }] });

    const page = await listQuarantine(s.id);
    expect(page.total).toBe(3);
    // The count the cap is checked against is exact: the retry added nothing.
    expect(await held(s.id)).toBe(3);
    expect(page.items.map((i) => i.messageId)).toEqual(["b-unplanned", "b-identify", "b-bad"]);
    expect(page.items[2]!.violations).toEqual([{ kind: "missing_required", path: "properties.total", detail: "properties.total is required" }]);
    expect(page.items[2]!.raw).toMatchObject({ messageId: "b-bad", userId: "bob" });
    expect((await violationSummary(s.id)).find((e) => e.eventName === "Order Completed")).toMatchObject({ blocked: 1, flagged: 0 });
    expect(await t.db.identity.count({ where: { value: { in: ["bob", "cy"] } } })).toBe(0);

    const bad = page.items.find((i) => i.messageId === "b-bad")!;
    const identify = page.items.find((i) => i.messageId === "b-identify")!;
    expect(await releaseQuarantined({ sourceId: s.id, ids: [bad.id, identify.id] }, TEST_ACTOR)).toEqual({ released: 2, stored: 2 });
    expect(await releaseQuarantined({ sourceId: s.id, ids: [bad.id] }, TEST_ACTOR)).toEqual({ released: 0, stored: 0 });

    const stored = await eventsOf(s.id);
    expect(stored.map((e) => e.messageId).sort()).toEqual(["b-bad", "b-identify", "b-ok"]);
    for (const e of stored) expect(e.profileId).not.toBeNull();
    const released = stored.find((e) => e.messageId === "b-bad")!;
    expect(released.properties).toEqual({ orderId: "o2" });
    expect(released.userId).toBe("bob");
    expect(await t.db.identity.count({ where: { value: { in: ["bob", "cy"] } } })).toBe(2);
    expect((await listQuarantine(s.id)).items.map((i) => i.messageId)).toEqual(["b-unplanned"]);
    expect(await held(s.id)).toBe(1);

    // Release all matching; then nothing is left and the audit log says what happened.
    expect(await releaseQuarantined({ sourceId: s.id, all: true, eventName: null }, TEST_ACTOR)).toEqual({ released: 1, stored: 1 });
    expect((await listQuarantine(s.id)).total).toBe(0);
    expect(await held(s.id)).toBe(0);
    expect(await t.db.event.count({ where: { sourceId: s.id, messageId: "b-bad" } })).toBe(1);
    const audit = await t.db.auditEntry.findMany({ where: { targetId: s.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["plan.updated", "quarantine.released", "quarantine.released"]);
    expect(audit[1]!.details).toEqual({ count: 2, stored: 2, selected: 2 });
  });

  it("answers a blocked single call 200 with the message in quarantined", async () => {
    const s = await sourceWithPlan("Single", plan("block", "block"));
    const res = await handleTrackingRequest({
      segment: "track",
      body: new TextEncoder().encode(JSON.stringify({ event: "Order Completed", userId: "u", messageId: "single", properties: { orderId: 1, total: 2 } })),
      contentEncoding: null,
      authorization: `Basic ${Buffer.from(`${s.writeKey}:`).toString("base64")}`,
      origin: null,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, accepted: 0, quarantined: [{ index: 0, messageId: "single", code: "plan_violation" }] });
  });
});

describe("the quarantine's bounds", () => {
  it("drops the oldest beyond the cap and counts them", async () => {
    const s = await sourceWithPlan("Capped", plan("block", "block"));
    await saveQuarantineBounds({ sourceId: s.id, retentionDays: 30, cap: 3 }, TEST_ACTOR);
    for (let i = 1; i <= 5; i++) await sendBatch(s.writeKey, [order(`cap-${i}`, {})]);
    const page = await listQuarantine(s.id);
    expect(page.items.map((i) => i.messageId)).toEqual(["cap-5", "cap-4", "cap-3"]);
    expect(await getQuarantineBounds(s.id)).toEqual({ retentionDays: 30, cap: 3, droppedByRetention: 0, droppedByCap: 2 });
    expect(await held(s.id)).toBe(3);
    // Lowering the cap applies at once.
    expect(await saveQuarantineBounds({ sourceId: s.id, retentionDays: 30, cap: 1 }, TEST_ACTOR)).toMatchObject({ cap: 1, droppedByCap: 4 });
    expect((await listQuarantine(s.id)).items.map((i) => i.messageId)).toEqual(["cap-5"]);
  });

  it("going over a large cap brings the quarantine down to 99 % of it, so a full quarantine is not pruned by every request", async () => {
    const s = await sourceWithPlan("Capped 200", plan("block", "block"));
    await saveQuarantineBounds({ sourceId: s.id, retentionDays: 30, cap: 200 }, TEST_ACTOR);
    await sendBatch(s.writeKey, Array.from({ length: 200 }, (_, i) => order(`c200-${i}`, {})));
    expect(await held(s.id)).toBe(200);
    await sendBatch(s.writeKey, [order("c200-over", {})]);
    expect(await held(s.id)).toBe(198);
    expect(await getQuarantineBounds(s.id)).toMatchObject({ droppedByCap: 3 });
    const page = await listQuarantine(s.id, { pageSize: 200 });
    expect(page.total).toBe(198);
    expect(page.items[0]!.messageId).toBe("c200-over");
    expect(page.items.map((i) => i.messageId)).not.toContain("c200-2");
    expect(page.items.map((i) => i.messageId)).toContain("c200-3");
  });

  it("drops messages past the retention period and counts them", async () => {
    const s = await sourceWithPlan("Retained", plan("block", "block"));
    const old = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    const send = (messageId: string, now?: Date) =>
      handleTrackingRequest(
        {
          segment: "batch",
          body: new TextEncoder().encode(JSON.stringify({ batch: [order(messageId, {})] })),
          contentEncoding: null,
          authorization: `Basic ${Buffer.from(`${s.writeKey}:`).toString("base64")}`,
          origin: null,
        },
        now,
      );
    // Received 40 days ago. The first quarantining transaction applies retention (its source was not
    // checked yet): old-1 goes at once. The ingest path then checks retention once a minute, so old-2
    // stays until the page applies the bounds.
    await send("old-1", old);
    expect((await listQuarantine(s.id)).total).toBe(0);
    await send("old-2", old);
    await send("new-1");
    expect((await listQuarantine(s.id)).items.map((i) => i.messageId)).toEqual(["new-1", "old-2"]);
    expect(await applyQuarantineBounds(s.id)).toEqual([{ sourceId: s.id, byRetention: 1, byCap: 0 }]);
    expect((await listQuarantine(s.id)).items.map((i) => i.messageId)).toEqual(["new-1"]);
    expect(await held(s.id)).toBe(1);
    expect(await getQuarantineBounds(s.id)).toMatchObject({ droppedByRetention: 2, droppedByCap: 0 });
  });
});

describe("plans", () => {
  it("saves versions, refuses a schema that does not compile, deletes with an audit entry", async () => {
    const s = await createSource({ name: "Plans", kind: "server" });
    expect(await getTrackingPlan(s.id)).toBeNull();
    expect((await saveTrackingPlan(s.id, plan("flag", "flag"), TEST_ACTOR)).version).toBe(1);
    expect((await saveTrackingPlan(s.id, { ...plan("allow", "block"), identify: null }, TEST_ACTOR)).version).toBe(2);
    expect(await getTrackingPlan(s.id)).toMatchObject({ version: 2, plan: { identify: null, unplanned: "allow", invalid: "block" } });
    const bad = { ...plan("flag", "flag"), events: [{ name: "Broken", schema: { type: "nope" } }] };
    await expect(saveTrackingPlan(s.id, bad, TEST_ACTOR)).rejects.toThrow(PlanAdminError);
    await deleteTrackingPlan(s.id, TEST_ACTOR);
    expect(await getTrackingPlan(s.id)).toBeNull();
    const audit = await t.db.auditEntry.findMany({ where: { targetId: s.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["plan.updated", "plan.updated", "plan.deleted"]);
    expect(audit[1]!.details).toMatchObject({ version: 2, unplanned: { from: "flag", to: "allow" }, invalid: { from: "flag", to: "block" } });
  });
});

describe("deletePersonPlanData", () => {
  it("removes the quarantined payloads and violation examples holding a person's data, and nothing else", async () => {
    const s = await sourceWithPlan("Deleting", plan("flag", "block"));
    await sendBatch(s.writeKey, [
      order("d-1", { orderId: "o" }, "gone"),
      { type: "identify", anonymousId: "anon-gone", messageId: "d-2", traits: { email: 5 } },
      { type: "identify", userId: "other", messageId: "d-3", traits: { email: 5 } },
      { type: "track", event: "Mystery", userId: "kept", messageId: "d-5", properties: { email: "gone@example.com" } },
      { type: "track", event: "Mystery", userId: "kept2", messageId: "d-6" },
    ]);
    const before = { q: await t.db.quarantinedMessage.count({ where: { sourceId: s.id } }), v: await t.db.planViolation.count({ where: { sourceId: s.id } }) };
    expect(before).toEqual({ q: 3, v: 5 });
    // By user id (d-1), anonymous id (d-2) and email (d-5, a flagged message whose properties hold it).
    const out = await inTransaction(pool(), (sql) => deletePersonPlanData(sql, { userIds: ["gone"], anonymousIds: ["anon-gone"], emails: ["GONE@example.com"], messageIds: ["nope"] }));
    expect(out).toEqual({ quarantined: 2, violations: 3 });
    expect(await held(s.id)).toBe(1);
    expect((await t.db.quarantinedMessage.findMany({ where: { sourceId: s.id } })).map((q) => q.messageId)).toEqual(["d-3"]);
    expect((await t.db.planViolation.findMany({ where: { sourceId: s.id }, orderBy: { seq: "asc" } })).map((v) => v.messageId)).toEqual(["d-3", "d-6"]);
    expect(await inTransaction(pool(), (sql) => deletePersonPlanData(sql, {}))).toEqual({ quarantined: 0, violations: 0 });
  });
});
