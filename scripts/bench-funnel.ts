// npm run bench:funnel [-- --events 1000000 --runs 5 --skip-embedded --skip-10m]
// Loads synthetic resolved people and their events with COPY (not through ingest; on the embedded
// database, whose socket server has no COPY FROM STDIN, as set-based INSERT … SELECT) into a fresh
// embedded database and — when BENCH_DATABASE_URL is set — a fresh database on that PostgreSQL server
// (1M events, then 10M), then prints the median latency of a 5-step funnel with a breakdown, a
// drop-off list, an attribution (five models, by channel) and an audience count through the
// production code (runAnalysis included), each beside its TypeScript reference on the same 1M events
// (the ratio is the reference's time over the SQL's), failing when an answer differs.
//
// The workload (research notes §6.2): 10 events per person over 60 days; 5 funnel events with
// 45 → 25 → 12 → 5 % of people reaching steps 2–5, gaps random²·3 days; 30 % repeat the first
// step; the rest are 16 noise events and page views; 6 channels; 5 % of people have a merged-away
// profile holding their first events.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createPrisma, setDb } from "../lib/db/prisma";
import { setPool } from "../lib/db/pool";
import { migrate } from "../lib/db/migrate";
import { startEmbeddedServer } from "../lib/db/embedded-server";
import { prng } from "../lib/identity/seeded-random";
import { funnelRequestSchema, type FunnelRequest } from "../lib/analytics/funnel-definition";
import { referenceFunnel, type FunnelEvent, type FunnelPerson } from "../lib/analytics/funnels";
import { resetAnalyticsRunner } from "../lib/data/analytics-runner";
import { computeFunnel, funnelPeople } from "../lib/data/analytics/funnels";
import { attribute } from "../lib/data/attribution";
import { countAudience } from "../lib/data/audiences";
import { attributionReference, type AttributionQuery, type AttributionResult, type ReferenceEvent, type ReferencePerson } from "../lib/analytics/attribution";
import { audienceDefinitionSchema, audienceReference, type ReferencePersonData } from "../lib/analytics/audiences";
import { freshPostgres } from "../lib/bench/fresh-db";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    runs: { type: "string", default: "5" },
    "skip-embedded": { type: "boolean", default: false },
    "skip-10m": { type: "boolean", default: false },
  },
});
const RUNS = Number(values.runs);
const START = Date.UTC(2026, 0, 1);
const DAYS = 60;
const DAY = 86_400_000;
const STEPS = ["Landing Viewed", "Signed Up", "Trial Started", "Project Created", "Subscription Started"];
const REACH = [1, 0.45, 0.25 / 0.45, 0.12 / 0.25, 0.05 / 0.12];
const NOISE = Array.from({ length: 16 }, (_, i) => `Noise ${i + 1}`);
const CHANNELS = ["Organic Search", "Paid Search", "Direct", "Paid Social", "Email", "Referral"];
const PLANS = ["free", "pro", "team"];

interface Generated {
  events: number;
  people: number;
  /** Kept only when asked (the reference needs them; 10M would not fit). */
  keep?: { events: FunnelEvent[]; persons: FunnelPerson[]; firstChannel: Map<string, string> };
}

/** The synthetic population, person by person, as COPY text rows for profiles and events. */
function* rowsFor(totalEvents: number, keep: Generated["keep"]): Generator<{ profiles: string; events: string }> {
  const rng = prng(20260101);
  const people = Math.round(totalEvents / 10);
  let seq = 0;
  let made = 0;
  for (let i = 0; i < people && made < totalEvents; i++) {
    const live = `bp-${i}`;
    const channel = rng.pick(CHANNELS);
    const merged = rng.chance(0.05) ? `bp-${i}-m` : null;
    let profiles = `${live}\t\\N\t${channel}\t{"plan":"${rng.pick(PLANS)}"}\n`;
    if (merged) profiles += `${merged}\t${live}\t\\N\t{}\n`;
    keep?.persons.push({ id: live, traits: {}, firstTouch: { channel, utm_source: null, utm_medium: null, utm_campaign: null, referrer: null, landing_page: null } });
    keep?.firstChannel.set(live, channel);
    const budget = i === people - 1 ? totalEvents - made : 10;
    const out: { name: string; t: number; type: string; props: string }[] = [];
    let t = START + Math.floor(rng.next() * DAYS * DAY);
    for (let s = 0; s < STEPS.length && out.length < budget; s++) {
      if (rng.next() >= REACH[s]!) break;
      if (s > 0) t += Math.floor(rng.next() ** 2 * 3 * DAY);
      out.push({ name: STEPS[s]!, t, type: "track", props: `{"plan":"${rng.pick(PLANS)}","seats":${rng.int(1, 20)}}` });
      if (s === 0 && rng.chance(0.3) && out.length < budget) out.push({ name: STEPS[0]!, t: t + rng.int(1, 48) * 3_600_000, type: "track", props: "{}" });
    }
    while (out.length < budget) {
      const page = rng.chance(0.4);
      out.push({ name: page ? "" : rng.pick(NOISE), t: START + Math.floor(rng.next() * DAYS * DAY), type: page ? "page" : "track", props: page ? `{"path":"/p${rng.int(1, 30)}"}` : "{}" });
    }
    let events = "";
    for (const e of out) {
      seq++;
      const profile = merged && e.t < out[0]!.t + DAY ? merged : live;
      const ts = new Date(e.t).toISOString();
      const ch = rng.chance(0.7) ? channel : "Direct";
      events += `${seq}\tbench-web\tbm-${seq}\t${e.type}\t${e.type === "track" ? e.name : "\\N"}\t${profile}\t${ts}\t${ts}\t${ch}\t${e.props}\n`;
      keep?.events.push({
        personId: live,
        seq,
        timestamp: new Date(e.t),
        type: e.type,
        event: e.type === "track" ? e.name : null,
        sourceKind: "web",
        properties: JSON.parse(e.props),
        channel: ch,
        utmSource: null,
        utmMedium: null,
        utmCampaign: null,
        referringDomain: null,
        pagePath: null,
      });
    }
    made += out.length;
    yield { profiles, events };
  }
}

/**
 * Streams COPY text lines into a table. PGlite's socket server does not speak COPY FROM STDIN, so on
 * the embedded database the same lines go in as set-based INSERT … SELECT of 20,000 rows each.
 */
async function copyRows(client: pg.Client, embedded: boolean, table: string, columns: string[], types: string[], lines: () => Generator<string>): Promise<void> {
  if (embedded) {
    const cols = types.map((t, i) => `NULLIF(a[${i + 1}], '\\N')::${t}`).join(", ");
    const sql = `INSERT INTO ${table} (${columns.join(", ")}) SELECT ${cols} FROM unnest($1::text[]) l, LATERAL (SELECT string_to_array(l, E'\\t') AS a) x`;
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length) await client.query(sql, [batch]);
      batch = [];
    };
    for (const chunk of lines())
      for (const l of chunk.split("\n")) {
        if (!l) continue;
        batch.push(l);
        if (batch.length >= 20_000) await flush();
      }
    await flush();
    return;
  }
  await copyStream(client, `COPY ${table} (${columns.join(", ")}) FROM STDIN`, lines);
}

async function copyStream(client: pg.Client, sql: string, lines: () => Generator<string>): Promise<void> {
  const source = Readable.from(
    (function* () {
      let buf = "";
      for (const l of lines()) {
        buf += l;
        if (buf.length > 1 << 20) {
          yield buf;
          buf = "";
        }
      }
      if (buf) yield buf;
    })(),
  );
  await pipeline(source, client.query(copyFrom(sql)));
}

async function load(url: string, events: number, keep: boolean): Promise<Generated> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`INSERT INTO sources (id, name, kind, write_key_hash, write_key_prefix) VALUES ('bench-web', 'Bench web', 'web', 'bench-hash', 'wk_') ON CONFLICT DO NOTHING`);
    const kept = keep ? { events: [] as FunnelEvent[], persons: [] as FunnelPerson[], firstChannel: new Map<string, string>() } : undefined;
    // One generator pass writes both tables: profiles first into a file-free buffer per chunk.
    const profileLines: string[] = [];
    let people = 0;
    const embedded = (await client.query<{ v: string }>("SELECT version() AS v")).rows[0]!.v.includes("PGlite");
    const eventColumns = ["seq", "source_id", "message_id", "type", "event", "profile_id", "timestamp", "received_at", "channel", "properties"];
    const eventTypes = ["bigint", "text", "text", '"EventType"', "text", "text", "timestamptz", "timestamptz", "text", "jsonb"];
    await copyRows(client, embedded, "events", eventColumns, eventTypes, function* () {
      for (const r of rowsFor(events, kept)) {
        people++;
        profileLines.push(r.profiles);
        yield r.events;
      }
    });
    await copyRows(client, embedded, "profiles", ["id", "merged_into_id", "first_channel", "traits"], ["text", "text", "text", "jsonb"], function* () {
      for (const l of profileLines) yield l;
    });
    await client.query(`SELECT setval(pg_get_serial_sequence('events', 'seq'), (SELECT max(seq) FROM events))`);
    await client.query("VACUUM ANALYZE events");
    await client.query("ANALYZE profiles");
    return { events, people, keep: kept };
  } finally {
    await client.end();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

const FUNNEL: FunnelRequest = funnelRequestSchema.parse({
  steps: STEPS.map((event) => ({ event })),
  from: "2026-01-01",
  to: "2026-02-01",
  window: { value: 7, unit: "day" },
  breakdown: { type: "first_touch", property: "channel" },
});

/** Conversions = the funnel's last step, credited to the channels of the sessions in the 30 days before. */
const ATTRIBUTION: AttributionQuery = {
  rule: { event: STEPS[4]!, revenue: false },
  from: new Date(START),
  to: new Date(START + DAYS * DAY),
  lookbackDays: 30,
  dimension: "channel",
  count: "first",
};
/** Started a trial, never subscribed, and first came from paid social: behaviour and a profile field. */
const AUDIENCE_NOW = new Date(START + DAYS * DAY);
const AUDIENCE = audienceDefinitionSchema.parse({
  type: "group",
  match: "all",
  conditions: [
    { type: "event", event: STEPS[2], did: true, window: { type: "ever" } },
    { type: "event", event: STEPS[4], did: false, window: { type: "ever" } },
    { type: "profile", field: "first_channel", op: "eq", value: "Paid Social" },
  ],
});

/** The same attribution up to floating-point summation order (as the integration tests compare them). */
function sameCredits(a: AttributionResult, b: AttributionResult): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  const { conversions, people, withTouches, touches } = a.totals;
  const t = b.totals;
  if (conversions !== t.conversions || people !== t.people || withTouches !== t.withTouches || touches !== t.touches || !close(a.totals.revenue, t.revenue)) return false;
  const rows = new Map(b.rows.map((r) => [r.key, r]));
  if (rows.size !== a.rows.length) return false;
  return a.rows.every((r) => {
    const o = rows.get(r.key);
    return !!o && Object.entries(r.credits).every(([col, c]) => {
      const d = o.credits[col as keyof typeof o.credits];
      return close(c.conversions, d.conversions) && close(c.revenue, d.revenue);
    });
  });
}

async function measure(label: string, url: string, events: number, withReference: boolean): Promise<void> {
  const t0 = performance.now();
  const data = await load(url, events, withReference);
  const loadS = (performance.now() - t0) / 1000;
  const how = label.startsWith("Embedded") ? "INSERT … SELECT" : "COPY";
  const db = createPrisma(url, 2);
  setDb(db);
  await setPool(new pg.Pool({ connectionString: url, max: 2 }));
  resetAnalyticsRunner();
  try {
    let result = await computeFunnel(FUNNEL);
    const funnelMs = await time(RUNS, async () => (result = await computeFunnel(FUNNEL)));
    const peopleMs = await time(RUNS, () => funnelPeople(FUNNEL, { step: 3, outcome: "dropped", limit: 25, offset: 0 }));
    const f = (ms: number) => `${Math.round(ms).toLocaleString("en-US")} ms`.padStart(10);
    console.log(`\n${label}: ${data.events.toLocaleString("en-US")} events, ${data.people.toLocaleString("en-US")} people (loaded with ${how} in ${loadS.toFixed(1)} s)`);
    console.log(`  5-step funnel + first-touch breakdown   median ${f(funnelMs)}   (people per step: ${result.steps.map((s) => s.people).join(" → ")})`);
    console.log(`  drop-off list (step 3, 25 people)       median ${f(peopleMs)}`);
    let credited = await attribute(ATTRIBUTION);
    const attributionMs = await time(RUNS, async () => (credited = await attribute(ATTRIBUTION)));
    let members = await countAudience(AUDIENCE, AUDIENCE_NOW);
    const audienceMs = await time(RUNS, async () => (members = await countAudience(AUDIENCE, AUDIENCE_NOW)));
    console.log(`  attribution, 5 models by channel        median ${f(attributionMs)}   (${credited.totals.conversions.toLocaleString("en-US")} conversions)`);
    console.log(`  audience count (behaviour + profile)    median ${f(audienceMs)}   (${members.toLocaleString("en-US")} people)`);
    if (data.keep) {
      const { events: evs, persons, firstChannel } = data.keep;
      let ref = referenceFunnel(FUNNEL, evs, persons).result;
      const refMs = await time(Math.min(RUNS, 3), async () => (ref = referenceFunnel(FUNNEL, evs, persons).result));
      const same = JSON.stringify(ref) === JSON.stringify(result);
      console.log(`  TypeScript reference, same funnel       median ${f(refMs)}   ratio reference/SQL ${(refMs / funnelMs).toFixed(1)}×   ${same ? "✓ same answer" : "✖ DIFFERENT ANSWER"}`);
      if (!same) process.exitCode = 1;

      // The attribution and audience references over the same events, shaped as their tests shape them.
      const refEvents: ReferenceEvent[] = evs.map((e) => ({ personId: e.personId, seq: e.seq, at: e.timestamp, type: e.type, sourceKind: e.sourceKind, channel: e.channel, pagePath: e.pagePath, referrer: null, utmCampaign: e.utmCampaign, event: e.event, properties: e.properties }));
      const refPeople: ReferencePerson[] = persons.map((p) => ({ id: p.id, firstChannel: firstChannel.get(p.id) ?? null, firstCampaign: null, hasFirstTouch: false }));
      let refCredited = attributionReference(refEvents, refPeople, ATTRIBUTION);
      const refAttributionMs = await time(Math.min(RUNS, 3), async () => (refCredited = attributionReference(refEvents, refPeople, ATTRIBUTION)));
      const sameAttribution = sameCredits(credited, refCredited);
      console.log(`  TypeScript reference, attribution       median ${f(refAttributionMs)}   ratio reference/SQL ${(refAttributionMs / attributionMs).toFixed(1)}×   ${sameAttribution ? "✓ same answer" : "✖ DIFFERENT ANSWER"}`);
      if (!sameAttribution) {
        console.log(`    SQL:       ${JSON.stringify(credited)}\n    reference: ${JSON.stringify(refCredited)}`);
        process.exitCode = 1;
      }

      const byPerson = new Map<string, ReferencePersonData>(persons.map((p) => [p.id, { id: p.id, traits: {}, revenue: 0, eventCount: 0, firstChannel: firstChannel.get(p.id) ?? null, firstUtmSource: null, firstUtmCampaign: null, events: [], contacts: [], interactions: [] }]));
      for (const e of evs) if (e.personId && e.type === "track") byPerson.get(e.personId)!.events.push({ event: e.event, type: e.type, at: e.timestamp });
      const audiencePeople = [...byPerson.values()];
      let refMembers = audienceReference(AUDIENCE, audiencePeople, AUDIENCE_NOW).length;
      const refAudienceMs = await time(Math.min(RUNS, 3), async () => (refMembers = audienceReference(AUDIENCE, audiencePeople, AUDIENCE_NOW).length));
      const sameAudience = refMembers === members;
      console.log(`  TypeScript reference, audience count    median ${f(refAudienceMs)}   ratio reference/SQL ${(refAudienceMs / audienceMs).toFixed(1)}×   ${sameAudience ? "✓ same answer" : `✖ DIFFERENT ANSWER (${refMembers})`}`);
      if (!sameAudience) process.exitCode = 1;
    }
  } finally {
    await db.$disconnect();
    setDb(undefined);
    await setPool(undefined);
  }
}

async function main(): Promise<void> {
  const events = Number(values.events);
  console.log(`Funnel benchmark on ${os.cpus().length} cores, Node ${process.version}`);
  if (!values["skip-embedded"]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-funnel-"));
    const server = await startEmbeddedServer({ dir: path.join(dir, "pglite") });
    try {
      await migrate(server.url);
      // The embedded database refuses ranges over TANDEM_ANALYTICS_MAX_EVENTS (2M by default).
      await measure("Embedded PGlite", server.url, events, true);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    console.log("\n(Set BENCH_DATABASE_URL=postgres://… to measure on a PostgreSQL server too, at 1M and 10M events.)");
    return;
  }
  for (const n of values["skip-10m"] ? [events] : [events, events * 10]) {
    const fresh = await freshPostgres(serverUrl);
    try {
      await migrate(fresh.url);
      await measure("PostgreSQL (BENCH_DATABASE_URL)", fresh.url, n, n === events);
    } finally {
      await fresh.close();
    }
  }
}

void main();
