// npm run bench:customer — the Customer 360 page and the timeline API for one heavy person: 10,000
// events and 500 CRM items (plus 1,000 other people around them), on a fresh embedded database and,
// with BENCH_DATABASE_URL, on PostgreSQL. Prints the medians of the page's server work and of the
// first timeline API page beside the two timelines fetched alone (the contact's CRM timeline page and
// the profile's event page), as a ratio. Aim: both under 300 ms on the embedded database.
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { freshEmbedded, freshPostgres, median, type FreshDb } from "../lib/bench/fresh-db";
import { migrate } from "../lib/db/migrate";
import { createPrisma, setDb } from "../lib/db/prisma";
import { setPool } from "../lib/db/pool";
import { createApiToken } from "../lib/data/api-tokens";
import { systemActor } from "../lib/audit/actions";
import { contactTimeline } from "../lib/data/contact-page";
import { profileEvents } from "../lib/data/profiles";
import { personByProfile } from "../lib/data/person";
import { personPageData } from "../lib/data/person-page";
import { resetAnalyticsRunner } from "../lib/data/analytics-runner";
import { findApiToken } from "../lib/data/api-tokens";
import { personFromParams } from "../lib/api/profiles";
import { personStreamPage } from "../lib/data/person-stream";
import { lifecycleSettings } from "../lib/data/lifecycle";
import { toApiItem } from "../lib/customer360/api-shape";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "15" }, events: { type: "string", default: "10000" }, crm: { type: "string", default: "500" } } });
const ROUNDS = Number(values.rounds);
const EVENTS = Number(values.events);
const CRM_ITEMS = Number(values.crm);
const P = "bench-person";
const DAY = 86_400_000;
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** The person and a crowd around them, in a few set-based statements. */
async function build(url: string): Promise<{ contactId: string }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const now = Date.now();
    await c.query(`INSERT INTO sources (id, name, kind, write_key_hash, write_key_prefix) VALUES
      ('b-web', 'Website', 'web', 'h-b-web', 'wk_'), ('b-srv', 'Backend', 'server', 'h-b-srv', 'wk_')`);
    await c.query(`INSERT INTO users (id, email, name, password_hash, role) VALUES ('b-rep', 'rep@bench.test', 'Rita Rep', 'x', 'sales')`);
    // 1,000 other people with 20 events each, so the indexes are not trivially selective.
    await c.query(`INSERT INTO profiles (id) SELECT 'other-' || i FROM generate_series(1, 1000) i`);
    await c.query(
      `INSERT INTO events (source_id, message_id, type, event, name, profile_id, timestamp, received_at, channel, page_path, properties)
       SELECT 'b-web', 'o-' || i, CASE WHEN i % 3 = 0 THEN 'track' ELSE 'page' END::"EventType", CASE WHEN i % 3 = 0 THEN 'Report Viewed' END,
         CASE WHEN i % 3 <> 0 THEN 'Home' END, 'other-' || (1 + i % 1000), to_timestamp(($1::float8 - (i % 365)::float8 * 86400000 - i) / 1000), now(), 'Direct', '/', '{}'
       FROM generate_series(1, 20000) i`,
      [now],
    );
    // The person: a profile with an email, sessions of page views and product events over a year,
    // server-side revenue every month; the CRM contact linked to them.
    await c.query(`INSERT INTO profiles (id, first_seen_at, last_seen_at, first_channel, event_count) VALUES ($1, to_timestamp($2 / 1000.0), to_timestamp($3 / 1000.0), 'Paid Social', $4)`, [
      P,
      now - 365 * DAY,
      now,
      EVENTS,
    ]);
    await c.query(`INSERT INTO identities (type, value, profile_id, first_seen_at, last_seen_at) VALUES ('email', 'heavy@bench.test', $1, now(), now()), ('user_id', 'u-heavy', $1, now(), now())`, [P]);
    await c.query(
      `INSERT INTO events (source_id, message_id, type, event, name, profile_id, timestamp, received_at, channel, page_path, properties)
       SELECT CASE WHEN i % 50 = 0 THEN 'b-srv' ELSE 'b-web' END, 'p-' || i,
         CASE WHEN i % 50 = 0 OR i % 4 = 0 THEN 'track' ELSE 'page' END::"EventType",
         CASE WHEN i % 50 = 0 THEN 'Subscription Renewed' WHEN i % 4 = 0 THEN 'Report Exported' END,
         CASE WHEN i % 50 <> 0 AND i % 4 <> 0 THEN 'Dashboard' END, $1,
         -- sessions: bursts of events a minute apart, a burst every few hours
         to_timestamp(($2::float8 - (i / 8)::float8 * 3 * 3600000 - (i % 8) * 60000) / 1000), now(),
         'Direct', '/app', CASE WHEN i % 50 = 0 THEN '{"revenue": 49}' ELSE '{}' END::jsonb
       FROM generate_series(1, $3::int) i`,
      [P, now, EVENTS],
    );
    const contact = await c.query<{ id: string }>(`INSERT INTO contacts (email, first_name, last_name, owner_id, profile_id, lifecycle_stage) VALUES ('heavy@bench.test', 'Hana', 'Heavy', 'b-rep', $1, 'customer') RETURNING id`, [P]);
    const contactId = contact.rows[0]!.id;
    const tickets = Math.round(CRM_ITEMS * 0.06);
    const tasks = Math.round(CRM_ITEMS * 0.04);
    const interactions = CRM_ITEMS - 2 * tickets - 2 * tasks;
    await c.query(
      `INSERT INTO interactions (kind, contact_id, author_id, occurred_at, subject, body, pinned)
       SELECT (ARRAY['note','call','email','meeting','demo'])[1 + i % 5]::"InteractionKind", $1, 'b-rep', to_timestamp(($2::float8 - i::float8 * 17 * 3600000) / 1000),
         'Touch ' || i, 'Notes of touch ' || i, i % 97 = 0
       FROM generate_series(1, $3::int) i`,
      [contactId, now, interactions],
    );
    await c.query(
      `INSERT INTO tickets (subject, contact_id, assignee_id, opened_at, resolved_at, status)
       SELECT 'Ticket ' || i, $1, 'b-rep', to_timestamp(($2::float8 - i::float8 * 9 * 86400000) / 1000), to_timestamp(($2::float8 - i::float8 * 9 * 86400000 + 7200000) / 1000), 'solved'
       FROM generate_series(1, $3::int) i`,
      [contactId, now, tickets],
    );
    await c.query(
      `INSERT INTO tasks (title, contact_id, created_by_id, assignee_id, created_at, completed_at)
       SELECT 'Task ' || i, $1, 'b-rep', 'b-rep', to_timestamp(($2::float8 - i::float8 * 11 * 86400000) / 1000), to_timestamp(($2::float8 - i::float8 * 11 * 86400000 + 86400000) / 1000)
       FROM generate_series(1, $3::int) i`,
      [contactId, now, tasks],
    );
    await c.query("ANALYZE");
    return { contactId };
  } finally {
    await c.end();
  }
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function benchBackend(label: string, open: () => Promise<FreshDb>): Promise<void> {
  const fresh = await open();
  const db = createPrisma(fresh.url, 4);
  try {
    await migrate(fresh.url);
    setDb(db);
    await setPool(new pg.Pool({ connectionString: fresh.url, max: 4 }));
    resetAnalyticsRunner();
    const { contactId } = await build(fresh.url);
    const token = (await createApiToken({ name: "bench", scopes: ["profiles:read", "crm:read"] }, systemActor("Benchmark"))).token;
    // The timeline route's work (the route module itself pulls in next-auth, which a script cannot load):
    // the token lookup, the ref, the person, the page and its JSON.
    const api = async () => {
      if (!(await findApiToken(token, new Date()))) throw new Error("token not found");
      const person = await personFromParams({ ref: `profile_id:${P}` });
      const subject = { familyIds: person.familyIds, contactIds: person.contacts.map((c) => c.id) };
      const page = await personStreamPage(subject, {}, null, 50, await lifecycleSettings());
      const body = JSON.stringify({ data: page.items.map(toApiItem), cursor: { next: page.next } });
      if (page.items.length !== 50 || body.length < 100) throw new Error(`expected 50 items, got ${page.items.length}`);
    };
    const page = async () => {
      const person = await personByProfile(P);
      const data = await personPageData(person, null, new Date());
      if (data.stream.items.length !== 50) throw new Error("the page's stream is short");
    };
    const crmAlone = () => contactTimeline(contactId, {}, null, 50);
    const cdpAlone = () => profileEvents(P, { limit: 50 });
    const runs = { page: [] as number[], api: [] as number[], crm: [] as number[], cdp: [] as number[] };
    for (let i = 0; i < 3; i++) for (const f of [page, api, crmAlone, cdpAlone]) await f();
    // Alternating rounds, so drift on a shared machine hits every measurement alike.
    for (let r = 0; r < ROUNDS; r++) {
      runs.crm.push(await time(crmAlone));
      runs.cdp.push(await time(cdpAlone));
      runs.page.push(await time(page));
      runs.api.push(await time(api));
    }
    const [pageMs, apiMs, crmMs, cdpMs] = [median(runs.page), median(runs.api), median(runs.crm), median(runs.cdp)];
    const alone = crmMs + cdpMs;
    console.log(`\n${label}: one person with ${EVENTS.toLocaleString("en-US")} events and ${CRM_ITEMS} CRM items (medians of ${ROUNDS} rounds)`);
    console.log(`  CRM timeline page alone (50 items)        ${ms(crmMs)}`);
    console.log(`  CDP event page alone (50 events)          ${ms(cdpMs)}`);
    console.log(`  both alone                                ${ms(alone)}`);
    console.log(`  Customer 360 page, server work            ${ms(pageMs)}   ratio ${(pageMs / alone).toFixed(2)} × both alone   ${pageMs < 300 ? "within" : "OVER"} the 300 ms aim`);
    console.log(`  timeline API, first page (limit 50)       ${ms(apiMs)}   ratio ${(apiMs / alone).toFixed(2)} × both alone   ${apiMs < 300 ? "within" : "OVER"} the 300 ms aim`);
  } finally {
    await db.$disconnect();
    setDb(undefined);
    await setPool(undefined);
    await fresh.close();
  }
}

async function main(): Promise<void> {
  console.log(`Customer 360 benchmark on ${os.cpus().length} cores, Node ${process.version}`);
  await benchBackend("Embedded PGlite", freshEmbedded);
  const server = process.env.BENCH_DATABASE_URL;
  if (server) await benchBackend("PostgreSQL (BENCH_DATABASE_URL)", () => freshPostgres(server));
  else console.log("\n(set BENCH_DATABASE_URL=postgres://… to also measure on PostgreSQL)");
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
