// A CRM contact links to the profile holding its email (lib/data/contacts.ts, createContact and
// updateContact). Ingest links contacts from its side too, and on PostgreSQL it resolves under
// striped locks, so a contact write takes the locks ingest would take for that email
// (lockContactLinks) before any row: an ingest transaction in flight can neither make the link go
// missing (it creates the identity meanwhile) nor leave it on a profile it merges away. CRM writes
// that log an event take the global lock exclusively, so they wait for ingest in flight.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test-database";
import { createUser } from "../../lib/data/users";
import { createSource } from "../../lib/data/sources";
import { createContact, updateContact } from "../../lib/data/contacts";
import { logInteraction } from "../../lib/data/interactions";
import { logInteractionInput } from "../../lib/crm/interactions";
import { CRM_SOURCE_ID, interactionMessageId } from "../../lib/crm/crm-events";
import { storeEvents, storeRequests } from "../../lib/data/events";
import { STRIPED } from "../../lib/data/identity-locks";
import { pgSql } from "../../lib/data/sql";
import { pool } from "../../lib/db/pool";
import { eventMaker } from "../normalized-events";
import { newContactInput, updateContactInput } from "../../lib/crm/contacts-input";
import type { Actor } from "../../lib/crm/contacts-access";

let t: TestDatabase;
let admin: Actor;
let sourceId = "";
beforeAll(async () => {
  t = await createTestDatabase();
  admin = { id: (await createUser({ email: "admin@links.test", name: "Admin", role: "admin", password: "a long password" })).id, role: "admin" };
  sourceId = (await createSource({ name: "App", kind: "server" })).id;
});
afterAll(() => t.close());

const receivedAt = new Date("2026-07-01T00:00:00Z");
const ev = eventMaker("cl", receivedAt);
const ingest = (...ms: Record<string, unknown>[]) => storeRequests([{ sourceId, receivedAt, events: ms.map(ev), rejected: [] }]);
const profileOf = async (type: string, value: string) => (await t.db.identity.findUnique({ where: { type_value: { type, value } } }))?.profileId ?? null;
const linkOf = async (contactId: string) => (await t.db.contact.findUniqueOrThrow({ where: { id: contactId }, select: { profileId: true } })).profileId;
const newContact = (email: string | null, firstName = "Ada") => createContact(newContactInput.parse({ email, firstName, lifecycleStage: "lead" }), admin);
const readdress = (id: string, email: string) => updateContact(updateContactInput.parse({ id, email, firstName: "Ada", lifecycleStage: "lead" }), admin);

describe("contact links", () => {
  it("a contact created, or given a new email, links to the profile holding it; an unknown email links to none", async () => {
    await ingest({ type: "identify", userId: "grace", traits: { email: "grace@links.test" } });
    const grace = await profileOf("email", "grace@links.test");
    expect(grace).not.toBeNull();
    const c = await newContact("grace@links.test");
    expect(await linkOf(c.id)).toBe(grace);
    await readdress(c.id, "nobody@links.test");
    expect(await linkOf(c.id)).toBeNull();
    const d = await newContact(null, "Alan");
    await ingest({ type: "identify", userId: "alan", traits: { email: "alan@links.test" } });
    await readdress(d.id, "alan@links.test");
    expect(await linkOf(d.id)).toBe(await profileOf("email", "alan@links.test"));
  });
});

/** An ingest transaction in flight on another connection, striped as on PostgreSQL. */
async function openIngest(ms: Record<string, unknown>[]) {
  const client = await pool().connect();
  await client.query("BEGIN");
  try {
    await storeEvents(pgSql(client), ms.map((m) => ({ sourceId, event: ev(m) })), [], { locking: STRIPED });
  } catch (err) {
    await client.query("ROLLBACK");
    client.release();
    throw err;
  }
  return {
    async commit() {
      await client.query("COMMIT");
      client.release();
    },
  };
}

/** Someone in this database waits for an advisory lock. */
async function waitingForLock(): Promise<boolean> {
  const [row] = await t.db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = current_database()`;
  return row!.n > 0;
}

/**
 * Runs `write` while the ingest transaction is open, and commits the ingest once `write` has either
 * finished (it took no lock the ingest holds) or is waiting for a lock.
 */
async function whileIngesting<T>(ms: Record<string, unknown>[], write: () => Promise<T>): Promise<T> {
  const open = await openIngest(ms);
  let settled = false;
  const result = write().finally(() => {
    settled = true;
  });
  result.catch(() => undefined);
  try {
    while (!settled && !(await waitingForLock())) await new Promise((r) => setTimeout(r, 10));
  } finally {
    await open.commit();
  }
  return result;
}

// PostgreSQL only: the embedded database runs one transaction at a time, so the contact write
// cannot run while an ingest transaction is open.
describe.runIf(process.env.TANDEM_TEST_BACKEND === "postgres")("contact links beside concurrent ingest (striped)", () => {
  it("a contact created, or re-addressed, while ingest creates the email's identity links to that identity's profile", async () => {
    const c = await whileIngesting([{ type: "identify", userId: "barbara", traits: { email: "barbara@links.test" } }], () => newContact("barbara@links.test", "Barbara"));
    const barbara = await profileOf("email", "barbara@links.test");
    expect(barbara).not.toBeNull();
    expect(await linkOf(c.id)).toBe(barbara);

    const d = await newContact("edsger.old@links.test", "Edsger");
    await whileIngesting([{ type: "identify", userId: "edsger", traits: { email: "edsger@links.test" } }], () => readdress(d.id, "edsger@links.test"));
    expect(await linkOf(d.id)).toBe(await profileOf("email", "edsger@links.test"));
  });

  it("a contact created while ingest merges its email's profile away links to the survivor", async () => {
    await ingest({ type: "identify", userId: "donald" });
    await ingest({ type: "identify", anonymousId: "knuth-laptop", traits: { email: "donald@links.test" } });
    const older = await profileOf("user_id", "donald");
    const merged = await profileOf("email", "donald@links.test");
    expect(merged).not.toBe(older);
    // The laptop signs in: its profile (holding the email) merges into the older one.
    const c = await whileIngesting([{ type: "identify", userId: "donald", anonymousId: "knuth-laptop" }], () => newContact("donald@links.test", "Donald"));
    expect(await profileOf("email", "donald@links.test")).toBe(older);
    expect(await linkOf(c.id)).toBe(older);
    const live = await t.db.profile.findUniqueOrThrow({ where: { id: older! }, select: { mergedIntoId: true } });
    expect(live.mergedIntoId).toBeNull();
  });

  it("an interaction logged while ingest merges the contact's profile away waits, and its CRM event lands on the survivor", async () => {
    await ingest({ type: "identify", userId: "liskov" });
    await ingest({ type: "identify", anonymousId: "liskov-phone", traits: { email: "barbara.l@links.test" } });
    const older = await profileOf("user_id", "liskov");
    const c = await newContact("barbara.l@links.test", "Barbara");
    expect(await linkOf(c.id)).toBe(await profileOf("email", "barbara.l@links.test"));
    const item = await whileIngesting([{ type: "identify", userId: "liskov", anonymousId: "liskov-phone" }], () =>
      logInteraction(logInteractionInput.parse({ contactId: c.id, kind: "note", body: "Called back" }), { id: admin.id }),
    );
    const event = await t.db.event.findUniqueOrThrow({ where: { sourceId_messageId: { sourceId: CRM_SOURCE_ID, messageId: interactionMessageId(item.refId) } }, select: { profileId: true } });
    expect(event.profileId).toBe(older);
    expect(await linkOf(c.id)).toBe(older);
  });
});
