// The Customer 360 stream: every page of the merged CRM + CDP stream, at every page size, equals a
// brute-force merge of all the person's items (ties across and within sides included), each item
// exactly once; sessions on the page equal the reference; CRM-source copies never show; and the
// timeline API's identifiers, scopes, ranges and cursors.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../../tests/test-database";
import { prng } from "../identity/seeded-random";
import { compareStream, type StreamItem, type StreamPosition } from "../customer360/stream";
import { sessionize } from "../analytics/sessions";
import { DEFAULT_LIFECYCLE } from "../analytics/lifecycle";
import { createApiToken } from "./api-tokens";
import { personByContact, personByProfile, personOverview } from "./person";
import { personMilestones, personStreamPage, type StreamFilters } from "./person-stream";
import { GET as getTimeline } from "../../app/api/v1/profiles/[ref]/timeline/route";

let t: TestDatabase;
const P = "person-1";
const P_OLD = "person-1-old";
let contactId = "";
let loneContactId = "";
let userId = "";
const T0 = Date.parse("2026-03-01T00:00:00Z");
const MIN = 60_000;

interface Expected extends StreamPosition {
  type?: string;
}
let expected: Expected[] = [];
let cdpRows: { seq: number; at: Date; type: string; sourceKind: string; channel: string | null; pagePath: string | null; referrer: string | null; utmCampaign: string | null }[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const rng = prng(7);
  userId = (await t.db.user.create({ data: { email: "rep@x.test", name: "Rep", role: "sales", passwordHash: "x" } })).id;
  await t.db.$executeRawUnsafe(`INSERT INTO sources (id, name, kind, write_key_hash, write_key_prefix) VALUES
    ('web', 'Website', 'web', 'h-web', 'wk_'), ('srv', 'Backend', 'server', 'h-srv', 'wk_')`);
  await t.db.$executeRawUnsafe(`INSERT INTO profiles (id, merged_into_id) VALUES ('${P}', NULL), ('${P_OLD}', '${P}')`);
  await t.db.$executeRawUnsafe(`INSERT INTO identities (type, value, profile_id, first_seen_at, last_seen_at) VALUES ('email', 'ann@x.test', '${P}', now(), now())`);
  contactId = (await t.db.contact.create({ data: { email: "ann@x.test", firstName: "Ann", profileId: P, ownerId: userId } })).id;
  loneContactId = (await t.db.contact.create({ data: { email: "bob@x.test", firstName: "Bob" } })).id;
  await t.db.interaction.create({ data: { kind: "call", contactId: loneContactId, authorId: userId, occurredAt: new Date(T0), outcome: "no_answer" } });

  // A handful of instants shared by both sides, so ties happen across and within sides.
  const instants = Array.from({ length: 25 }, (_, i) => new Date(T0 + i * 17 * MIN + (i % 3) * 30 * MIN));
  const at = () => rng.pick(instants);
  for (let i = 0; i < 30; i++) {
    const row = await t.db.interaction.create({ data: { kind: rng.pick(["note", "call", "email", "demo"] as const), contactId, authorId: userId, occurredAt: at(), subject: `i${i}` } });
    expected.push({ at: row.occurredAt.toISOString(), side: "crm", key: `interaction:${row.id}` });
  }
  for (let i = 0; i < 6; i++) {
    const opened = at();
    const resolved = rng.chance(0.5) ? at() : null;
    const row = await t.db.ticket.create({ data: { subject: `t${i}`, contactId, openedAt: opened, resolvedAt: resolved, status: resolved ? "solved" : "open" } });
    expected.push({ at: opened.toISOString(), side: "crm", key: `ticket-opened:${row.id}` });
    if (resolved) expected.push({ at: resolved.toISOString(), side: "crm", key: `ticket-solved:${row.id}` });
  }
  for (let i = 0; i < 6; i++) {
    const created = at();
    const done = rng.chance(0.5) ? at() : null;
    const row = await t.db.task.create({ data: { title: `k${i}`, contactId, createdById: userId, assigneeId: userId, createdAt: created, completedAt: done } });
    expected.push({ at: created.toISOString(), side: "crm", key: `task-created:${row.id}` });
    if (done) expected.push({ at: done.toISOString(), side: "crm", key: `task-completed:${row.id}` });
  }
  // CDP events on both profiles of the family; CRM-source copies must never show.
  const events: unknown[] = [];
  for (let i = 0; i < 80; i++) {
    const type = rng.pick(["page", "track", "identify"]);
    events.push({
      source_id: rng.chance(0.8) ? "web" : "srv",
      message_id: `m${i}`,
      type,
      event: type === "track" ? rng.pick(["Signed Up", "Trial Started", "Report Viewed", "Subscription Started"]) : null,
      name: type === "page" ? rng.pick(["Home", "Pricing"]) : null,
      profile_id: rng.chance(0.5) ? P : P_OLD,
      timestamp: at().toISOString(),
      properties: rng.chance(0.2) ? { revenue: 49 } : {},
      channel: rng.pick(["Direct", "Paid Social", null]),
    });
  }
  for (let i = 0; i < 10; i++)
    events.push({ source_id: "crm", message_id: `crm${i}`, type: "track", event: "Call Logged", name: null, profile_id: P, timestamp: at().toISOString(), properties: {}, channel: null });
  await t.db.$executeRawUnsafe(
    `INSERT INTO events (source_id, message_id, type, event, name, profile_id, timestamp, received_at, properties, channel)
     SELECT r.source_id, r.message_id, r.type::"EventType", r.event, r.name, r.profile_id, r.timestamp, now(), r.properties, r.channel
     FROM jsonb_to_recordset($1::jsonb) AS r(source_id text, message_id text, type text, event text, name text, profile_id text, timestamp timestamptz, properties jsonb, channel text)`,
    JSON.stringify(events),
  );
  const stored = await t.db.$queryRawUnsafe<{ seq: bigint; timestamp: Date; type: string; kind: string; channel: string | null }[]>(
    `SELECT e.seq, e.timestamp, e.type::text AS type, s.kind::text AS kind, e.channel FROM events e JOIN sources s ON s.id = e.source_id WHERE s.kind <> 'crm'`,
  );
  for (const e of stored) expected.push({ at: e.timestamp.toISOString(), side: "cdp", key: String(e.seq), type: e.type });
  cdpRows = stored.map((e) => ({ seq: Number(e.seq), at: e.timestamp, type: e.type, sourceKind: e.kind, channel: e.channel, pagePath: null, referrer: null, utmCampaign: null }));
  expected = expected.sort(compareStream);
});
afterAll(() => t.close());

const subject = async () => {
  const p = await personByProfile(P);
  return { familyIds: p.familyIds, contactIds: p.contacts.map((c) => c.id) };
};

async function readAll(filters: StreamFilters, limit: number): Promise<StreamItem[]> {
  const s = await subject();
  const milestones = await personMilestones(s.familyIds, DEFAULT_LIFECYCLE);
  const out: StreamItem[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await personStreamPage(s, filters, cursor, limit, DEFAULT_LIFECYCLE, milestones);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items);
    if (!page.next) return out;
    expect(page.items.length).toBe(limit);
    cursor = page.next;
  }
  throw new Error("did not end");
}

const keysOf = (items: { side: string; key: string }[]) => items.map((i) => `${i.side}:${i.key}`);

describe("the merged stream", () => {
  it("pages every item exactly once, in the brute-force order, at every page size", async () => {
    expect(expected.length).toBeGreaterThan(100);
    for (const limit of [2, 3, 7, 50, 200]) expect(keysOf(await readAll({}, limit)), `limit ${limit}`).toEqual(keysOf(expected));
  });

  it("one side alone, a range and the CDP filters", async () => {
    expect(keysOf(await readAll({ side: "crm" }, 1))).toEqual(keysOf(expected.filter((e) => e.side === "crm")));
    expect(keysOf(await readAll({ side: "cdp" }, 9))).toEqual(keysOf(expected.filter((e) => e.side === "cdp")));
    const from = new Date(T0 + 60 * MIN);
    const to = new Date(T0 + 200 * MIN);
    expect(keysOf(await readAll({ from, to }, 5))).toEqual(keysOf(expected.filter((e) => Date.parse(e.at) >= from.getTime() && Date.parse(e.at) < to.getTime())));
    expect(keysOf(await readAll({ hidePageViews: true, crm: { kinds: ["ticket"] } }, 6))).toEqual(
      keysOf(expected.filter((e) => (e.side === "crm" ? e.key.startsWith("ticket-") : e.type !== "page"))),
    );
    expect(keysOf(await readAll({ side: "cdp", types: ["identify"] }, 6))).toEqual(keysOf(expected.filter((e) => e.type === "identify")));
  });

  it("gives each CDP event in a session the reference's session, and marks the lifecycle moments once", async () => {
    const items = await readAll({ side: "cdp" }, 200);
    const sessions = sessionize(cdpRows);
    const sessionOf = new Map(sessions.flatMap((s) => s.seqs.map((q) => [String(q), s] as const)));
    for (const i of items) {
      if (i.side !== "cdp") continue;
      const want = sessionOf.get(i.key);
      expect(i.cdp.session?.id ?? null, i.key).toBe(want ? String(want.firstSeq) : null);
      if (want) expect([i.cdp.session!.events, i.cdp.session!.pages, i.cdp.session!.durationSeconds]).toEqual([want.events, want.pages, want.durationSeconds]);
    }
    const marked = (k: string) => items.filter((i) => i.side === "cdp" && i.cdp.keys.includes(k as never)).length;
    expect([marked("signed_up"), marked("trial_started"), marked("became_customer")]).toEqual([1, 1, 1]);
  });

  it("a contact with no profile has a CRM-only stream, and its overview says the product never saw them", async () => {
    const lone = await personByContact(loneContactId);
    expect(lone).toMatchObject({ profileId: null, familyIds: [] });
    const overview = await personOverview(lone!, lone!.contacts[0]!, DEFAULT_LIFECYCLE, new Date(T0 + 86_400_000));
    expect(overview).toMatchObject({ productSeen: false, gaps: ["never_seen"], summary: { facts: { customerAt: null, salesTouch: { kind: "call" } }, narrative: null } });
    const viaContact = await personByContact(contactId);
    expect(viaContact?.profileId).toBe(P);
  });
});

describe("GET /api/v1/profiles/{ref}/timeline", () => {
  const call = (ref: string, token: string, qs = "") =>
    getTimeline(new NextRequest(`http://t/api/v1/profiles/${ref}/timeline${qs}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ ref }) });

  it("serves both sides with crm:read, the CDP side alone without it, and refuses side=crm then", async () => {
    const both = (await createApiToken({ name: "both", scopes: ["profiles:read", "crm:read"] }, TEST_ACTOR)).token;
    const cdpOnly = (await createApiToken({ name: "cdp", scopes: ["profiles:read"] }, TEST_ACTOR)).token;
    const crmOnly = (await createApiToken({ name: "crm", scopes: ["crm:read"] }, TEST_ACTOR)).token;

    const res = await call(`profile_id:${P_OLD}`, both, "?limit=200");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data.map((d: { side: string }) => d.side)).toEqual(expected.slice(0, 200).map((e) => e.side));
    expect(body.data[0]).toMatchObject({ side: expect.any(String), kind: expect.any(String), at: expect.any(String), title: expect.any(String) });
    expect(Object.keys(body.cursor)).toContain("next");

    const cdp = await (await call("email:ANN@x.test", cdpOnly, "?limit=200")).json();
    expect(cdp.data.every((d: { side: string }) => d.side === "cdp")).toBe(true);
    const refused = await call(`profile_id:${P}`, cdpOnly, "?side=crm");
    expect([refused.status, (await refused.json()).error.code]).toEqual([403, "insufficient_scope"]);
    expect((await call(`profile_id:${P}`, crmOnly)).status).toBe(403);

    const lone = await (await call(`contact_id:${loneContactId}`, both)).json();
    // The lone contact's one call: CRM items only, the product never saw them.
    expect(lone.data.map((d: { side: string; kind: string }) => `${d.side}:${d.kind}`)).toEqual(["crm:call"]);
    const viaContact = await (await call(`contact_id:${contactId}`, both, "?limit=3")).json();
    expect(viaContact.data.length).toBe(3);
    const second = await (await call(`contact_id:${contactId}`, both, `?limit=3&next=${viaContact.cursor.next}`)).json();
    expect(keysOf(second.data.map((d: { side: string; id?: string; seq?: string }) => ({ side: d.side, key: d.side === "cdp" ? d.seq : "" })))).toHaveLength(3);
  });

  it.each([
    ["nobody", "email:nobody@x.test", "", 404, "profile_not_found"],
    ["an unknown contact", "contact_id:nope", "", 404, "profile_not_found"],
    ["a malformed identifier", "nonsense", "", 400, "invalid_identifier"],
    ["a bad contact id", "contact_id:a%20b", "", 400, "invalid_identifier"],
    ["a reversed range", `profile_id:${P}`, "?from=2026-03-02&to=2026-03-01", 400, "invalid_request"],
    ["a malformed date", `profile_id:${P}`, "?from=yesterday", 400, "invalid_request"],
    ["a forged cursor", `profile_id:${P}`, "?next=abc", 400, "invalid_cursor"],
    ["a limit over 200", `profile_id:${P}`, "?limit=201", 400, "invalid_request"],
    ["an unknown side", `profile_id:${P}`, "?side=both", 400, "invalid_request"],
  ])("answers %s with %s", async (_name, ref, qs, status, code) => {
    const token = (await createApiToken({ name: "x", scopes: ["profiles:read", "crm:read"] }, TEST_ACTOR)).token;
    const res = await call(ref, token, qs);
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
  });
});
