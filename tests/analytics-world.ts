// A random population of resolved people and their events for the analytics equivalence tests: SQL
// in lib/data is compared with the plain TypeScript references in lib/analytics on the same rows.
// Deliberately awkward: simultaneous events, gaps of exactly 30 minutes, server and CRM sources,
// profiles merged into others (events still stamped with the merged-away id), anonymous browsing
// before sign-up, revenue as numbers, numeric strings, zero and refunds, events with no profile.
// For funnels (drawn from a second generator, so the first one's sequence — and the worlds the other
// suites were written against — stays as it was): a merged person's first visit is anonymous (on the
// merged-away profile), track events carry plan / seats (numbers and numeric strings) / trial
// properties, page views a path, and live profiles a first-touch channel and traits.
// Rows go in directly (not through ingest): the point is the analysis, not resolution.
import { prng, type Rng } from "../lib/identity/seeded-random";
import type { Db } from "../lib/db/prisma";
import type { ReferencePersonData } from "../lib/analytics/audiences";
import type { FunnelEvent } from "../lib/analytics/funnels";

export interface WorldSource {
  id: string;
  kind: "web" | "mobile" | "server" | "crm";
}
export interface WorldProfile {
  id: string;
  mergedIntoId: string | null;
  firstChannel: string | null;
  firstUtmSource: string | null;
  traits: Record<string, unknown>;
}
export interface WorldEvent {
  messageId: string;
  sourceId: string;
  type: "track" | "page" | "screen" | "identify" | "group" | "alias";
  event: string | null;
  name: string | null;
  profileId: string | null;
  timestamp: Date;
  channel: string | null;
  pagePath: string | null;
  referrer: string | null;
  utmCampaign: string | null;
  properties: Record<string, unknown>;
}
/** What a live profile holds besides its events (the audience conditions read these as they are). */
export interface WorldProfileFacts {
  id: string;
  traits: Record<string, unknown>;
  firstChannel: string | null;
  firstUtmSource: string | null;
  firstUtmCampaign: string | null;
  firstTouchAt: Date | null;
  totalRevenue: string;
  eventCount: number;
}
export interface WorldUser {
  id: string;
  name: string;
}
export interface WorldContact {
  id: string;
  email: string;
  /** A profile of the person's family (sometimes the merged-away one), or null (not linked). */
  profileId: string | null;
  lifecycleStage: string;
  ownerId: string | null;
}
export interface WorldInteraction {
  id: string;
  contactId: string;
  kind: string;
  occurredAt: Date;
}
export interface World {
  sources: WorldSource[];
  profiles: WorldProfile[];
  events: WorldEvent[];
  users: WorldUser[];
  facts: WorldProfileFacts[];
  contacts: WorldContact[];
  interactions: WorldInteraction[];
}

export const WORLD_SOURCES: WorldSource[] = [
  { id: "w-web", kind: "web" },
  { id: "w-mobile", kind: "mobile" },
  { id: "w-server", kind: "server" },
  { id: "w-crm", kind: "crm" },
];
export const WORLD_CHANNELS = ["Direct", "Organic Search", "Paid Search", "Paid Social", "Email", "Referral"] as const;
export const WORLD_TRACKS = ["Signed Up", "Trial Started", "Project Created", "Report Viewed", "Plan Selected", "Subscription Started", "Invite Sent"] as const;
export const WORLD_PAGES = ["/", "/pricing", "/blog/a", "/signup", "/app", "/app/billing"] as const;
export const WORLD_PLANS = ["free", "pro", "team"] as const;
export const WORLD_USERS: WorldUser[] = [
  { id: "w-user-priya", name: "Priya" },
  { id: "w-user-marc", name: "Marc" },
  { id: "w-user-ines", name: "Inès" },
];
export const WORLD_STAGES = ["lead", "mql", "sql", "opportunity", "customer", "other"] as const;
export const WORLD_INTERACTIONS = ["call", "email", "meeting", "demo", "note"] as const;
const MIN = 60_000;

export interface WorldOptions {
  people?: number;
  /** Start of the world (UTC). */
  start?: Date;
  days?: number;
}

function revenueValue(rng: Rng): unknown {
  return rng.weighted<unknown>([
    [49, 4],
    ["99.00", 2],
    [0, 1],
    [-49, 1],
    ["n/a", 1],
    [12.5, 2],
  ]);
}

function trackProperties(rng: Rng): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  if (rng.chance(0.7)) p.plan = rng.pick(WORLD_PLANS);
  if (rng.chance(0.6)) p.seats = rng.weighted<unknown>([[rng.int(1, 20), 3], [String(rng.int(1, 20)), 2], [" 7 ", 1], ["many", 1], [null, 1]]);
  if (rng.chance(0.3)) p.trial = rng.chance(0.5);
  return p;
}

/** A deterministic world for `seed`. */
export function generateWorld(seed: number, opts: WorldOptions = {}): World {
  const rng = prng(seed);
  const extra = prng(seed * 7919 + 17);
  const people = opts.people ?? 40;
  const start = (opts.start ?? new Date("2026-03-01T00:00:00Z")).getTime();
  const days = opts.days ?? 30;
  const profiles: WorldProfile[] = [];
  const events: WorldEvent[] = [];
  let n = 0;
  const add = (e: Omit<WorldEvent, "messageId">) => events.push({ ...e, messageId: `m-${seed}-${++n}` });

  for (let i = 0; i < people; i++) {
    const live = `p-${seed}-${i}`;
    profiles.push({
      id: live,
      mergedIntoId: null,
      firstChannel: extra.chance(0.85) ? extra.pick(WORLD_CHANNELS) : null,
      firstUtmSource: extra.chance(0.4) ? extra.pick(["google", "facebook", "newsletter"]) : null,
      traits: extra.chance(0.8) ? { plan: extra.pick(WORLD_PLANS), seats: extra.int(1, 4), vip: extra.chance(0.2), company: `co-${extra.int(1, 40)}` } : {},
    });
    // Some people are two profiles merged into one; their older events keep the merged-away id.
    const family = [live];
    let anonymous: string | null = null;
    if (rng.chance(0.3)) {
      const gone = `p-${seed}-${i}-m`;
      profiles.push({ id: gone, mergedIntoId: live, firstChannel: null, firstUtmSource: null, traits: {} });
      family.push(gone);
      // Half of them browsed anonymously first: the whole first visit is on the merged-away profile.
      if (extra.chance(0.5)) anonymous = gone;
    }
    let t = start + rng.int(0, days * 24 * 60) * MIN;
    const visits = rng.int(1, 6);
    for (let v = 0; v < visits; v++) {
      const channel = rng.pick(WORLD_CHANNELS);
      const sourceId = rng.chance(0.8) ? "w-web" : "w-mobile";
      const steps = rng.int(1, 6);
      for (let s = 0; s < steps; s++) {
        const picked = rng.pick(family);
        const profileId = anonymous && v === 0 ? anonymous : picked;
        const page = rng.chance(0.6);
        const props: Record<string, unknown> = page ? { path: extra.pick(WORLD_PAGES) } : trackProperties(extra);
        add({
          sourceId,
          type: page ? (sourceId === "w-mobile" ? "screen" : "page") : "track",
          event: page ? null : rng.pick(WORLD_TRACKS),
          name: page ? rng.pick(WORLD_PAGES) : null,
          profileId,
          timestamp: new Date(t),
          channel: s === 0 ? channel : rng.chance(0.2) ? null : "Direct",
          pagePath: rng.pick(WORLD_PAGES),
          referrer: s === 0 && rng.chance(0.5) ? "https://ref.example/" : null,
          utmCampaign: s === 0 && rng.chance(0.4) ? `c-${rng.int(1, 3)}` : null,
          properties: rng.chance(0.1) ? { ...props, revenue: revenueValue(rng) } : props,
        });
        // Gaps right at the session boundary, simultaneous events, and ordinary ones.
        t += rng.weighted<number>([
          [0, 2],
          [30 * MIN, 2],
          [30 * MIN + 1, 2],
          [rng.int(1, 29) * MIN, 6],
        ]);
      }
      // Things that never make or extend a session: server calls, CRM copies, identifies.
      if (rng.chance(0.5))
        add({ sourceId: "w-server", type: "track", event: rng.pick(WORLD_TRACKS), name: null, profileId: rng.pick(family), timestamp: new Date(t + rng.int(0, 20) * MIN), channel: "Direct", pagePath: null, referrer: null, utmCampaign: null, properties: rng.chance(0.5) ? { revenue: revenueValue(rng) } : {} });
      if (rng.chance(0.3))
        add({ sourceId: "w-crm", type: "track", event: rng.pick(["Call Logged", "Demo Held", "Signed Up"]), name: null, profileId: live, timestamp: new Date(t + rng.int(0, 20) * MIN), channel: null, pagePath: null, referrer: null, utmCampaign: null, properties: { revenue: 10 } });
      if (rng.chance(0.3))
        add({ sourceId: "w-web", type: "identify", event: null, name: null, profileId: live, timestamp: new Date(t), channel: "Direct", pagePath: "/", referrer: null, utmCampaign: null, properties: {} });
      t += rng.int(31, 60 * 24 * 3) * MIN;
    }
    // A purchase days after the last visit, far from any session (no touch in a short lookback).
    if (rng.chance(0.25))
      add({ sourceId: "w-server", type: "track", event: "Subscription Started", name: null, profileId: rng.pick(family), timestamp: new Date(t + rng.int(1, 10) * 24 * 60 * MIN), channel: null, pagePath: null, referrer: null, utmCampaign: null, properties: { revenue: 49 } });
  }
  // Events no profile holds (never counted).
  add({ sourceId: "w-web", type: "page", event: null, name: "/", profileId: null, timestamp: new Date(start), channel: "Direct", pagePath: "/", referrer: null, utmCampaign: null, properties: {} });
  // Shuffle so ingest order (seq) disagrees with time order.
  const shuffled = rng.shuffle(events);
  return { sources: WORLD_SOURCES, profiles, events: shuffled, users: WORLD_USERS, ...crmWorld(seed, profiles, start, days) };
}

/**
 * Profile facts, CRM contacts and interactions, from a random stream of their own (so the events of
 * a seed stay what they were). The facts are inputs of their own here, not derived from the events:
 * the audience tests read both implementations' inputs from the same stored rows.
 */
function crmWorld(seed: number, profiles: WorldProfile[], start: number, days: number): Pick<World, "facts" | "contacts" | "interactions"> {
  const rng = prng(seed ^ 0x5eed1e55);
  const facts: WorldProfileFacts[] = [];
  const contacts: WorldContact[] = [];
  const interactions: WorldInteraction[] = [];
  const live = profiles.filter((p) => p.mergedIntoId === null);
  for (const p of live) {
    const traits: Record<string, unknown> = {};
    if (rng.chance(0.7)) traits.plan = rng.pick(["free", "pro", "Pro", "business"]);
    if (rng.chance(0.5)) traits.seats = rng.weighted<unknown>([[rng.int(1, 40), 3], [String(rng.int(1, 40)), 2], ["many", 1]]);
    if (rng.chance(0.2)) traits.company = rng.pick(["Acme", "Acme Corp", "Globex"]);
    if (rng.chance(0.1)) traits.plan = null;
    const touched = rng.chance(0.8);
    facts.push({
      id: p.id,
      traits,
      firstChannel: touched ? rng.pick(WORLD_CHANNELS) : null,
      firstUtmSource: touched && rng.chance(0.5) ? rng.pick(["google", "facebook", "newsletter"]) : null,
      firstUtmCampaign: touched && rng.chance(0.4) ? `c-${rng.int(1, 3)}` : null,
      firstTouchAt: touched ? new Date(start + rng.int(0, days * 24 * 60) * MIN) : null,
      totalRevenue: rng.weighted<string>([["0.00", 4], ["49.00", 2], ["999.99", 1], ["1000.00", 1], ["1000.01", 1], [`${rng.int(1, 5000)}.50`, 2]]),
      eventCount: rng.int(0, 30),
    });
    // Two in three people have a CRM contact, a few have two; most are linked, some through a merged-away profile.
    const family = [p.id, ...profiles.filter((x) => x.mergedIntoId === p.id).map((x) => x.id)];
    const n = rng.weighted<number>([[0, 3], [1, 6], [2, 1]]);
    for (let c = 0; c < n; c++) {
      const id = `c-${p.id}-${c}`;
      contacts.push({
        id,
        email: `${id}@world.example`,
        profileId: rng.chance(0.9) ? rng.pick(family) : null,
        lifecycleStage: rng.pick(WORLD_STAGES),
        ownerId: rng.chance(0.8) ? rng.pick(WORLD_USERS).id : null,
      });
      const k = rng.int(0, 4);
      for (let i = 0; i < k; i++) {
        interactions.push({ id: `${id}-i${i}`, contactId: id, kind: rng.pick(WORLD_INTERACTIONS), occurredAt: new Date(start + rng.int(0, days * 24 * 60) * MIN) });
      }
    }
  }
  return { facts, contacts, interactions };
}

/** Writes the world's rows (sources, users, profiles, events, contacts, interactions) in a few set-based statements. */
export async function loadWorld(db: Db, world: World): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO users (id, email, name, password_hash, role)
     SELECT r.id, r.id || '@world.example', r.name, 'x', 'sales' FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text)
     ON CONFLICT (id) DO NOTHING`,
    JSON.stringify(world.users),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO sources (id, name, kind, write_key_hash, write_key_prefix)
     SELECT r.id, r.id, r.kind::"SourceKind", 'hash-' || r.id, 'wk_' FROM jsonb_to_recordset($1::jsonb) AS r(id text, kind text)
     ON CONFLICT (id) DO NOTHING`,
    JSON.stringify(world.sources),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO profiles (id, merged_into_id, first_channel, first_utm_source, traits)
     SELECT r.id, r.merged_into_id, r.first_channel, r.first_utm_source, r.traits
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, merged_into_id text, first_channel text, first_utm_source text, traits jsonb)`,
    JSON.stringify(world.profiles.map((p) => ({ id: p.id, merged_into_id: p.mergedIntoId, first_channel: p.firstChannel, first_utm_source: p.firstUtmSource, traits: p.traits }))),
  );
  await db.$executeRawUnsafe(
    `UPDATE profiles p SET traits = r.traits, first_channel = r.first_channel, first_utm_source = r.first_utm_source, first_utm_campaign = r.first_utm_campaign,
       first_touch_at = r.first_touch_at, total_revenue = r.total_revenue::numeric, event_count = r.event_count
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, traits jsonb, first_channel text, first_utm_source text, first_utm_campaign text, first_touch_at timestamptz,
       total_revenue text, event_count int)
     WHERE p.id = r.id`,
    JSON.stringify(
      world.facts.map((f) => ({
        id: f.id,
        traits: f.traits,
        first_channel: f.firstChannel,
        first_utm_source: f.firstUtmSource,
        first_utm_campaign: f.firstUtmCampaign,
        first_touch_at: f.firstTouchAt?.toISOString() ?? null,
        total_revenue: f.totalRevenue,
        event_count: f.eventCount,
      })),
    ),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO contacts (id, email, profile_id, lifecycle_stage, owner_id)
     SELECT r.id, r.email, r.profile_id, r.lifecycle_stage::"LifecycleStage", r.owner_id FROM jsonb_to_recordset($1::jsonb) AS r(id text, email text, profile_id text, lifecycle_stage text, owner_id text)`,
    JSON.stringify(world.contacts.map((c) => ({ id: c.id, email: c.email, profile_id: c.profileId, lifecycle_stage: c.lifecycleStage, owner_id: c.ownerId }))),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO interactions (id, kind, contact_id, occurred_at)
     SELECT r.id, r.kind::"InteractionKind", r.contact_id, r.occurred_at FROM jsonb_to_recordset($1::jsonb) AS r(id text, kind text, contact_id text, occurred_at timestamptz)`,
    JSON.stringify(world.interactions.map((i) => ({ id: i.id, kind: i.kind, contact_id: i.contactId, occurred_at: i.occurredAt.toISOString() }))),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO events (source_id, message_id, type, event, name, profile_id, timestamp, received_at, channel, page_path, referrer, utm_campaign, properties)
     SELECT r.source_id, r.message_id, r.type::"EventType", r.event, r.name, r.profile_id, r.timestamp, r.timestamp, r.channel, r.page_path, r.referrer,
       r.utm_campaign, r.properties
     FROM jsonb_to_recordset($1::jsonb) AS r(source_id text, message_id text, type text, event text, name text, profile_id text, timestamp timestamptz,
       channel text, page_path text, referrer text, utm_campaign text, properties jsonb)`,
    JSON.stringify(
      world.events.map((e) => ({
        source_id: e.sourceId,
        message_id: e.messageId,
        type: e.type,
        event: e.event,
        name: e.name,
        profile_id: e.profileId,
        timestamp: e.timestamp.toISOString(),
        channel: e.channel,
        page_path: e.pagePath,
        referrer: e.referrer,
        utm_campaign: e.utmCampaign,
        properties: e.properties,
      })),
    ),
  );
}

export interface StoredWorldEvent extends WorldEvent {
  seq: number;
  sourceKind: string;
  /** The live person (the profile's survivor), or null. */
  personId: string | null;
}

/** The world's events as stored (with seq), each with its live person — what a reference reads. */
export async function readWorld(db: Db): Promise<StoredWorldEvent[]> {
  const rows = await db.$queryRawUnsafe<
    { seq: bigint; message_id: string; source_id: string; kind: string; type: string; event: string | null; name: string | null; profile_id: string | null; merged_into_id: string | null; timestamp: Date; channel: string | null; page_path: string | null; referrer: string | null; utm_campaign: string | null; properties: Record<string, unknown> }[]
  >(`SELECT e.seq, e.message_id, e.source_id, s.kind::text AS kind, e.type::text AS type, e.event, e.name, e.profile_id, p.merged_into_id, e.timestamp,
       e.channel, e.page_path, e.referrer, e.utm_campaign, e.properties
     FROM events e JOIN sources s ON s.id = e.source_id LEFT JOIN profiles p ON p.id = e.profile_id ORDER BY e.seq`);
  return rows.map((r) => ({
    seq: Number(r.seq),
    messageId: r.message_id,
    sourceId: r.source_id,
    sourceKind: r.kind,
    type: r.type as WorldEvent["type"],
    event: r.event,
    name: r.name,
    profileId: r.profile_id,
    personId: r.profile_id ? (r.merged_into_id ?? r.profile_id) : null,
    timestamp: r.timestamp,
    channel: r.channel,
    pagePath: r.page_path,
    referrer: r.referrer,
    utmCampaign: r.utm_campaign,
    properties: r.properties,
  }));
}

/** A live profile as the audience reference reads it (without its events), with its first-touch time. */
export interface StoredWorldPerson extends Omit<ReferencePersonData, "events" | "contacts"> {
  firstTouchAt: Date | null;
  /** The CRM contacts linked to the person's profile family. */
  contacts: { id: string; lifecycleStage: string; ownerId: string | null }[];
}

/** Every live profile as stored, with its linked contacts and their interactions — what a reference reads. */
export async function readWorldPeople(db: Db): Promise<StoredWorldPerson[]> {
  const profiles = await db.$queryRawUnsafe<
    { id: string; traits: Record<string, unknown>; revenue: string; event_count: number; first_channel: string | null; first_utm_source: string | null; first_utm_campaign: string | null; first_touch_at: Date | null }[]
  >(`SELECT id, traits, total_revenue::text AS revenue, event_count, first_channel, first_utm_source, first_utm_campaign, first_touch_at FROM profiles WHERE merged_into_id IS NULL`);
  const contacts = await db.$queryRawUnsafe<{ id: string; person_id: string; lifecycle_stage: string; owner_id: string | null }[]>(
    `SELECT c.id, COALESCE(p.merged_into_id, p.id) AS person_id, c.lifecycle_stage::text AS lifecycle_stage, c.owner_id FROM contacts c JOIN profiles p ON p.id = c.profile_id`,
  );
  const interactions = await db.$queryRawUnsafe<{ contact_id: string; kind: string; occurred_at: Date }[]>(`SELECT contact_id, kind::text AS kind, occurred_at FROM interactions WHERE contact_id IS NOT NULL`);
  const people = new Map<string, StoredWorldPerson>(
    profiles.map((p) => [
      p.id,
      {
        id: p.id,
        traits: p.traits,
        revenue: Number(p.revenue),
        eventCount: p.event_count,
        firstChannel: p.first_channel,
        firstUtmSource: p.first_utm_source,
        firstUtmCampaign: p.first_utm_campaign,
        firstTouchAt: p.first_touch_at,
        contacts: [],
        interactions: [],
      },
    ]),
  );
  const owner = new Map<string, StoredWorldPerson>();
  for (const c of contacts) {
    const p = people.get(c.person_id);
    if (!p) continue;
    p.contacts.push({ id: c.id, lifecycleStage: c.lifecycle_stage, ownerId: c.owner_id });
    owner.set(c.id, p);
  }
  for (const i of interactions) owner.get(i.contact_id)?.interactions.push({ kind: i.kind, at: i.occurred_at });
  return [...people.values()];
}

/** Stored events in the shape the pure references read (lib/analytics/{attribution,paths}.ts). */
export function referenceEvents(stored: StoredWorldEvent[]) {
  return stored.map((e) => ({
    seq: e.seq,
    at: e.timestamp,
    type: e.type,
    sourceKind: e.sourceKind,
    channel: e.channel,
    pagePath: e.pagePath,
    referrer: e.referrer,
    utmCampaign: e.utmCampaign,
    personId: e.personId,
    event: e.event,
    name: e.name,
    properties: e.properties,
  }));
}

/** Stored events as the funnel reference reads them (resolved ones only); `touch` gives the columns readWorld leaves out. */
export function funnelEventsOf(
  stored: StoredWorldEvent[],
  touch: (seq: number) => { utm_source: string | null; utm_medium: string | null; referring_domain: string | null } | undefined = () => undefined,
): FunnelEvent[] {
  return stored
    .filter((e) => e.personId)
    .map((e) => ({
      personId: e.personId!,
      seq: e.seq,
      timestamp: e.timestamp,
      type: e.type,
      event: e.event,
      sourceKind: e.sourceKind,
      properties: e.properties,
      channel: e.channel,
      utmSource: touch(e.seq)?.utm_source ?? null,
      utmMedium: touch(e.seq)?.utm_medium ?? null,
      utmCampaign: e.utmCampaign,
      referringDomain: touch(e.seq)?.referring_domain ?? null,
      pagePath: e.pagePath,
    }));
}
