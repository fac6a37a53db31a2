// Splitting a profile (undoing a bad merge), on messages sent through the Tracking API: identifiers
// and the events they lead move to a new profile, facts/accounts/CRM links are recomputed, the split
// is journaled with the admin and the pair is kept apart; bad input is refused and changes nothing.
// Also the admin-only server action that calls it.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { userActor } from "../audit/actions";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { pool } from "../db/pool";
import { sendBatch } from "../../tests/tracking-api";
import { createSource } from "./sources";
import { createUser, type StaffUser } from "./users";
import { loadFacts, recomputeFacts } from "./identity-store";
import { splitProfile, SplitError } from "./identity-split";
import { pgSql } from "./sql";
import { splitProfileAction } from "../../app/(app)/customers/[id]/actions";
import { resetEnv } from "../env";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidatePath: (p: string) => void revalidated.push(p), revalidateTag: () => undefined }));
// Behind the collector, which tells the app the connection's address.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-tandem-peer": "192.0.2.44" }) }));

let t: TestDatabase;
let key = "";
let admin: StaffUser;
let marketer: StaffUser;
beforeAll(async () => {
  vi.stubEnv("TANDEM_COLLECTOR_IN_FRONT", "1");
  resetEnv();
  t = await createTestDatabase();
  ({ writeKey: key } = await createSource({ name: "App", kind: "server" }));
  admin = await createUser({ email: "ada@split.test", name: "Ada Admin", role: "admin", password: "a long password" });
  marketer = await createUser({ email: "mia@split.test", name: "Mia Marketing", role: "marketing", password: "a long password" });
});
afterAll(async () => {
  await t.close();
  vi.unstubAllEnvs();
  resetEnv();
});
beforeEach(async () => {
  await t.db.$executeRawUnsafe(
    `TRUNCATE events, identities, merge_journal, identity_kept_apart, profile_accounts, accounts, profiles, contacts, settings, audit_log CASCADE`,
  );
  session.userId = null;
  revalidated.length = 0;
});

type Msg = Record<string, unknown>;
let n = 0;
let clock = Date.UTC(2026, 3, 1);
const msg = (type: string, fields: Msg): Msg => ({ type, messageId: `split-${++n}`, timestamp: new Date((clock += 60_000)).toISOString(), ...fields });

async function send(...batch: Msg[]) {
  const res = await sendBatch(key, batch);
  expect(res.status).toBe(200);
}

const profileOf = async (type: string, value: string) => (await t.db.identity.findUnique({ where: { type_value: { type, value } } }))?.profileId ?? null;
const idsOf = async (profileId: string) =>
  (await t.db.identity.findMany({ where: { profileId }, select: { type: true, value: true } })).map((i) => `${i.type}:${i.value}`).sort();
const eventNamesOf = async (profileId: string) =>
  (await t.db.$queryRawUnsafe<{ label: string }[]>(`SELECT coalesce(event, name, type::text) AS label FROM events WHERE profile_id = $1 ORDER BY timestamp`, profileId)).map(
    (r) => r.label,
  );

async function facts(ids: string[]) {
  const client = await pool().connect();
  try {
    const sql = pgSql(client);
    return { stored: await loadFacts(sql, ids), fromScratch: await recomputeFacts(sql, ids) };
  } finally {
    client.release();
  }
}

/** Everything a split could change, to check a refused one changed nothing. */
async function snapshot() {
  return {
    identities: await t.db.$queryRawUnsafe(`SELECT type, value, profile_id FROM identities ORDER BY type, value`),
    events: await t.db.$queryRawUnsafe(`SELECT seq::text, profile_id FROM events ORDER BY seq`),
    profiles: await t.db.$queryRawUnsafe(`SELECT id, merged_into_id, event_count, traits FROM profiles ORDER BY id`),
    journal: await t.db.mergeJournal.count(),
    keptApart: await t.db.identityKeptApart.count(),
  };
}

const PHONE = "+15550100200";

/**
 * A bad merge: Ann (device a) and Bob (device b, his own profile first) both give the family phone
 * number, so Bob's profile is merged into Ann's. Bob also gives his email, buys, and joins Acme;
 * the CRM contact with his email links to the merged profile.
 */
async function badMerge() {
  const contact = await t.db.contact.create({ data: { email: "bob@split.test", firstName: "Bob" }, select: { id: true } });
  await send(msg("identify", { anonymousId: "dev-a", traits: { phone: "+1 555 0100 200", name: "Ann" } }), msg("page", { anonymousId: "dev-a", name: "Home A" }));
  await send(msg("page", { anonymousId: "dev-b", name: "Home B" }));
  const bobsOwn = (await profileOf("anonymous_id", "dev-b"))!;
  await send(
    msg("identify", { anonymousId: "dev-b", traits: { phone: PHONE, email: "Bob@Split.test", name: "Bob" } }),
    msg("track", { anonymousId: "dev-b", event: "Order Completed", properties: { revenue: 20 } }),
    msg("group", { anonymousId: "dev-b", groupId: "acme", traits: { name: "Acme" } }),
  );
  const merged = (await profileOf("anonymous_id", "dev-a"))!;
  expect(await profileOf("anonymous_id", "dev-b")).toBe(merged);
  expect(bobsOwn).not.toBe(merged);
  expect(await idsOf(merged)).toEqual(["anonymous_id:dev-a", "anonymous_id:dev-b", "email:bob@split.test", `phone:${PHONE}`]);
  expect((await t.db.contact.findUnique({ where: { id: contact.id } }))?.profileId).toBe(merged);
  return { merged, bobsOwn, contactId: contact.id };
}

const BOB = [
  { type: "anonymous_id", value: "dev-b" },
  { type: "email", value: "bob@split.test" },
];

describe("splitProfile", () => {
  it("moves the identifiers and the events they lead to a new profile, recomputing facts, accounts and the CRM link", async () => {
    const { merged, contactId } = await badMerge();
    expect(await eventNamesOf(merged)).toEqual(["identify", "Home A", "Home B", "identify", "Order Completed", "group"]);

    const { newProfileId, movedEvents } = await splitProfile(merged, BOB, userActor(admin, null));
    expect(newProfileId).not.toBe(merged);

    // Identifiers: Bob's moved, the phone (Ann's first) stays.
    expect(await idsOf(merged)).toEqual(["anonymous_id:dev-a", `phone:${PHONE}`]);
    expect(await idsOf(newProfileId)).toEqual(["anonymous_id:dev-b", "email:bob@split.test"]);

    // Events follow their highest-priority identifier: Bob's identify goes with his email, his page
    // view, purchase and group call with his device; Ann's identify stays with the phone.
    expect(movedEvents).toBe(4);
    expect(await eventNamesOf(merged)).toEqual(["identify", "Home A"]);
    expect(await eventNamesOf(newProfileId)).toEqual(["Home B", "identify", "Order Completed", "group"]);

    // Facts: the stored ones are exactly a fold of each profile's events from scratch.
    const f = await facts([merged, newProfileId]);
    expect(f.stored.get(merged)).toEqual(f.fromScratch.get(merged));
    expect(f.stored.get(newProfileId)).toEqual(f.fromScratch.get(newProfileId));
    const [ann, bob] = await Promise.all([merged, newProfileId].map((id) => t.db.profile.findUniqueOrThrow({ where: { id } })));
    expect(ann).toMatchObject({ eventCount: 2, mergedIntoId: null });
    expect(ann.traits).toMatchObject({ name: "Ann", phone: "+1 555 0100 200" });
    expect(ann.traits).not.toHaveProperty("email");
    expect(Number(ann.totalRevenue)).toBe(0);
    expect(bob).toMatchObject({ eventCount: 4, lastEventName: "Group", mergedIntoId: null });
    expect(bob.traits).toMatchObject({ name: "Bob", email: "Bob@Split.test" });
    expect(Number(bob.totalRevenue)).toBe(20);

    // Accounts follow the group call; the CRM contact follows its email.
    const accounts = await t.db.profileAccount.findMany({ include: { account: true } });
    expect(accounts.map((a) => [a.profileId, a.account.groupId])).toEqual([[newProfileId, "acme"]]);
    expect((await t.db.contact.findUnique({ where: { id: contactId } }))?.profileId).toBe(newProfileId);

    // Journal: a split by the admin, naming both profiles and the moved identifiers.
    const split = await t.db.mergeJournal.findFirstOrThrow({ where: { kind: "split" } });
    expect(split).toMatchObject({ rule: "admin", actorUserId: admin.id, profileIds: [merged, newProfileId], messageId: null });
    expect(split.identifiers).toEqual(BOB);
    expect(split.reason).toContain("Ada Admin");

    // Kept apart, by that journal entry.
    expect(await t.db.identityKeptApart.findMany()).toEqual([expect.objectContaining({ profileA: merged, profileB: newProfileId, journalId: split.id })]);
  });

  it("keeps the two apart: a later message carrying identifiers of both is refused (kept_apart), not re-merged", async () => {
    const { merged } = await badMerge();
    const { newProfileId } = await splitProfile(merged, BOB, userActor(admin, null));
    const links = () => t.db.mergeJournal.count({ where: { kind: { in: ["merge", "alias"] } } });
    const linksBefore = await links();

    await send(msg("identify", { anonymousId: "dev-b", traits: { phone: PHONE } }), msg("track", { anonymousId: "dev-b", event: "Viewed Cart" }));
    expect(await profileOf("anonymous_id", "dev-b")).toBe(newProfileId);
    expect(await profileOf("phone", PHONE)).toBe(merged);
    expect(await idsOf(merged)).toEqual(["anonymous_id:dev-a", `phone:${PHONE}`]);
    expect(await idsOf(newProfileId)).toEqual(["anonymous_id:dev-b", "email:bob@split.test"]);
    const profiles = await t.db.profile.findMany({ where: { id: { in: [merged, newProfileId] } } });
    expect(profiles.map((p) => p.mergedIntoId)).toEqual([null, null]);
    expect(await eventNamesOf(newProfileId)).toContain("Viewed Cart");

    const refused = await t.db.mergeJournal.findMany({ where: { kind: "refused" } });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ rule: "kept_apart" });
    expect(refused[0]!.profileIds.sort()).toEqual([merged, newProfileId].sort());
    expect(await t.db.identityKeptApart.count()).toBe(1);
    expect(await links()).toBe(linksBefore);
  });

  it("refuses bad input with a SplitError and changes nothing", async () => {
    const { merged, bobsOwn } = await badMerge();
    const before = await snapshot();
    const refusal = async (p: Promise<unknown>) => {
      const err = await p.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SplitError);
      return { code: (err as SplitError).code, message: (err as SplitError).message };
    };

    const all = [...BOB, { type: "anonymous_id", value: "dev-a" }, { type: "phone", value: PHONE }];
    expect(await refusal(splitProfile(merged, all, userActor(admin, null)))).toEqual({ code: "invalid_input", message: expect.stringMatching(/Leave at least one identifier/) });
    expect(await refusal(splitProfile(merged, [{ type: "email", value: "nobody@split.test" }], userActor(admin, null)))).toEqual({
      code: "invalid_input",
      message: expect.stringContaining("email:nobody@split.test is not on this profile"),
    });
    // Even alongside identifiers that are on it.
    expect(await refusal(splitProfile(merged, [...BOB, { type: "user_id", value: "ghost" }], userActor(admin, null)))).toMatchObject({ code: "invalid_input" });
    expect(await refusal(splitProfile(merged, [], userActor(admin, null)))).toMatchObject({ code: "invalid_input" });
    expect(await refusal(splitProfile(bobsOwn, BOB, userActor(admin, null)))).toEqual({ code: "merged", message: expect.stringContaining(merged) });
    expect(await refusal(splitProfile("no-such-profile", BOB, userActor(admin, null)))).toMatchObject({ code: "not_found" });

    expect(await snapshot()).toEqual(before);
  });

  it("counts an identifier named twice once (moving every identifier is still refused)", async () => {
    const { merged } = await badMerge();
    const dup = [...BOB, ...BOB, { type: "anonymous_id", value: "dev-a" }];
    expect(await idsOf(merged)).toHaveLength(4);
    const { newProfileId } = await splitProfile(merged, dup, userActor(admin, null));
    expect(await idsOf(newProfileId)).toEqual(["anonymous_id:dev-a", "anonymous_id:dev-b", "email:bob@split.test"]);
    expect(await idsOf(merged)).toEqual([`phone:${PHONE}`]);
  });
});

describe("splitProfileAction", () => {
  it("splits as the signed-in admin, revalidates the old profile page and returns the new profile", async () => {
    const { merged } = await badMerge();
    session.userId = admin.id;
    const res = await splitProfileAction({ profileId: merged, identifiers: BOB });
    expect(res).toEqual({ ok: true, data: { newProfileId: expect.any(String), movedEvents: 4 } });
    const { newProfileId } = (res as { data: { newProfileId: string } }).data;
    expect(await profileOf("anonymous_id", "dev-b")).toBe(newProfileId);
    expect(revalidated).toContain(`/customers/${merged}`);
    expect(await t.db.mergeJournal.findFirstOrThrow({ where: { kind: "split" } })).toMatchObject({ actorUserId: admin.id });
    // One audit entry: who, from where, what moved — identifier types and counts, never their values.
    const entries = await t.db.auditEntry.findMany();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "profile.split",
      actorUserId: admin.id,
      actorLabel: "Ada Admin",
      peer: "192.0.2.44",
      targetType: "profile",
      targetId: merged,
      details: { newProfileId, movedIdentifiers: { anonymous_id: 1, email: 1 }, movedEvents: 4 },
    });
    expect(JSON.stringify(entries, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain("bob@split.test");
  });

  it("answers refusals as error results the dialog can show, and refuses non-admins", async () => {
    const { merged, bobsOwn } = await badMerge();
    session.userId = admin.id;
    const all = [...BOB, { type: "anonymous_id", value: "dev-a" }, { type: "phone", value: PHONE }];
    expect(await splitProfileAction({ profileId: merged, identifiers: all })).toMatchObject({ ok: false, code: "invalid_input", message: expect.stringMatching(/Leave at least one/) });
    expect(await splitProfileAction({ profileId: merged, identifiers: [{ type: "email", value: "x@split.test" }] })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await splitProfileAction({ profileId: bobsOwn, identifiers: BOB })).toMatchObject({ ok: false, code: "merged" });
    expect(await splitProfileAction({ profileId: "no-such-profile", identifiers: BOB })).toMatchObject({ ok: false, code: "not_found" });
    // Input checks: no identifiers, too many, a malformed profile id.
    expect(await splitProfileAction({ profileId: merged, identifiers: [] })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { identifiers: expect.any(String) } });
    const many = Array.from({ length: 1001 }, (_, i) => ({ type: "anonymous_id", value: `d${i}` }));
    expect(await splitProfileAction({ profileId: merged, identifiers: many })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await splitProfileAction({ profileId: "../etc", identifiers: BOB })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(revalidated).toEqual([]);

    session.userId = marketer.id;
    expect(await splitProfileAction({ profileId: merged, identifiers: BOB })).toMatchObject({ ok: false, code: "forbidden" });
    session.userId = null;
    expect(await splitProfileAction({ profileId: merged, identifiers: BOB })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await t.db.mergeJournal.count({ where: { kind: "split" } })).toBe(0);
    expect(await t.db.auditEntry.count()).toBe(0);
    expect(await profileOf("anonymous_id", "dev-b")).toBe(merged);
  });
});
