// The identity scenarios of issue 4, each sent through the Tracking API and read back through the
// Profile API (route handlers, token-authenticated), on a fresh database per scenario family.
import { NextRequest } from "next/server";
import { userActor } from "../../lib/audit/actions";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../test-database";
import { createSource } from "../../lib/data/sources";
import { createApiToken } from "../../lib/data/api-tokens";
import { sendBatch } from "../tracking-api";
import { splitProfile } from "../../lib/data/identity-split";
import { GET as traitsGET } from "../../app/api/v1/profiles/[ref]/traits/route";
import { GET as eventsGET } from "../../app/api/v1/profiles/[ref]/events/route";
import { GET as idsGET } from "../../app/api/v1/profiles/[ref]/external_ids/route";
import { GET as mergesGET } from "../../app/api/v1/profiles/[ref]/merges/route";

let t: TestDatabase;
let key = "";
let token = "";
let n = 0;
beforeAll(async () => {
  t = await createTestDatabase();
  ({ writeKey: key } = await createSource({ name: "App", kind: "server" }));
  ({ token } = await createApiToken({ name: "scenarios", scopes: ["profiles:read"] }, TEST_ACTOR));
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.$executeRawUnsafe(`TRUNCATE events, identities, merge_journal, identity_kept_apart, profile_accounts, profiles, settings CASCADE`);
});

type Msg = Record<string, unknown>;
let clock = Date.UTC(2026, 2, 1);
/** A message at a later time than the previous one unless it names its own timestamp. */
const msg = (type: string, fields: Msg): Msg => ({ type, messageId: `s${++n}`, timestamp: new Date((clock += 60_000)).toISOString(), ...fields });

async function send(...batch: Msg[]) {
  const res = await sendBatch(key, batch);
  expect(res.status).toBe(200);
  return res.body as { accepted: number; duplicates: number };
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function api(handler: Handler, ref: string, path: string, qs = "", auth = `Bearer ${token}`) {
  const res = await handler(new NextRequest(`http://t/api/v1/profiles/${encodeURIComponent(ref)}/${path}?${qs}`, { headers: { authorization: auth } }), {
    params: Promise.resolve({ ref }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { data: Record<string, unknown>[] } };
}
const traits = (ref: string) => api(traitsGET as Handler, ref, "traits");
const events = (ref: string, qs = "") => api(eventsGET as Handler, ref, "events", qs);
const ids = async (ref: string) => {
  const r = await api(idsGET as Handler, ref, "external_ids");
  return r.status === 200 ? r.body.data.map((d) => `${d.type}:${d.id}`).sort() : r.status;
};
const merges = (ref: string) => api(mergesGET as Handler, ref, "merges");
const profileOf = async (ref: string) => {
  const r = await traits(ref);
  return r.status === 200 ? (r.body.profile_id as string) : null;
};

describe("identity scenarios through the Tracking API and the Profile API", () => {
  it("anonymous browsing then sign-up: one profile with the visits before, first touch from the first visit", async () => {
    await send(
      msg("page", { anonymousId: "a1", name: "Home", context: { page: { url: "https://shop.test/?utm_source=news&utm_medium=email&utm_campaign=spring", referrer: "https://mail.test/" } } }),
      msg("page", { anonymousId: "a1", name: "Pricing", context: { page: { url: "https://shop.test/pricing" } } }),
    );
    await send(msg("identify", { anonymousId: "a1", userId: "u1", traits: { email: "Ann@Example.com ", name: "Ann" } }));
    await send(msg("track", { userId: "u1", event: "Order Completed", properties: { revenue: 49.5 } }));
    const p = await profileOf("user_id:u1");
    expect(p).not.toBeNull();
    expect(await profileOf("anonymous_id:a1")).toBe(p);
    expect(await profileOf("email:ann@example.com")).toBe(p);
    expect(await ids("user_id:u1")).toEqual(["anonymous_id:a1", "email:ann@example.com", "user_id:u1"]);
    const tr = await traits("user_id:u1");
    expect(JSON.stringify(tr.body)).toContain("Ann");
    expect(JSON.stringify(tr.body)).toContain("spring");
    const ev = await events("user_id:u1", "limit=2");
    expect(ev.body.data.map((e) => e.event ?? e.type)).toEqual(["Order Completed", "identify"]);
    const next = (ev.body.cursor as { next: string }).next;
    const rest = await events("user_id:u1", `limit=200&next=${encodeURIComponent(next)}`);
    expect(rest.body.data).toHaveLength(2);
    expect((await events("user_id:u1", "event=Order%20Completed")).body.data).toHaveLength(1);
  });

  it("a late identify joins earlier history from another device", async () => {
    await send(msg("identify", { anonymousId: "phone", userId: "u2" }), msg("track", { userId: "u2", event: "Opened App" }));
    await send(msg("page", { anonymousId: "laptop", name: "Docs" }), msg("page", { anonymousId: "laptop", name: "Docs 2" }));
    expect(await profileOf("anonymous_id:laptop")).not.toBe(await profileOf("user_id:u2"));
    await send(msg("identify", { anonymousId: "laptop", userId: "u2" }));
    expect(await profileOf("anonymous_id:laptop")).toBe(await profileOf("user_id:u2"));
    expect((await events("user_id:u2")).body.data).toHaveLength(5);
    const m = await merges("user_id:u2");
    expect(m.body.data.some((j) => j.kind === "merge")).toBe(true);
  });

  it("two users on one device stay two profiles; the refusal is journaled with the rule", async () => {
    await send(msg("identify", { anonymousId: "shared", userId: "alice" }));
    await send(msg("identify", { anonymousId: "shared", userId: "bob" }));
    const [a, b] = [await profileOf("user_id:alice"), await profileOf("user_id:bob")];
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(a).not.toBe(b);
    expect(await profileOf("anonymous_id:shared")).toBe(a);
    const m = await merges("user_id:bob");
    expect(m.body.data.find((j) => j.kind === "refused")).toMatchObject({ rule: "limit:user_id" });
  });

  it("one email claimed by two user ids: the second is refused, not merged", async () => {
    await send(msg("identify", { userId: "u-a", traits: { email: "team@acme.test" } }));
    await send(msg("identify", { userId: "u-b", traits: { email: "team@acme.test" } }));
    expect(await profileOf("user_id:u-a")).not.toBe(await profileOf("user_id:u-b"));
    expect(await profileOf("email:team@acme.test")).toBe(await profileOf("user_id:u-a"));
  });

  it("alias chains link renamed users, past the user_id limit, journaled as alias", async () => {
    await send(msg("identify", { userId: "old-1", anonymousId: "x1" }));
    await send(msg("identify", { userId: "old-2", anonymousId: "x2" }));
    await send(msg("alias", { previousId: "old-1", userId: "new-1" }));
    await send(msg("alias", { previousId: "old-2", userId: "new-1" }));
    const p = await profileOf("user_id:new-1");
    expect(await profileOf("user_id:old-1")).toBe(p);
    expect(await profileOf("user_id:old-2")).toBe(p);
    expect(await profileOf("anonymous_id:x2")).toBe(p);
    const m = await merges("user_id:new-1");
    expect(m.body.data.filter((j) => j.kind === "alias").length).toBeGreaterThanOrEqual(2);
  });

  it("blocked values never link", async () => {
    await send(msg("identify", { userId: "u-1", anonymousId: "0", traits: { email: "null" } }));
    await send(msg("identify", { userId: "u-2", anonymousId: "0" }));
    expect(await profileOf("user_id:u-1")).not.toBe(await profileOf("user_id:u-2"));
    expect(await profileOf("anonymous_id:0")).toBeNull();
    expect((await traits("anonymous_id:0")).status).toBe(404);
  });

  it("out-of-order arrival: the same grouping, and traits by event time, not arrival", async () => {
    const later = msg("identify", { userId: "u-o", anonymousId: "d1", traits: { plan: "pro" } });
    const earlier = msg("identify", { userId: "u-o", anonymousId: "d2", traits: { plan: "free" }, timestamp: "2026-01-01T00:00:00.000Z" });
    await send(later);
    await send(earlier);
    expect(await profileOf("anonymous_id:d2")).toBe(await profileOf("anonymous_id:d1"));
    const tr = await traits("user_id:u-o");
    expect(JSON.stringify(tr.body)).toContain('"pro"');
    expect(JSON.stringify(tr.body)).not.toContain('"free"');
  });

  it("replays of the same batch change nothing", async () => {
    const batch = [msg("identify", { userId: "u-r", anonymousId: "r1" }), msg("track", { userId: "u-r", event: "Paid", properties: { revenue: 10 } })];
    await send(...batch);
    const before = await traits("user_id:u-r");
    expect(await send(...batch)).toMatchObject({ duplicates: 2 });
    expect(await traits("user_id:u-r")).toEqual(before);
    expect((await events("user_id:u-r")).body.data).toHaveLength(2);
  });

  it("split and re-merge: kept apart until an alias links them again", async () => {
    // A shared phone merges two people (phone allows 5 per profile): a bad merge.
    await send(msg("identify", { anonymousId: "dev-a", traits: { phone: "+1 555 0100 200" } }), msg("page", { anonymousId: "dev-a", name: "A" }));
    await send(msg("identify", { anonymousId: "dev-b", traits: { phone: "+15550100200" } }), msg("page", { anonymousId: "dev-b", name: "B" }));
    const merged = await profileOf("anonymous_id:dev-a");
    expect(await profileOf("anonymous_id:dev-b")).toBe(merged);

    const admin = await t.db.user.create({ data: { email: "admin@split.test", name: "Ada Admin", passwordHash: "x", role: "admin" } });
    const { newProfileId, movedEvents } = await splitProfile(merged!, [{ type: "anonymous_id", value: "dev-b" }], userActor(admin, null));
    // Each event follows its highest-priority identifier, as at ingest: the page view from dev-b
    // moves; the identify that also carried the phone stays with the phone.
    expect(movedEvents).toBe(1);
    expect(await profileOf("anonymous_id:dev-b")).toBe(newProfileId);
    expect(await profileOf("anonymous_id:dev-a")).toBe(merged);
    expect((await events("anonymous_id:dev-b")).body.data.map((e) => e.name)).toEqual(["B"]);
    expect((await traits("anonymous_id:dev-b")).body).toMatchObject({ profile_id: newProfileId });
    expect((await merges("anonymous_id:dev-b")).body.data.some((j) => j.kind === "split")).toBe(true);

    // Later messages carrying both identifiers do not silently re-merge them.
    await send(msg("identify", { anonymousId: "dev-b", traits: { phone: "+15550100200" } }));
    expect(await profileOf("anonymous_id:dev-b")).toBe(newProfileId);
    expect((await merges("anonymous_id:dev-b")).body.data.find((j) => j.kind === "refused")).toMatchObject({ rule: "kept_apart" });

    // An explicit alias does.
    await send(msg("identify", { anonymousId: "dev-a", userId: "phone-owner" }));
    await send(msg("alias", { userId: "phone-owner", previousId: "dev-b", anonymousId: "dev-b" }));
    expect(await profileOf("anonymous_id:dev-b")).toBe(await profileOf("anonymous_id:dev-a"));
    expect(await t.db.identityKeptApart.count()).toBe(0);
  });

  it("group links the profile to an account, and the account to the CRM company by external id or domain, whichever comes first", async () => {
    const admin = await t.db.user.create({ data: { email: "owner@co.test", name: "Owner", passwordHash: "x", role: "admin" } });
    await t.db.company.create({ data: { name: "Known Co", domain: "known.test", externalId: "acct-known" } });
    await send(msg("group", { userId: "g-1", groupId: "acct-known", traits: { name: "Known Co" } }), msg("group", { userId: "g-1", groupId: "acct-new", traits: { website: "https://www.LaterCo.test/about" } }));
    const accounts = await t.db.account.findMany({ orderBy: { groupId: "asc" }, include: { profiles: true } });
    expect(accounts.map((a) => [a.groupId, a.companyId !== null, a.profiles.length])).toEqual([["acct-known", true, 1], ["acct-new", false, 1]]);
    const { createCompany } = await import("../../lib/data/companies");
    const later = await createCompany({ name: "Later Co", domain: "laterco.test", industry: null, size: null, ownerId: null }, { id: admin.id, role: "admin" });
    expect((await t.db.account.findUnique({ where: { groupId: "acct-new" } }))!.companyId).toBe(later.id);
    await t.db.account.deleteMany({});
    await t.db.company.deleteMany({});
  });

  it("answers 401 without a token, 400 for a malformed identifier, 404 for an unknown one", async () => {
    expect((await api(traitsGET as Handler, "user_id:x", "traits", "", "Bearer nope")).status).toBe(401);
    expect((await traits("user_id")).status).toBe(400);
    expect((await traits("email:not-an-email")).status).toBe(400);
    expect((await traits("user_id:nobody")).status).toBe(404);
  });
});

describe("identity resolution under concurrent requests", () => {
  it("loses nothing when many requests about one person resolve at once (merges included)", async () => {
    const { storeRequests } = await import("../../lib/data/events");
    const { normalizeMessage } = await import("../../lib/ingest/normalize");
    const source = (await t.db.source.findFirstOrThrow({ where: { name: "App" } })).id;
    const receivedAt = new Date("2026-05-01T00:00:00Z");
    // 24 requests at once: each from its own device, each signing in as the same user and buying.
    const requests = Array.from({ length: 24 }, (_, r) => ({
      sourceId: source,
      receivedAt,
      rejected: [],
      events: [
        { type: "page", anonymousId: `dev-${r}`, name: "Home" },
        { type: "identify", anonymousId: `dev-${r}`, userId: "busy-user", traits: { plan: `p${r}` } },
        { type: "track", userId: "busy-user", event: "Order Completed", properties: { revenue: 1.25 } },
      ].map((m, i) => {
        const o = normalizeMessage({ ...m, messageId: `busy-${r}-${i}`, timestamp: new Date(Date.UTC(2026, 4, 1, 0, r, i)).toISOString() }, { receivedAt, newMessageId: () => "x" });
        if (!o.ok) throw new Error(o.reason);
        return o.event;
      }),
    }));
    const results = await Promise.all(requests.map((q) => storeRequests([q])));
    expect(results.flat().reduce((n, r) => n + r.inserted, 0)).toBe(72);
    const p = await profileOf("user_id:busy-user");
    expect(await ids("user_id:busy-user")).toHaveLength(25);
    const row = await t.db.profile.findUniqueOrThrow({ where: { id: p! } });
    expect(row.eventCount).toBe(72);
    expect(Number(row.totalRevenue)).toBe(30);
    expect((row.traits as Record<string, unknown>).plan).toBe("p23");
    expect(await t.db.profile.count({ where: { mergedIntoId: null } })).toBe(1);
  });
});
