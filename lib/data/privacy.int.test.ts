// Deletion and suppression against a real database. A person ("Ann") seeded richly through the real
// paths — Tracking API messages of two sources (a merge, a split leaving a kept-apart pair, a group,
// an external id, refused messages), the CRM (a contact with an interaction logged into the CDP, a
// ticket with a reply, a task, field history) — is deleted by one identifier; then EVERY table of the
// schema is searched for her profile ids, identifier values, message ids and contact id, the Profile
// API answers 404, no export holds her, and another person's data is unchanged. Suppression: new
// messages with any of her identifiers are accepted, dropped and counted. Also: contact "keep",
// suppress-only, unknown identifiers, the dry run, the request journal and audit entries.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../../tests/test-database";
import { sendBatch } from "../../tests/tracking-api";
import { forgetCachedSources } from "../ingest/ingest";
import { newContactInput, updateContactInput } from "../crm/contacts-input";
import { createTicketInput, replyTicketInput } from "../crm/tickets";
import { logInteractionInput } from "../crm/interactions";
import { createApiToken } from "./api-tokens";
import { createSource } from "./sources";
import { createUser, type StaffUser } from "./users";
import { createContact, updateContact } from "./contacts";
import { logInteraction } from "./interactions";
import { createTicket, replyToTicket } from "./tickets";
import { createTask } from "./tasks";
import { splitProfile } from "./identity-split";
import { saveTrackingPlan } from "./tracking-plans";
import { exportJsonStream } from "./crm-export";
import { deletePerson, DELETION_STEPS, getPrivacyRequest, listPrivacyRequests, listSuppressions, previewDeletion, suppressPerson } from "./privacy";
import { identifierHash } from "../privacy/identifier";
import { volumeTotals, volumeWindow } from "../sources/volume";
import { sourceVolume } from "./source-admin";
import { GET as getTraits } from "../../app/api/v1/profiles/[ref]/traits/route";
import { GET as getEventsExport } from "../../app/api/v1/events/export/route";
import { GET as getProfilesExport } from "../../app/api/v1/profiles/export/route";
import { POST as postDeletion } from "../../app/api/v1/privacy/deletions/route";
import { GET as getDeletion } from "../../app/api/v1/privacy/deletions/[id]/route";
import { POST as postSuppression } from "../../app/api/v1/privacy/suppressions/route";
import { GET as getSuppression } from "../../app/api/v1/privacy/suppressions/[id]/route";

let t: TestDatabase;
let app = { id: "", writeKey: "" };
let server = { id: "", writeKey: "" };
let admin: StaffUser;
let profilesToken = "";
let exportToken = "";

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
let n = 0;
const msg = (type: string, fields: Record<string, unknown>, prefix = "ann") => ({ type, messageId: `${prefix}-msg-${++n}`, timestamp: hoursAgo(48 - n / 10), ...fields });

async function send(writeKey: string, batch: unknown[]) {
  const res = await sendBatch(writeKey, batch);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { accepted: number; duplicates: number; suppressed: number; rejected: unknown[] };
}

const profileOf = async (type: string, value: string) =>
  (await t.db.$queryRawUnsafe<{ id: string }[]>(`SELECT coalesce(p.merged_into_id, p.id) AS id FROM identities i JOIN profiles p ON p.id = i.profile_id WHERE i.type = $1 AND i.value = $2`, type, value))[0]?.id ?? null;

/** Every base table of the schema but the migrations' bookkeeping. */
const allTables = async () =>
  (await t.db.$queryRawUnsafe<{ name: string }[]>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`)).map(
    (r) => r.name,
  );

/** Per table, how many rows hold any of `needles` anywhere in their text (every column). */
async function tablesHolding(needles: string[], except: string[] = []): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  const patterns = needles.map((s) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  for (const table of await allTables()) {
    if (except.includes(table)) continue;
    const [{ n: hits }] = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" x WHERE lower(x::text) LIKE ANY($1::text[])`, patterns);
    if (hits) found[table] = hits;
  }
  return found;
}

/** Bob's rows in every table that holds him, to prove a deletion left him alone. */
async function bobSnapshot(bobProfile: string) {
  const q = (text: string) => t.db.$queryRawUnsafe<unknown[]>(text, bobProfile);
  return {
    profile: await q(`SELECT id, traits, event_count, first_seen_at, last_seen_at FROM profiles WHERE id = $1`),
    events: await q(`SELECT message_id FROM events WHERE profile_id = $1 ORDER BY message_id`),
    identities: await q(`SELECT type, value FROM identities WHERE profile_id = $1 ORDER BY type, value`),
    contacts: await q(`SELECT id, email, profile_id FROM contacts WHERE profile_id = $1`),
    accounts: await q(`SELECT account_id FROM profile_accounts WHERE profile_id = $1`),
    journal: await q(`SELECT id FROM merge_journal WHERE $1 = ANY(profile_ids) ORDER BY id`),
    rejected: await t.db.$queryRawUnsafe<unknown[]>(`SELECT seq FROM rejected_messages WHERE payload::text LIKE '%bob%' ORDER BY seq`),
    quarantined: await t.db.$queryRawUnsafe<unknown[]>(`SELECT message_id FROM quarantined_messages WHERE user_id = 'u-bob' ORDER BY seq`),
    interactions: await q(`SELECT i.id FROM interactions i JOIN contacts c ON c.id = i.contact_id WHERE c.profile_id = $1`),
  };
}

const traitsCall = (ref: string) =>
  getTraits(new NextRequest(`http://t/api/v1/profiles/${encodeURIComponent(ref)}/traits`, { headers: { authorization: `Bearer ${profilesToken}` } }), { params: Promise.resolve({ ref }) });

async function exportText(kind: "events" | "profiles"): Promise<string> {
  const req = new NextRequest(`http://t/api/v1/${kind}/export?format=ndjson`, { headers: { authorization: `Bearer ${exportToken}` } });
  const res = await (kind === "events" ? getEventsExport : getProfilesExport)(req, { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  return res.text();
}

const streamText = async (s: ReadableStream<Uint8Array>) => new Response(s).text();

const ann = { profile: "", merged: "", kiosk: "", contact: "", ticket: "" };
let bobProfile = "";
const ANN_VALUES = ["ann@example.com", "u-ann", "anon-ann-1", "anon-ann-2", "ext-ann-77", "442079460001", "ann-msg-", "Ann Lee", "Ann's private note", "Refund please"];

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createSource({ name: "App", kind: "web" });
  server = await createSource({ name: "Backend", kind: "server" });
  admin = await createUser({ email: "ada@privacy.test", name: "Ada Admin", role: "admin", password: "a long password" });
  profilesToken = (await createApiToken({ name: "profiles", scopes: ["profiles:read"] }, TEST_ACTOR)).token;
  exportToken = (await createApiToken({ name: "warehouse", scopes: ["events:export"] }, TEST_ACTOR)).token;

  // Ann: a first device identified, a second device browsing then identified (a merge), a kiosk
  // merged in then split off again by an admin (a kept-apart pair), a group call, an external id,
  // server-side events, and two refused messages carrying her identifiers.
  await send(app.writeKey, [
    msg("identify", { userId: "u-ann", anonymousId: "anon-ann-1", traits: { email: "Ann@Example.com", name: "Ann Lee", phone: "+44 20 7946 0001" } }),
    msg("page", { anonymousId: "anon-ann-2", name: "Pricing", properties: { url: "https://example.com/pricing" } }),
    msg("track", { anonymousId: "kiosk-7", event: "Kiosk Opened" }, "kiosk"),
  ]);
  ann.merged = (await profileOf("anonymous_id", "anon-ann-2"))!;
  await send(app.writeKey, [
    msg("identify", { userId: "u-ann", anonymousId: "anon-ann-2" }),
    msg("identify", { userId: "u-ann", anonymousId: "kiosk-7" }),
    msg("group", { userId: "u-ann", groupId: "acme", traits: { name: "Acme", domain: "acme.test" } }),
    msg("track", { userId: "u-ann", event: "Signed Up", context: { externalIds: [{ id: "ext-ann-77", type: "shop_id", collection: "users", encoding: "none" }] } }),
    { type: "track", userId: "u-ann", messageId: "ann-msg-bad-1" },
    { type: "identify", messageId: "ann-msg-bad-2", context: { traits: { email: "ANN@example.com" } } },
  ]);
  await send(server.writeKey, [msg("track", { userId: "u-ann", event: "Order Completed", properties: { revenue: 42 } })]);
  ann.profile = (await profileOf("email", "ann@example.com"))!;
  expect(ann.merged).not.toBe(ann.profile);
  expect(await profileOf("anonymous_id", "anon-ann-2")).toBe(ann.profile);
  ann.kiosk = (await splitProfile(ann.profile, [{ type: "anonymous_id", value: "kiosk-7" }], { userId: admin.id, label: admin.name, peer: null })).newProfileId;

  // A tracking plan on the Backend that blocks unplanned events: two of Ann's messages are quarantined
  // with their violations (one carrying only her phone, under an anonymous id of a till), and Bob's one.
  await saveTrackingPlan(server.id, { events: [{ name: "Order Completed", schema: { type: "object" } }], identify: null, unplanned: "block", invalid: "flag" }, TEST_ACTOR);
  forgetCachedSources();
  const blocked = await sendBatch(server.writeKey, [
    msg("track", { userId: "u-ann", event: "Refund Requested", properties: { reason: "Refund please" } }),
    msg("track", { anonymousId: "till-3", event: "Receipt Printed", context: { traits: { phone: "+44 20 7946 0001" } } }),
    msg("track", { userId: "u-bob", event: "Refund Requested" }, "bob"),
  ]);
  expect((blocked.body as { quarantined: unknown[] }).quarantined).toHaveLength(3);

  // Bob, another person sharing the account; his own refused message.
  await send(app.writeKey, [
    msg("identify", { userId: "u-bob", anonymousId: "anon-bob", traits: { email: "bob@example.com", name: "Bob Roe" } }, "bob"),
    msg("group", { userId: "u-bob", groupId: "acme" }, "bob"),
    msg("track", { userId: "u-bob", event: "Signed Up" }, "bob"),
    { type: "track", userId: "u-bob", messageId: "bob-msg-bad" },
  ]);
  bobProfile = (await profileOf("user_id", "u-bob"))!;

  // The CRM: contacts for both (linked by email), Ann's with history, an interaction (a crm-source
  // event), a ticket with a reply and a task.
  const actor = { id: admin.id, role: "admin" as const };
  ann.contact = (await createContact(newContactInput.parse({ email: "ann@example.com", firstName: "Ann", lastName: "Lee", lifecycleStage: "lead" }), actor)).id;
  await updateContact(updateContactInput.parse({ id: ann.contact, email: "ann@example.com", firstName: "Ann", lastName: "Lee", jobTitle: "CTO", lifecycleStage: "sql" }), actor);
  const bobContact = (await createContact(newContactInput.parse({ email: "bob@example.com", firstName: "Bob", lifecycleStage: "lead" }), actor)).id;
  await logInteraction(logInteractionInput.parse({ contactId: ann.contact, kind: "note", body: "Ann's private note" }), { id: admin.id });
  await logInteraction(logInteractionInput.parse({ contactId: bobContact, kind: "note", body: "Bob's note" }), { id: admin.id });
  ann.ticket = (await createTicket(createTicketInput.parse({ contactId: ann.contact, subject: "Refund please" }), actor)).id;
  await replyToTicket(replyTicketInput.parse({ ticketId: ann.ticket, body: "On its way", public: true }), actor);
  await createTask({ contactId: ann.contact, title: "Call Ann back", dueDay: "2026-12-24" }, { id: admin.id });
  // The exports only show what settled.
  await t.db.$executeRawUnsafe(`UPDATE events SET received_at = received_at - interval '1 hour'`);
});
afterAll(async () => {
  await t?.close();
});

describe("deleting a person", () => {
  it("finds Ann everywhere before, so the no-trace check below can see", async () => {
    const before = await tablesHolding([...ANN_VALUES, ann.profile, ann.merged, ann.contact, ann.ticket]);
    for (const table of ["events", "identities", "profiles", "merge_journal", "identity_kept_apart", "profile_accounts", "rejected_messages", "contacts", "interactions", "tickets", "ticket_comments", "tasks", "field_history", "contact_stages", "quarantined_messages", "plan_violations"])
      expect(before[table] ?? 0, `${table} ${JSON.stringify(before)}`).toBeGreaterThan(0);
    expect(await t.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM events WHERE profile_id = $1 AND source_id = (SELECT id FROM sources WHERE kind = 'crm')`, ann.profile)).not.toHaveLength(0);
    expect((await traitsCall("email:ann@example.com")).status).toBe(200);
  });

  it("previews exactly what it removes, then removes it and leaves no trace in any table", async () => {
    const bob = await bobSnapshot(bobProfile);
    const kioskEvents = await t.db.$queryRawUnsafe<unknown[]>(`SELECT message_id FROM events WHERE profile_id = $1`, ann.kiosk);
    const preview = await previewDeletion({ type: "email", value: "ann@example.com" }, "delete");
    expect(preview).not.toBeNull();
    // The dry run rolled back.
    expect(await profileOf("email", "ann@example.com")).toBe(ann.profile);

    const done = await deletePerson({ type: "user_id", value: "u-ann" }, { contact: "delete", suppress: true }, { userId: admin.id, label: admin.name, peer: "192.0.2.1" });
    expect(done.status).toBe("done");
    expect(done.removed).toEqual(preview);
    expect(Object.keys(done.removed)).toEqual(DELETION_STEPS.map((s) => s.kind));
    expect(done.removed).toMatchObject({ profiles: 3, contacts: 1, tickets: 1, ticketComments: 1, tasks: 1, rejectedMessages: 2, keptApart: 1, accountLinks: 1 });
    expect(done.removed.events).toBeGreaterThanOrEqual(8);
    expect(done.removed.identities).toBe(7); // user_id, two anonymous ids, email, phone, shop_id, the CRM's contact id
    expect(done.removed.interactions).toBe(1);
    expect(done.removed.quarantine).toBe(4); // two quarantined messages and their two violations
    expect(done.removed.fieldHistory).toBeGreaterThan(0);
    expect(done.suppressedIdentifiers).toBeGreaterThanOrEqual(7);

    // Table by table: no row of any table holds her values, profile ids, message ids or contact id —
    // but the request journal and the audit log, which hold only hashes and ids (checked next).
    expect(await tablesHolding([...ANN_VALUES, ann.profile, ann.merged, ann.contact, ann.ticket], ["audit_log"])).toEqual({});
    // The audit log names no identifier value (a split's entry keeps the dead profile id: README).
    expect(await tablesHolding(ANN_VALUES)).toEqual({});
    const [request] = await t.db.$queryRawUnsafe<{ identifier_hash: string; identifier_type: string }[]>(`SELECT * FROM privacy_requests WHERE id = $1`, done.id);
    expect(request).toMatchObject({ identifier_type: "user_id", identifier_hash: identifierHash({ type: "user_id", value: "u-ann" }) });

    // Another person is untouched, and so is the profile the admin split off as not Ann.
    expect(await bobSnapshot(bobProfile)).toEqual(bob);
    expect(bob.events.length).toBeGreaterThan(0);
    expect(await t.db.$queryRawUnsafe<unknown[]>(`SELECT message_id FROM events WHERE profile_id = $1`, ann.kiosk)).toEqual(kioskEvents);
    expect(await t.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM accounts WHERE group_id = 'acme'`)).toHaveLength(1);
  });

  it("answers 404 in the Profile API for every one of her identifiers", async () => {
    for (const ref of ["email:ann@example.com", "user_id:u-ann", "anonymous_id:anon-ann-1", "anonymous_id:anon-ann-2", "phone:+442079460001", `profile_id:${ann.profile}`, `profile_id:${ann.merged}`]) {
      const res = await traitsCall(ref);
      expect(res.status, ref).toBe(404);
    }
    expect((await traitsCall("email:bob@example.com")).status).toBe(200);
  });

  it("leaves her out of every export", async () => {
    const events = await exportText("events");
    const profiles = await exportText("profiles");
    const crm = await streamText(exportJsonStream());
    for (const text of [events, profiles, crm]) {
      expect(text.toLowerCase()).toContain("bob");
      for (const v of [...ANN_VALUES, ann.profile, ann.merged, ann.contact]) expect(text.toLowerCase()).not.toContain(v.toLowerCase());
    }
  });

  it("journals the request without personal data, audited", async () => {
    const [entry] = await t.db.$queryRawUnsafe<{ action: string; target_id: string; details: Record<string, unknown>; actor_label: string; peer: string }[]>(
      `SELECT action, target_id, details, actor_label, peer FROM audit_log WHERE action = 'privacy.deletion_requested'`,
    );
    expect(entry).toMatchObject({ target_id: expect.any(String), actor_label: "Ada Admin", peer: "192.0.2.1" });
    expect(entry.details).toMatchObject({ identifierType: "user_id", contact: "delete", suppress: true, status: "done" });
    expect((await listPrivacyRequests())[0]).toMatchObject({ kind: "deletion", status: "done", requestedBy: "Ada Admin", identifierType: "user_id" });
    const list = await listSuppressions();
    expect(list.total).toBeGreaterThanOrEqual(7);
    expect(list.rows.map((r) => r.hash)).toContain(identifierHash({ type: "email", value: "ann@example.com" }));
  });
});

describe("suppression", () => {
  it("accepts and drops new messages carrying any of her identifiers, in any position, counted per source", async () => {
    forgetCachedSources();
    const eventsBefore = await t.db.event.count();
    const body = await send(app.writeKey, [
      msg("track", { userId: "u-ann", event: "Came Back" }, "again"),
      msg("page", { anonymousId: "anon-ann-2", name: "Home" }, "again"),
      msg("identify", { userId: "u-new", traits: { email: " ANN@example.com " } }, "again"),
      msg("track", { anonymousId: "fresh-device", event: "X", context: { traits: { email: "ann@example.com" } } }, "again"),
      msg("track", { anonymousId: "fresh-device-2", event: "Y", context: { traits: { phone: "+44 20 7946 0001" } } }, "again"),
      msg("track", { anonymousId: "fresh-device-3", event: "Z", context: { externalIds: [{ id: "ext-ann-77", type: "shop_id" }] } }, "again"),
      msg("alias", { userId: "u-other", previousId: "u-ann" }, "again"),
      msg("track", { userId: "u-carl", event: "Signed Up" }, "carl"),
    ]);
    expect(body).toMatchObject({ accepted: 8, duplicates: 0, suppressed: 7, rejected: [] });
    expect(await t.db.event.count()).toBe(eventsBefore + 1);
    expect(await profileOf("user_id", "u-new")).toBeNull();
    expect(await profileOf("anonymous_id", "fresh-device")).toBeNull();
    expect(await profileOf("user_id", "u-carl")).not.toBeNull();
    const counts = await t.db.suppressedMessageCount.findMany();
    expect(counts.map((c) => [c.sourceId, c.count])).toEqual([[app.id, 7]]);
    // …shown in the source's volume.
    expect(volumeTotals(await sourceVolume(app.id, volumeWindow("24h", new Date())))).toMatchObject({ suppressed: 7 });
    expect(volumeTotals(await sourceVolume(server.id, volumeWindow("24h", new Date())))).toMatchObject({ suppressed: 0 });
    // A refused message carrying one of her identifiers keeps no payload.
    await send(app.writeKey, [{ type: "identify", messageId: "refused-again", context: { traits: { email: "Ann@example.com" } } }]);
    const [refused] = await t.db.$queryRawUnsafe<{ payload: unknown }[]>(`SELECT payload FROM rejected_messages WHERE message_id = 'refused-again'`);
    expect(refused.payload).toEqual({ suppressed: true });
    await send(app.writeKey, [{ type: "identify", messageId: "refused-other", context: { traits: { email: "zed@example.com" } } }]);
    const [other] = await t.db.$queryRawUnsafe<{ payload: unknown }[]>(`SELECT payload FROM rejected_messages WHERE message_id = 'refused-other'`);
    expect(other.payload).toMatchObject({ context: { traits: { email: "zed@example.com" } } });
    // A retry of the same messages is dropped again (never stored as "new").
    expect(await send(app.writeKey, [msg("track", { userId: "u-ann", event: "Came Back" }, "again")])).toMatchObject({ suppressed: 1, duplicates: 0 });
  });

  it("a deletion racing the person's messages leaves no trace in any interleaving", async () => {
    await send(app.writeKey, [msg("identify", { userId: "u-hal", anonymousId: "anon-hal", traits: { email: "hal@example.com" } }, "hal")]);
    // Messages before, during and after the deletion, each request concurrent with it: whichever
    // commits first, the person ends deleted (stored ones removed) or suppressed (later ones dropped).
    const batches = Array.from({ length: 8 }, (_, i) => [msg("track", { userId: "u-hal", event: `Race ${i}` }, "hal"), msg("page", { anonymousId: "anon-hal", name: `Race ${i}` }, "hal")]);
    const sends = batches.map((b) => sendBatch(app.writeKey, b));
    const deletion = deletePerson({ type: "email", value: "hal@example.com" }, { contact: "keep", suppress: true }, TEST_ACTOR);
    const more = batches.map((b) => sendBatch(app.writeKey, b.map((m) => ({ ...m, messageId: `${m.messageId}-late` }))));
    const results = await Promise.all([...sends, ...more]);
    expect((await deletion).status).toBe("done");
    for (const r of results) expect(r.status).toBe(200);
    expect(await t.db.identity.count({ where: { value: { in: ["u-hal", "anon-hal", "hal@example.com"] } } })).toBe(0);
    expect(await t.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM events WHERE user_id = 'u-hal' OR anonymous_id = 'anon-hal'`)).toHaveLength(0);
    // And from now on, every one is dropped.
    expect(await send(app.writeKey, [msg("track", { userId: "u-hal", event: "After" }, "hal")])).toMatchObject({ suppressed: 1 });
  });

  it("keeps a contact when asked: unlinked, its CRM work goes on, its CDP events are dropped", async () => {
    await send(app.writeKey, [msg("identify", { userId: "u-cora", traits: { email: "cora@example.com" } }, "cora")]);
    const actor = { id: admin.id, role: "admin" as const };
    const contact = (await createContact(newContactInput.parse({ email: "cora@example.com", firstName: "Cora", lifecycleStage: "lead" }), actor)).id;
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact } })).profileId).not.toBeNull();
    const done = await deletePerson({ type: "email", value: "cora@example.com" }, { contact: "keep", suppress: true }, TEST_ACTOR);
    expect(done).toMatchObject({ status: "done", contact: "keep" });
    expect(done.removed).toMatchObject({ contacts: 0, contactsUnlinked: 1, profiles: 1 });
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact } })).profileId).toBeNull();
    const events = await t.db.event.count();
    await logInteraction(logInteractionInput.parse({ contactId: contact, kind: "note", body: "Still a customer" }), { id: admin.id });
    expect(await t.db.interaction.count({ where: { contactId: contact } })).toBe(1);
    expect(await t.db.event.count()).toBe(events);
    expect(await profileOf("email", "cora@example.com")).toBeNull();
  });

  it("suppresses without deleting: stored data stays, new messages are dropped", async () => {
    await send(app.writeKey, [msg("identify", { userId: "u-dan", anonymousId: "anon-dan", traits: { email: "dan@example.com" } }, "dan")]);
    const events = await t.db.event.count();
    const done = await suppressPerson({ type: "anonymous_id", value: "anon-dan" }, TEST_ACTOR);
    expect(done).toMatchObject({ kind: "suppression", status: "done", suppressedIdentifiers: 3, removed: {} });
    expect(await profileOf("user_id", "u-dan")).not.toBeNull();
    expect(await send(app.writeKey, [msg("track", { userId: "u-dan", event: "Again" }, "dan")])).toMatchObject({ suppressed: 1 });
    expect(await t.db.event.count()).toBe(events);
  });

  it("answers nothing_found for an unknown identifier, and still suppresses it when asked", async () => {
    const del = await deletePerson({ type: "email", value: "nobody@example.com" }, { contact: "keep", suppress: true }, TEST_ACTOR);
    expect(del).toMatchObject({ status: "nothing_found", suppressedIdentifiers: 1 });
    expect(Object.values(del.removed).every((v) => v === 0)).toBe(true);
    const kept = await deletePerson({ type: "email", value: "nobody2@example.com" }, { contact: "keep", suppress: false }, TEST_ACTOR);
    expect(kept).toMatchObject({ status: "nothing_found", suppressedIdentifiers: 0 });
    expect(await send(app.writeKey, [msg("identify", { userId: "u-x", traits: { email: "nobody@example.com" } }, "x")])).toMatchObject({ suppressed: 1 });
    expect(await send(app.writeKey, [msg("identify", { userId: "u-y", traits: { email: "nobody2@example.com" } }, "y")])).toMatchObject({ suppressed: 0 });
    expect(await previewDeletion({ type: "email", value: "nobody3@example.com" }, "delete")).toBeNull();
    expect(await getPrivacyRequest(del.id)).toEqual(del);
    expect(await getPrivacyRequest("no-such-id")).toBeNull();
  });
});

describe("the privacy API", () => {
  let token = "";
  let otherToken = "";
  beforeAll(async () => {
    token = (await createApiToken({ name: "dpo", scopes: ["privacy:write"] }, TEST_ACTOR)).token;
    otherToken = (await createApiToken({ name: "reader", scopes: ["profiles:read", "events:export"] }, TEST_ACTOR)).token;
  });
  const post = (handler: typeof postDeletion, path: string, body: unknown, bearer: string | null = token) =>
    handler(
      new NextRequest(`http://t/api/v1/privacy/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );
  const get = (handler: typeof getDeletion, path: string, id: string, bearer: string | null = token) =>
    handler(new NextRequest(`http://t/api/v1/privacy/${path}/${id}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} }), { params: Promise.resolve({ id }) });

  it("needs a token with privacy:write", async () => {
    const none = await post(postDeletion, "deletions", { identifier: "email:eve@example.com" }, null);
    expect(none.status).toBe(401);
    const wrong = await post(postSuppression, "suppressions", { identifier: "email:eve@example.com" }, otherToken);
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.code).toBe("insufficient_scope");
    expect((await get(getDeletion, "deletions", "x", otherToken)).status).toBe(403);
    expect(await t.db.privacyRequest.count({ where: { actorLabel: { contains: "reader" } } })).toBe(0);
  });

  it.each([
    [{ identifier: "eve@example.com" }, "invalid_identifier", /type:value/],
    [{ identifier: "email:eve" }, "invalid_identifier", /not an email/],
    [{ identifier: "Secret Type:x" }, "invalid_identifier", /not an identifier type/],
    [{ identifier: "email:eve@example.com", contact: "archive" }, "invalid_request", /contact/],
    [{ identifier: "email:eve@example.com", suppress: "yes" }, "invalid_request", /suppress/],
    [{}, "invalid_request", /identifier/],
    ["{not json", "invalid_json", /JSON/],
    [{ identifier: "profile_id:abc" }, "invalid_identifier", /not an identifier type/],
  ])("answers 400 to %j", async (body, code, message) => {
    const res = await post(postDeletion, "deletions", body);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it("deletes with 202 and the request, then GET tells the same; defaults: contact keep, suppress true", async () => {
    await send(app.writeKey, [msg("identify", { userId: "u-eve", traits: { email: "eve@example.com" } }, "eve")]);
    const res = await post(postDeletion, "deletions", { identifier: "EMAIL:Eve@Example.com" });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toMatchObject({ kind: "deletion", status: "done", contact: "keep", suppress: true, identifierType: "email", requestedBy: "API token “dpo”", error: null });
    expect(body.identifierHash).toBe(identifierHash({ type: "email", value: "eve@example.com" }));
    expect(body.removed).toMatchObject({ profiles: 1, identities: 2, events: 1 });
    expect(body.suppressedIdentifiers).toBe(2);
    expect(JSON.stringify(body)).not.toContain("eve@");
    const again = await get(getDeletion, "deletions", body.id);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(body);
    // A deletion's id is not a suppression's.
    expect((await get(getSuppression, "suppressions", body.id)).status).toBe(404);
    const missing = await get(getDeletion, "deletions", "no-such-id");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("request_not_found");
  });

  it("answers 202 nothing_found for an unknown identifier, and suppresses by API", async () => {
    const res = await post(postDeletion, "deletions", { identifier: "user_id:u-never-seen", contact: "delete", suppress: false });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: "nothing_found", contact: "delete", suppress: false, suppressedIdentifiers: 0 });
    const s = await post(postSuppression, "suppressions", { identifier: "anonymous_id:bot-1" });
    expect(s.status).toBe(202);
    const body = await s.json();
    expect(body).toMatchObject({ kind: "suppression", status: "nothing_found", contact: null, suppressedIdentifiers: 1, removed: {} });
    expect(await (await get(getSuppression, "suppressions", body.id)).json()).toEqual(body);
    expect(await send(app.writeKey, [msg("page", { anonymousId: "bot-1", name: "Home" }, "bot")])).toMatchObject({ suppressed: 1 });
  });
});

describe("npm run privacy", () => {
  const cli = (args: string[]) =>
    promisify(execFile)(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/privacy.ts", ...args], {
      env: { ...process.env, DATABASE_URL: t.url, CHECKPOINT_DISABLE: "1" },
    });

  it("previews, deletes and suppresses as the CLI, audited as \"CLI\"", async () => {
    await send(app.writeKey, [msg("identify", { userId: "u-finn", anonymousId: "anon-finn", traits: { email: "finn@example.com" } }, "finn")]);
    expect((await cli(["delete", "email:finn@example.com", "--dry-run"])).stdout).toMatch(/Would remove: .*profiles 1/);
    expect(await profileOf("user_id", "u-finn")).not.toBeNull();
    expect((await cli(["delete", "email:FINN@example.com", "--contact", "delete"])).stdout).toMatch(/deletion .*: done — removed: .*identities 3.*identifiers suppressed: 3/);
    expect(await profileOf("user_id", "u-finn")).toBeNull();
    expect((await cli(["suppress", "user_id:u-gina"])).stdout).toMatch(/suppression .*: nothing found — identifiers suppressed: 1/);
    expect((await cli(["list"])).stdout).toMatch(/suppression +nothing_found +user_id/);
    await expect(cli(["delete", "finn@example.com"])).rejects.toMatchObject({ stderr: expect.stringMatching(/type:value/) });
    const entries = await t.db.auditEntry.findMany({ where: { actorLabel: "CLI" }, orderBy: { seq: "asc" } });
    expect(entries.map((e) => [e.action, e.actorUserId, e.peer])).toEqual([
      ["privacy.deletion_requested", null, null],
      ["privacy.suppression_requested", null, null],
    ]);
    expect(JSON.stringify(entries.map((e) => [e.details, e.targetLabel]))).not.toMatch(/finn|gina/);
  }, 60_000);
});
