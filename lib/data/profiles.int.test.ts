// Customer profiles against a real database: a merged-away id resolves to its survivor; the event
// stream pages by cursor through every event of the profile and of the profiles merged into it exactly
// once, in the order of a brute-force sort (ties on the timestamp included); traits carry their source;
// the journal and the Customers table search; and the Profile API's four routes with a real token.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../../tests/test-database";
import { createApiToken } from "./api-tokens";
import { createUser } from "./users";
import { findProfile, listCustomers, profileEventNames, profileEvents, profileExternalIds, profileMerges, profilePage, profileTraits } from "./profiles";
import { parseCustomersView } from "../identity/customers-view";
import { GET as getTraits } from "../../app/api/v1/profiles/[ref]/traits/route";
import { GET as getEvents } from "../../app/api/v1/profiles/[ref]/events/route";
import { GET as getExternalIds } from "../../app/api/v1/profiles/[ref]/external_ids/route";
import { GET as getMerges } from "../../app/api/v1/profiles/[ref]/merges/route";

let t: TestDatabase;
const P1 = "p1-ann";
const P2 = "p2-ann-old-device";
const P3 = "p3-bob";
const P4 = "p4-anon";
let adminId = "";
let contactId = "";
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();

beforeAll(async () => {
  t = await createTestDatabase();
  adminId = (await createUser({ email: "admin@profiles.test", name: "Ada Admin", role: "admin", password: "a long password" })).id;
  await t.db.$executeRaw`INSERT INTO sources (id, name, kind, write_key_hash, write_key_prefix, allowed_origins)
    VALUES ('web', 'Website', 'web', 'h-web', 'tdm_wk_web', '{}')`;
  // P1 is Ann's live profile; P2 (her old device) was merged into it. P3 is Bob, P4 an anonymous visitor.
  await t.db.$executeRaw`INSERT INTO profiles (id, traits, trait_meta, first_seen_at, last_seen_at, first_channel, first_utm_source,
      first_utm_medium, first_utm_campaign, first_referrer, first_landing_page, first_touch_at, event_count, total_revenue, last_event_name, last_event_at)
    VALUES (${P1}, ${JSON.stringify({ name: "Ann Lee", city: "Gotham", plan: "pro", note: "<b>bold</b>", prefs: { tz: "UTC" } })}::jsonb,
      ${JSON.stringify({
        name: { at: iso(5), source: "web", messageId: "m-identify" },
        city: { at: iso(6), source: "crm", messageId: "m-crm" },
        plan: { at: iso(7), source: "gone-source", messageId: "m-plan" },
      })}::jsonb,
      ${at(0)}, ${at(400)}, 'Paid Search', 'google', 'cpc', 'spring', 'https://google.com/', 'https://shop.test/?utm_source=google', ${at(0)}, 40, 129.5, 'Order Completed', ${at(400)})`;
  await t.db.$executeRaw`INSERT INTO profiles (id, merged_into_id, traits, event_count) VALUES (${P2}, ${P1}, '{"old": true}'::jsonb, 3)`;
  await t.db.$executeRaw`INSERT INTO profiles (id, traits, first_seen_at, last_seen_at, event_count, total_revenue)
    VALUES (${P3}, '{"first_name": "Bob", "last_name": "Stone", "city": "Metropolis"}'::jsonb, ${at(10)}, ${at(500)}, 5, 10)`;
  await t.db.$executeRaw`INSERT INTO profiles (id, traits, first_seen_at, last_seen_at, event_count) VALUES (${P4}, '{}'::jsonb, ${at(1)}, ${at(2)}, 1)`;
  await t.db.$executeRaw`INSERT INTO identities (type, value, profile_id, first_seen_at, last_seen_at) VALUES
    ('user_id', 'u-1', ${P1}, ${at(5)}, ${at(400)}),
    ('email', 'ann@example.com', ${P1}, ${at(5)}, ${at(300)}),
    ('email', 'ann.lee@work.test', ${P1}, ${at(50)}, ${at(350)}),
    ('anonymous_id', 'anon-1', ${P1}, ${at(0)}, ${at(400)}),
    ('anonymous_id', 'anon-old', ${P1}, ${at(0)}, ${at(3)}),
    ('phone', '+14155550123', ${P1}, ${at(8)}, ${at(8)}),
    ('stripe_id', 'cus_123', ${P1}, ${at(9)}, ${at(9)}),
    ('email', 'bob@example.com', ${P3}, ${at(10)}, ${at(500)}),
    ('user_id', 'u-3', ${P3}, ${at(10)}, ${at(500)}),
    ('anonymous_id', 'anon-4', ${P4}, ${at(1)}, ${at(2)})`;
  // 40 events for Ann — every third pair shares a timestamp, 10 still stamped with the merged-away id —
  // and Bob's 5, which must never show on Ann's stream.
  const names = ["Signed Up", "Order Completed", null, "Product Viewed"];
  for (let i = 0; i < 40; i++) {
    const name = names[i % names.length];
    const profile = i % 4 === 3 ? P2 : P1;
    await t.db.$executeRaw`INSERT INTO events (source_id, message_id, type, event, name, anonymous_id, profile_id, properties, timestamp, received_at)
      VALUES ('web', ${`m${i}`}, ${name ? "track" : "page"}::"EventType", ${name}, ${name ? null : "Pricing"}, 'anon-1', ${profile},
        ${JSON.stringify({ i })}::jsonb, ${at(Math.floor(i / 3) * 10)}, ${at(1000 + i)})`;
  }
  for (let i = 0; i < 5; i++) {
    await t.db.$executeRaw`INSERT INTO events (source_id, message_id, type, event, profile_id, timestamp, received_at)
      VALUES ('web', ${`bob${i}`}, 'track', 'Signed Up', ${P3}, ${at(i * 10)}, ${at(i * 10)})`;
  }
  await t.db.$executeRaw`INSERT INTO merge_journal (kind, into_profile_id, from_profile_id, message_id, identifiers, rule, reason, profile_ids, created_at) VALUES
    ('merge', ${P1}, ${P2}, 'm-identify', '[{"type":"user_id","value":"u-1"}]'::jsonb, 'match', 'user_id u-1 was seen on both devices', ARRAY[${P1}, ${P2}], ${at(5)}),
    ('refused', NULL, ${P1}, 'm-bad', '[{"type":"email","value":"bob@example.com"}]'::jsonb, 'limit:user_id', 'linking would give the profile two user ids', ARRAY[${P1}, ${P3}], ${at(20)}),
    ('merge', ${P3}, ${P4}, 'm-other', '[]'::jsonb, 'match', 'not about Ann', ARRAY[${P3}, ${P4}], ${at(30)})`;
  await t.db.$executeRaw`INSERT INTO merge_journal (kind, into_profile_id, from_profile_id, identifiers, rule, reason, actor_user_id, profile_ids, created_at) VALUES
    ('split', ${P1}, ${P1}, '[{"type":"anonymous_id","value":"anon-x"}]'::jsonb, 'admin', 'shared family laptop', ${adminId}, ARRAY[${P1}, 'p9-split-off'], ${at(40)})`;
  // Ann's CRM contact still points at her old id; her account membership came from the new one.
  contactId = (await t.db.contact.create({ data: { email: "ann@example.com", firstName: "Ann", lastName: "Lee", profileId: P2 } })).id;
  const company = await t.db.company.create({ data: { name: "Acme Inc", domain: "acme.test" } });
  const account = await t.db.account.create({ data: { groupId: "acme", traits: { name: "Acme" }, companyId: company.id } });
  await t.db.profileAccount.create({ data: { profileId: P1, accountId: account.id, joinedAt: at(12) } });
});
afterAll(() => t.close());

async function bruteForce(profileIds: string[], event?: string): Promise<string[]> {
  const rows = await t.db.$queryRaw<{ seq: string; ts: Date; label: string }[]>`
    SELECT seq::text AS seq, timestamp AS ts, coalesce(event, name, type::text) AS label FROM events WHERE profile_id = ANY(${profileIds}::text[])`;
  return rows
    .filter((r) => !event || r.label === event)
    .sort((a, b) => b.ts.getTime() - a.ts.getTime() || (BigInt(b.seq) > BigInt(a.seq) ? 1 : -1))
    .map((r) => r.seq);
}

async function allPages(limit: number, event?: string): Promise<string[]> {
  const seqs: string[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 200; n++) {
    const page = await profileEvents(P1, { limit, cursor, event });
    expect(page.events.length).toBeLessThanOrEqual(limit);
    seqs.push(...page.events.map((e) => e.seq));
    if (!page.nextCursor) break;
    expect(page.events.length).toBe(limit);
    cursor = page.nextCursor;
  }
  return seqs;
}

describe("findProfile", () => {
  it("resolves identifiers and profile ids to the live profile, a merged-away id to its survivor", async () => {
    expect(await findProfile({ kind: "identifier", type: "email", value: "ann@example.com" })).toBe(P1);
    expect(await findProfile({ kind: "identifier", type: "stripe_id", value: "cus_123" })).toBe(P1);
    expect(await findProfile({ kind: "profile_id", id: P1 })).toBe(P1);
    expect(await findProfile({ kind: "profile_id", id: P2 })).toBe(P1);
    expect(await findProfile({ kind: "identifier", type: "email", value: "nobody@example.com" })).toBeNull();
    expect(await findProfile({ kind: "profile_id", id: "no-such-profile" })).toBeNull();
  });
});

describe("profileEvents", () => {
  it.each([1, 3, 7, 20, 200])("pages by cursor through every event of the family exactly once (limit %i)", async (limit) => {
    const expected = await bruteForce([P1, P2]);
    expect(expected).toHaveLength(40);
    expect(await allPages(limit)).toEqual(expected);
  });

  it("filters by event name (track event or page name) and still pages exactly", async () => {
    expect(await allPages(4, "Order Completed")).toEqual(await bruteForce([P1, P2], "Order Completed"));
    expect(await allPages(3, "Pricing")).toEqual(await bruteForce([P1, P2], "Pricing"));
    expect((await allPages(3, "Pricing")).length).toBe(10);
    expect(await allPages(5, "Nothing Like This")).toEqual([]);
  });

  it("shapes events and counts names", async () => {
    const page = await profileEvents(P1, { limit: 2 });
    expect(page.events[0]).toMatchObject({ sourceId: "web", type: expect.any(String), label: expect.any(String), properties: { i: expect.any(Number) } });
    expect(await profileEventNames(P1)).toEqual([
      { name: "Order Completed", count: 10 },
      { name: "Pricing", count: 10 },
      { name: "Product Viewed", count: 10 },
      { name: "Signed Up", count: 10 },
    ]);
  });

  it("refuses a cursor it did not make", async () => {
    await expect(profileEvents(P1, { cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "invalid_cursor" });
    await expect(profileEvents(P1, { cursor: Buffer.from('["2026-01-01T00:00:00.000Z","1; drop"]').toString("base64url") })).rejects.toMatchObject({ code: "invalid_cursor" });
  });
});

describe("traits, identifiers and journal", () => {
  it("gives each trait its source name and time, plus computed traits and first touch", async () => {
    const p = (await profileTraits(P1))!;
    expect(p.traits.map((x) => x.key)).toEqual(["city", "name", "note", "plan", "prefs"]);
    const byKey = Object.fromEntries(p.traits.map((x) => [x.key, x]));
    expect(byKey.name).toMatchObject({ value: "Ann Lee", sourceId: "web", sourceName: "Website", at: at(5), messageId: "m-identify" });
    expect(byKey.city).toMatchObject({ sourceId: "crm", sourceName: "CRM" });
    expect(byKey.plan).toMatchObject({ sourceId: "gone-source", sourceName: null });
    expect(byKey.prefs).toMatchObject({ value: { tz: "UTC" }, sourceId: null, at: null });
    expect(p.computed).toEqual({ eventCount: 40, totalRevenue: 129.5, lastEventName: "Order Completed", lastEventAt: at(400), firstSeen: at(0), lastSeen: at(400) });
    expect(p.firstTouch).toMatchObject({ channel: "Paid Search", utmSource: "google", utmCampaign: "spring", landingPage: "https://shop.test/?utm_source=google" });
    expect((await profileTraits(P4))!.firstTouch).toBeNull();
    expect(await profileTraits("no-such-profile")).toBeNull();
  });

  it("lists every identifier, core types first", async () => {
    const ids = await profileExternalIds(P1);
    expect(ids.map((i) => `${i.type}:${i.value}`)).toEqual([
      "user_id:u-1",
      "email:ann@example.com",
      "email:ann.lee@work.test",
      "phone:+14155550123",
      "stripe_id:cus_123",
      "anonymous_id:anon-1",
      "anonymous_id:anon-old",
    ]);
    expect(ids[0]).toMatchObject({ firstSeenAt: at(5), lastSeenAt: at(400) });
  });

  it("reads the journal of the profile and of those merged into it, newest first, with the actor", async () => {
    const { entries, nextCursor } = await profileMerges(P1);
    expect(nextCursor).toBeNull();
    expect(entries.map((e) => e.kind)).toEqual(["split", "refused", "merge"]);
    expect(entries[0]).toMatchObject({ rule: "admin", reason: "shared family laptop", actor: { id: adminId, name: "Ada Admin" }, otherProfileIds: ["p9-split-off"] });
    expect(entries[1]).toMatchObject({ rule: "limit:user_id", messageId: "m-bad", identifiers: [{ type: "email", value: "bob@example.com" }], otherProfileIds: [P3] });
    expect(entries[2]).toMatchObject({ intoProfileId: P1, fromProfileId: P2, otherProfileIds: [], actor: null });
    // Paged one at a time, the same entries in the same order.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof profileMerges>> = await profileMerges(P1, { limit: 1, cursor });
      paged.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(entries.map((e) => e.id));
  });

  it("bundles the profile page: contacts and accounts across the family", async () => {
    const page = (await profilePage(P1))!;
    expect(page).toMatchObject({ displayName: "Ann Lee", email: "ann.lee@work.test", userId: "u-1", mergedIds: [P2] });
    expect(page.contacts).toEqual([{ id: contactId, name: "Ann Lee", email: "ann@example.com" }]);
    expect(page.accounts).toMatchObject([{ groupId: "acme", name: "Acme", companyName: "Acme Inc", joinedAt: at(12) }]);
    expect(page.journal.entries).toHaveLength(3);
    expect(await profilePage("no-such-profile")).toBeNull();
  });
});

describe("listCustomers", () => {
  const list = (params: Record<string, string>) => listCustomers(parseCustomersView(params));
  const ids = async (params: Record<string, string>) => (await list(params)).rows.map((r) => r.id);

  it("lists live profiles only, last seen first, with their labels and linked contact", async () => {
    const page = await list({});
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.id)).toEqual([P3, P1, P4]);
    const ann = page.rows.find((r) => r.id === P1)!;
    expect(ann).toMatchObject({ name: "Ann Lee", email: "ann.lee@work.test", userId: "u-1", firstChannel: "Paid Search", eventCount: 40, revenue: 129.5, contact: { id: contactId, name: "Ann Lee" } });
    expect(page.rows.find((r) => r.id === P3)!.name).toBe("Bob Stone");
    expect(page.rows.find((r) => r.id === P4)!.name).toMatch(/^Profile /);
  });

  it("searches identifiers exactly or by prefix, trait values, phone numbers and profile ids", async () => {
    expect(await ids({ q: "ann@ex" })).toEqual([P1]);
    expect(await ids({ q: "ANN@EXAMPLE.COM" })).toEqual([P1]);
    expect(await ids({ q: "ann" })).toEqual([P1]);
    expect(await ids({ q: "gotham" })).toEqual([P1]);
    expect(await ids({ q: "metropolis" })).toEqual([P3]);
    expect(await ids({ q: "+1 (415) 555-0123" })).toEqual([P1]);
    expect(await ids({ q: "cus_1" })).toEqual([P1]);
    expect(await ids({ q: P4 })).toEqual([P4]);
    expect(await ids({ q: "email:Bob@Example.com" })).toEqual([P3]);
    expect(await ids({ q: "100%_" })).toEqual([]);
    // Only the merged-away profile's own traits say "true": it is never listed.
    expect(await ids({ q: "true" })).toEqual([]);
  });

  it("sorts by every key and pages", async () => {
    expect(await ids({ sort: "events", dir: "desc" })).toEqual([P1, P3, P4]);
    expect(await ids({ sort: "revenue", dir: "asc" })).toEqual([P4, P3, P1]);
    expect(await ids({ sort: "firstSeen", dir: "asc" })).toEqual([P1, P4, P3]);
    expect(await ids({ sort: "name", dir: "asc" })).toEqual([P1, P3, P4]);
    expect(await ids({ sort: "name", dir: "desc" })).toEqual([P3, P1, P4]);
    const page2 = await listCustomers({ ...parseCustomersView({}), size: 25, page: 2 });
    expect(page2).toEqual({ rows: [], total: 3 });
  });
});

describe("Profile API", () => {
  let token = "";
  beforeAll(async () => {
    token = (await createApiToken({ name: "profiles", scopes: ["profiles:read"] }, TEST_ACTOR)).token;
  });
  type Handler = (req: NextRequest, segment: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
  const call = (handler: Handler, ref: string, path: string, qs = "", auth: string | null = token) =>
    handler(new NextRequest(`http://t/api/v1/profiles/${encodeURIComponent(ref)}/${path}${qs ? `?${qs}` : ""}`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} }), {
      params: Promise.resolve({ ref }),
    });

  it("needs a token with profiles:read", async () => {
    expect((await call(getTraits, "email:ann@example.com", "traits", "", null)).status).toBe(401);
    const other = await createApiToken({ name: "export", scopes: ["export:read"] }, TEST_ACTOR);
    const res = await call(getEvents, "email:ann@example.com", "events", "", other.token);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("insufficient_scope");
  });

  it("answers 400 invalid_identifier with the reason and 404 profile_not_found", async () => {
    for (const [ref, pattern] of [
      ["ann@example.com", /\{type\}:\{value\}/],
      ["email:not-an-email", /not an email address/],
      ["bad type:1", /not an identifier type/],
    ] as const) {
      const res = await call(getTraits, ref, "traits");
      expect(res.status, ref).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe("invalid_identifier");
      expect(body.error.message).toMatch(pattern);
    }
    for (const handler of [getTraits, getEvents, getExternalIds, getMerges]) {
      const res = await call(handler as Handler, "email:nobody@example.com", "x");
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("profile_not_found");
    }
  });

  it("serves traits by any identifier, normalised, and by a merged-away profile id", async () => {
    for (const ref of ["email:ANN@example.com", "user_id:u-1", "phone:+1 415 555 0123", `profile_id:${P2}`, "stripe_id:cus_123"]) {
      const res = await call(getTraits, ref, "traits");
      expect(res.status, ref).toBe(200);
      const body = await res.json();
      expect(body.profile_id).toBe(P1);
      expect(body.traits).toMatchObject({ name: "Ann Lee", city: "Gotham", prefs: { tz: "UTC" } });
      expect(body.trait_sources.name).toEqual({ source_id: "web", source_name: "Website", updated_at: iso(5), message_id: "m-identify" });
      expect(body.computed_traits).toMatchObject({ event_count: 40, total_revenue: 129.5, last_event_name: "Order Completed" });
      expect(body.first_touch).toMatchObject({ channel: "Paid Search", utm_source: "google" });
    }
  });

  it("pages events with limit and next, filters by event, and refuses a bad limit or cursor", async () => {
    const seen: string[] = [];
    let next: string | null = null;
    for (let n = 0; n < 20; n++) {
      const res = await call(getEvents, "user_id:u-1", "events", `limit=7${next ? `&next=${next}` : ""}`);
      expect(res.status).toBe(200);
      const body = await res.json();
      seen.push(...body.data.map((e: { message_id: string }) => e.message_id));
      expect(body.cursor.has_more).toBe(body.cursor.next !== null);
      next = body.cursor.next;
      if (!next) break;
    }
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);

    const first = await (await call(getEvents, "user_id:u-1", "events")).json();
    expect(first.data).toHaveLength(20);
    expect(first.data[0]).toMatchObject({ source_id: "web", timestamp: expect.any(String), properties: { i: expect.any(Number) } });

    const filtered = await (await call(getEvents, "user_id:u-1", "events", "event=Signed%20Up&limit=200")).json();
    expect(filtered.data).toHaveLength(10);
    expect(filtered.data.every((e: { event: string }) => e.event === "Signed Up")).toBe(true);
    expect(filtered.cursor).toEqual({ has_more: false, next: null, limit: 200 });

    for (const qs of ["limit=0", "limit=201", "limit=abc"]) {
      const res = await call(getEvents, "user_id:u-1", "events", qs);
      expect(res.status, qs).toBe(400);
      expect((await res.json()).error.message).toMatch(/limit/);
    }
    const bad = await call(getEvents, "user_id:u-1", "events", "next=garbage");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("invalid_cursor");
  });

  it("lists external ids in Segment's shape and the merge journal", async () => {
    const ids = await (await call(getExternalIds, "anonymous_id:anon-old", "external_ids")).json();
    expect(ids.data).toHaveLength(7);
    expect(ids.data[1]).toEqual({ id: "ann@example.com", type: "email", collection: "users", created_at: iso(5), last_seen_at: iso(300), encoding: "none" });
    expect(ids.cursor.has_more).toBe(false);

    const merges = await (await call(getMerges, "email:ann@example.com", "merges", "limit=2")).json();
    expect(merges.data.map((m: { kind: string }) => m.kind)).toEqual(["split", "refused"]);
    expect(merges.data[0]).toMatchObject({ rule: "admin", reason: "shared family laptop", actor: { name: "Ada Admin" } });
    expect(merges.cursor.has_more).toBe(true);
    const rest = await (await call(getMerges, "email:ann@example.com", "merges", `limit=2&next=${merges.cursor.next}`)).json();
    expect(rest.data).toMatchObject([{ kind: "merge", from_profile_id: P2, into_profile_id: P1, message_id: "m-identify", identifiers: [{ type: "user_id", value: "u-1" }] }]);
    expect(rest.cursor.has_more).toBe(false);
  });
});
