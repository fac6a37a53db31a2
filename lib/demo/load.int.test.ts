// Seeds a fresh database through the real loader on a fixed seed and anchor, then checks the story
// with SQL. The bands asserted here are the ones the generator promises (see lib/demo/catalog.ts).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { verifyPassword } from "../auth/password";
import { secretMatches } from "../auth/secrets";
import { audienceExamples } from "../analytics/audiences";
import { GA4_CHANNELS } from "./catalog";
import { DatabaseNotEmptyError, isDatabaseEmpty, seedDemo, type SeedSummary } from "./load";
import { createDemoGenerator } from "./generate";
import { loadFacts, recomputeFacts } from "../data/identity-store";
import { pgSql } from "../data/sql";

const OPTIONS = { profiles: 1200, days: 120, seed: 42, anchor: "2025-06-30", password: "demo-test-password" };
const START = "2025-03-02T00:00:00Z";
const END = "2025-06-30T00:00:00Z";

let database: TestDatabase;
let client: pg.Client;
let summary: SeedSummary;
let emptyBefore: boolean;

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await client.query(sql, params)).rows as T[];
}

beforeAll(async () => {
  database = await createTestDatabase();
  emptyBefore = await isDatabaseEmpty(database.url);
  summary = await seedDemo(database.url, OPTIONS);
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.close();
});

describe("seedDemo", () => {
  it("loads every table and reports what it wrote", async () => {
    expect(emptyBefore).toBe(true);
    const [counts] = await rows<Record<string, number>>(`
      SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM sources)::int AS sources,
             (SELECT count(*) FROM profiles WHERE merged_into_id IS NULL)::int AS profiles, (SELECT count(*) FROM events)::int AS events,
             (SELECT count(*) FROM identities)::int AS identities, (SELECT count(*) FROM contacts)::int AS contacts,
             (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM marketing_spend)::int AS marketing_spend`);
    // People seen in the product: one profile each. Outbound prospects' CRM activity adds CRM-only profiles.
    const [seen] = await rows<{ product: number; crm_only: number; prospects: number }>(`
      SELECT count(*) FILTER (WHERE has_product)::int AS product, count(*) FILTER (WHERE NOT has_product)::int AS crm_only,
             (SELECT count(*) FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.profile_id = c.profile_id AND e.source_id <> 'crm'))::int AS prospects
      FROM (SELECT EXISTS (SELECT 1 FROM events e WHERE e.profile_id = p.id AND e.source_id <> 'crm') AS has_product FROM profiles p WHERE p.merged_into_id IS NULL) x`);
    expect(seen.product).toBe(OPTIONS.profiles);
    expect(seen.crm_only).toBe(seen.prospects);
    expect(seen.prospects).toBeGreaterThan(10);
    expect(counts.users).toBe(10);
    // Website and Backend from the seed; the built-in CRM source comes with the migrations.
    expect(counts.sources).toBe(3);
    expect(summary.counts.sources).toBe(2);
    for (const k of Object.keys(counts).filter((k) => k !== "sources")) expect(counts[k]).toBe(summary.counts[k as keyof SeedSummary["counts"]]);
    expect(counts.events).toBeGreaterThan(15_000);
    // 5 months touch the window (March–June 2025) × Google Ads, Meta, LinkedIn.
    expect(counts.marketing_spend).toBe(4 * 3);
    // The builder's examples, saved by the marketer (Priya is the demo's owner example).
    const audiences = await rows<{ name: string; author: string }>(`SELECT a.name, u.email AS author FROM audiences a JOIN users u ON u.id = a.created_by_id ORDER BY a.name`);
    expect(audiences.map((a) => a.name)).toEqual(audienceExamples("priya", "Priya Raman").map((e) => e.name).sort());
    expect(new Set(audiences.map((a) => a.author))).toEqual(new Set(["marketing@tandem.local"]));
  });

  it("builds every profile through identity resolution: one per person, exactly the generator's grouping", async () => {
    // The generator knows which person sent each message; resolution only saw the messages.
    const personOf = new Map<string, number>();
    for (const chunk of createDemoGenerator(OPTIONS).chunks()) for (const e of chunk.events) personOf.set(`${e.sourceId}/${e.messageId}`, e.person);
    const events = await rows<{ k: string; profile_id: string }>(`SELECT source_id || '/' || message_id AS k, profile_id FROM events WHERE source_id <> 'crm'`);
    const profileOfPerson = new Map<number, string>();
    const personOfProfile = new Map<string, number>();
    for (const e of events) {
      const person = personOf.get(e.k)!;
      expect(profileOfPerson.get(person) ?? e.profile_id, `person ${person}`).toBe(e.profile_id);
      expect(personOfProfile.get(e.profile_id) ?? person, `profile ${e.profile_id}`).toBe(person);
      profileOfPerson.set(person, e.profile_id);
      personOfProfile.set(e.profile_id, person);
    }
    expect(profileOfPerson.size).toBe(OPTIONS.profiles);
    // Every interaction has its CRM-source event (as live logging writes), in its contact's profile.
    const [crm] = await rows<{ interactions: number; events: number; misplaced: number }>(
      `SELECT (SELECT count(*) FROM interactions)::int AS interactions,
              (SELECT count(*) FROM events WHERE source_id = 'crm')::int AS events,
              (SELECT count(*) FROM interactions i JOIN contacts c ON c.id = i.contact_id
                 JOIN events e ON e.source_id = 'crm' AND e.message_id = 'crm-interaction-' || i.id
                 WHERE e.profile_id IS DISTINCT FROM c.profile_id)::int AS misplaced`,
    );
    expect(crm.interactions).toBeGreaterThan(50);
    expect([crm.events, crm.misplaced]).toEqual([crm.interactions, 0]);
    // Anonymous visits before sign-up were merged in, and the journal says why.
    const [j] = await rows<{ merges: number; refused: number }>(
      `SELECT count(*) FILTER (WHERE kind = 'merge')::int AS merges, count(*) FILTER (WHERE kind = 'refused')::int AS refused FROM merge_journal`,
    );
    expect(j.merges).toBeGreaterThan(10);
    expect(j.refused).toBe(0);
    // Stored facts equal a fold of each profile's events from scratch.
    const live = (await rows<{ id: string }>(`SELECT id FROM profiles WHERE merged_into_id IS NULL`)).map((r) => r.id);
    const sql = pgSql(client);
    const [stored, fresh] = [await loadFacts(sql, live), await recomputeFacts(sql, live)];
    for (const id of live) expect(stored.get(id), id).toEqual(fresh.get(id));
    // Accounts from group calls, linked to their CRM companies.
    const [a] = await rows<{ members: number; unlinked: number }>(
      `SELECT (SELECT count(*) FROM profile_accounts)::int AS members, (SELECT count(*) FROM accounts WHERE company_id IS NULL)::int AS unlinked`,
    );
    expect(a.members).toBeGreaterThan(100);
    expect(a.unlinked).toBe(0);
  });

  it("gives the Backend a tracking plan whose flagged violations are its own stored events, and quarantines the unplanned refunds", async () => {
    const [p] = await rows<{ plans: number; flagged: number; stored: number; blocked: number; held: number; dropped: number }>(`
      SELECT (SELECT count(*) FROM tracking_plans)::int AS plans,
             (SELECT count(DISTINCT message_id) FROM plan_violations WHERE action = 'flag')::int AS flagged,
             (SELECT count(DISTINCT v.message_id) FROM plan_violations v JOIN events e ON e.source_id = v.source_id AND e.message_id = v.message_id WHERE v.action = 'flag')::int AS stored,
             (SELECT count(*) FROM plan_violations WHERE action = 'block' AND kind = 'unplanned_event')::int AS blocked,
             (SELECT count(*) FROM quarantined_messages)::int AS held,
             coalesce((SELECT sum(dropped_by_retention) FROM quarantine_settings), 0)::int AS dropped`);
    expect(p.plans).toBe(1);
    expect(p.flagged).toBeGreaterThan(0);
    expect(p.stored).toBe(p.flagged);
    // Anchored in the past here, so the 30-day retention has dropped (and counted) what it held.
    expect(p.held + p.dropped).toBe(4);
  });

  it("keeps every timestamp inside [anchor − days, anchor]", async () => {
    const [r] = await rows<{ lo: Date; hi: Date }>(`
      SELECT least((SELECT min(least(timestamp, original_timestamp, sent_at, received_at)) FROM events),
                   (SELECT min(first_seen_at) FROM profiles), (SELECT min(occurred_at) FROM interactions),
                   (SELECT min(opened_at) FROM tickets), (SELECT min(entered_at) FROM contact_stages),
                   (SELECT min(created_at) FROM tasks)) AS lo,
             greatest((SELECT max(greatest(timestamp, original_timestamp, sent_at, received_at)) FROM events),
                   (SELECT max(last_seen_at) FROM profiles), (SELECT max(occurred_at) FROM interactions),
                   (SELECT max(greatest(opened_at, first_response_at, resolved_at, closed_at)) FROM tickets),
                   (SELECT max(created_at) FROM ticket_comments), (SELECT max(completed_at) FROM tasks)) AS hi`);
    expect(r.lo.getTime()).toBeGreaterThanOrEqual(Date.parse(START));
    expect(r.hi.getTime()).toBeLessThanOrEqual(Date.parse(END));
  });

  it("creates the demo staff with the hashed demo password, and sources with hashed write keys", async () => {
    const users = await rows<{ email: string; role: string; password_hash: string }>("SELECT email, role, password_hash FROM users ORDER BY email");
    for (const role of ["admin", "sales", "success", "marketing", "leadership"]) {
      expect(users.find((u) => u.email === `${role}@tandem.local`)?.role).toBe(role);
    }
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
    expect(await verifyPassword(OPTIONS.password, users[0].password_hash)).toBe(true);
    const sources = await rows<{ name: string; kind: string; built_in: boolean; write_key_hash: string; write_key_prefix: string }>("SELECT * FROM sources ORDER BY name");
    expect(sources.map((s) => [s.name, s.kind, s.built_in])).toEqual([["Backend", "server", false], ["CRM", "crm", true], ["Website", "web", false]]);
    const website = sources.find((s) => s.name === "Website")!;
    const key = summary.credentials.sources!.website.writeKey;
    expect(secretMatches(key, website.write_key_hash)).toBe(true);
    expect(key.startsWith(website.write_key_prefix)).toBe(true);
  });

  it("links every event to a profile and labels channels with GA4 names", async () => {
    const [r] = await rows<{ orphans: number; bad: number }>(`
      SELECT count(*) FILTER (WHERE profile_id IS NULL OR NOT EXISTS (SELECT 1 FROM profiles p WHERE p.id = e.profile_id))::int AS orphans,
             count(*) FILTER (WHERE channel IS NOT NULL AND NOT (channel = ANY($1::text[])))::int AS bad
      FROM events e`, [GA4_CHANNELS]);
    expect(r).toEqual({ orphans: 0, bad: 0 });
    const [c] = await rows<{ unlinked: number }>(`
      SELECT count(*)::int AS unlinked FROM contacts c
      WHERE NOT EXISTS (SELECT 1 FROM identities i WHERE i.profile_id = c.profile_id AND i.type = 'email' AND i.value = c.email)`);
    expect(c.unlinked).toBe(0);
  });

  it("fills the attribution columns the Tracking API derives, when the schema has them", async () => {
    const present = await rows("SELECT 1 FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'utm_source'");
    if (present.length === 0) return;
    const [r] = await rows<{ cpc: number; tagged: number; organic: number; with_domain: number }>(`
      SELECT count(*) FILTER (WHERE context->'campaign'->>'medium' = 'cpc')::int AS cpc,
             count(*) FILTER (WHERE utm_source = 'google' AND utm_medium = 'cpc' AND click_ids ? 'gclid' AND page_path LIKE '/%')::int AS tagged,
             count(*) FILTER (WHERE channel = 'Organic Search' AND context->'page'->>'referrer' LIKE 'https://%' AND context->'page'->>'referrer' NOT LIKE 'https://www.loopwise.example/%')::int AS organic,
             count(*) FILTER (WHERE channel = 'Organic Search' AND referring_domain IN ('www.google.com', 'www.bing.com', 'duckduckgo.com', 'www.ecosia.org'))::int AS with_domain
      FROM events`);
    expect(r.cpc).toBeGreaterThan(50);
    expect(r.tagged).toBe(r.cpc);
    expect(r.with_domain).toBe(r.organic);
  });

  it("has anonymous page views before sign-up for ≥ 30 % of sign-ups (story: ~55 %)", async () => {
    const [r] = await rows<{ signups: number; with_prior: number }>(`
      WITH first_identify AS (
        SELECT DISTINCT ON (user_id) user_id, anonymous_id, timestamp FROM events
        WHERE type = 'identify' AND user_id IS NOT NULL AND anonymous_id IS NOT NULL
        ORDER BY user_id, timestamp)
      SELECT count(*)::int AS signups,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM events p WHERE p.type = 'page' AND p.anonymous_id = f.anonymous_id AND p.timestamp < f.timestamp))::int AS with_prior
      FROM first_identify f`);
    expect(r.signups).toBeGreaterThan(250);
    const share = r.with_prior / r.signups;
    expect(share).toBeGreaterThanOrEqual(0.3);
    expect(share).toBeLessThanOrEqual(0.7);
  });

  it("converts sign-ups to paid very differently by channel (best ≥ 2× worst)", async () => {
    const byChannel = await rows<{ channel: string; signups: number; paid: number }>(`
      SELECT p.first_channel AS channel, count(*)::int AS signups,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM events s WHERE s.event = 'Subscription Started' AND s.user_id = su.user_id))::int AS paid
      FROM events su JOIN profiles p ON p.id = su.profile_id
      WHERE su.event = 'Signed Up'
      GROUP BY 1`);
    const rate = Object.fromEntries(byChannel.map((c) => [c.channel, c.paid / c.signups]));
    const sizable = byChannel.filter((c) => c.signups >= 25);
    expect(sizable.length).toBeGreaterThanOrEqual(5);
    const rates = sizable.map((c) => c.paid / c.signups);
    expect(Math.max(...rates)).toBeGreaterThanOrEqual(2 * Math.min(...rates));
    // The story: warm channels convert best, paid social worst.
    expect(rate["Referral"]).toBeGreaterThan(rate["Paid Search"]);
    expect(rate["Email"]).toBeGreaterThan(rate["Paid Search"]);
    expect(rate["Paid Social"]).toBeLessThan(rate["Organic Search"]);
  });

  it("churns 2–10 % of paying customers per month", async () => {
    const [r] = await rows<{ renewed: number; cancelled: number; started: number }>(`
      SELECT count(*) FILTER (WHERE event = 'Subscription Renewed')::int AS renewed,
             count(*) FILTER (WHERE event = 'Subscription Cancelled')::int AS cancelled,
             count(*) FILTER (WHERE event = 'Subscription Started')::int AS started
      FROM events WHERE event LIKE 'Subscription %'`);
    expect(r.started).toBeGreaterThan(50);
    const monthly = r.cancelled / (r.cancelled + r.renewed);
    expect(monthly).toBeGreaterThanOrEqual(0.02);
    expect(monthly).toBeLessThanOrEqual(0.1);
    // Revenue adds up: the profiles' totals are the sum of the revenue properties.
    const [rev] = await rows<{ events: string; profiles: string }>(`
      SELECT (SELECT sum((properties->>'revenue')::numeric) FROM events WHERE properties ? 'revenue')::text AS events,
             (SELECT sum(total_revenue) FROM profiles WHERE merged_into_id IS NULL)::text AS profiles`);
    expect(Number(rev.events)).toBeCloseTo(Number(rev.profiles), 2);
  });

  it("resolves tickets in a median of 4–30 h, urgent faster than normal; most are solved or closed", async () => {
    const [r] = await rows<{ all_h: number; urgent_h: number; normal_h: number }>(`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at) / 3600) AS all_h,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at) / 3600) FILTER (WHERE priority = 'urgent') AS urgent_h,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at) / 3600) FILTER (WHERE priority = 'normal') AS normal_h
      FROM tickets WHERE resolved_at IS NOT NULL`);
    expect(r.all_h).toBeGreaterThanOrEqual(4);
    expect(r.all_h).toBeLessThanOrEqual(30);
    expect(r.urgent_h).toBeLessThan(r.normal_h);
    const statuses = await rows<{ status: string; n: number }>("SELECT status::text, count(*)::int AS n FROM tickets GROUP BY 1");
    const n = (s: string) => statuses.find((x) => x.status === s)?.n ?? 0;
    const total = statuses.reduce((a, s) => a + s.n, 0);
    expect((n("solved") + n("closed")) / total).toBeGreaterThan(0.8);
    expect(n("new") + n("open") + n("pending") + n("on_hold")).toBeGreaterThan(0);
    // The first public reply is at first_response_at.
    const [c] = await rows<{ mismatched: number }>(`
      SELECT count(*)::int AS mismatched FROM tickets t
      WHERE t.first_response_at IS NOT NULL AND t.first_response_at <> (
        SELECT min(created_at) FROM ticket_comments c WHERE c.ticket_id = t.id AND c.public AND c.author_id IS NOT NULL)`);
    expect(c.mismatched).toBe(0);
  });

  it("keeps CRM lifecycle stages consistent with the journey", async () => {
    const [r] = await rows<{ customers_without_subscription: number; churned_not_other: number; open_tasks: number; overdue: number }>(`
      SELECT
        (SELECT count(*) FROM contacts c WHERE c.lifecycle_stage IN ('customer', 'evangelist') AND NOT EXISTS (
           SELECT 1 FROM events e WHERE e.profile_id = c.profile_id AND e.event = 'Subscription Started'))::int AS customers_without_subscription,
        (SELECT count(*) FROM contacts c WHERE c.lifecycle_stage <> 'other' AND EXISTS (
           SELECT 1 FROM events e WHERE e.profile_id = c.profile_id AND e.event = 'Subscription Cancelled'))::int AS churned_not_other,
        (SELECT count(*) FROM tasks WHERE completed_at IS NULL)::int AS open_tasks,
        (SELECT count(*) FROM tasks WHERE completed_at IS NULL AND due_at < $1)::int AS overdue`, [END]);
    expect(r.customers_without_subscription).toBe(0);
    expect(r.churned_not_other).toBe(0);
    expect(r.open_tasks).toBeGreaterThan(5);
    expect(r.overdue).toBeGreaterThan(0);
    const outcomes = await rows<{ outcome: string }>("SELECT DISTINCT outcome::text FROM interactions WHERE kind = 'call'");
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["busy", "connected", "left_message", "left_voicemail", "no_answer", "wrong_number"]);
    const [notes] = await rows<{ pinned: number }>("SELECT count(*) FILTER (WHERE pinned)::int AS pinned FROM interactions WHERE kind = 'note'");
    expect(notes.pinned).toBeGreaterThan(0);
  });

  it("refuses to seed a database that already has data", async () => {
    expect(await isDatabaseEmpty(database.url)).toBe(false);
    await expect(seedDemo(database.url, OPTIONS)).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    const [r] = await rows<{ n: number }>("SELECT count(*)::int AS n FROM users");
    expect(r.n).toBe(10);
  });
});
