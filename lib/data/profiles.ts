// Customer profiles, read side: find a profile by any identifier (an old, merged-away id resolves to its
// survivor), its traits with their source, first touch and computed traits, its identifiers, its
// event stream (keyset-paged, newest first), its merge journal, the Customers table and the profile
// page's bundle. The only module the Profile API and the Customers pages read profiles through.
//
// A profile's "family" is the live profile and every profile merged into it (merged_into_id is kept
// flat: it always names the live survivor). Events, journal entries, contacts and accounts are read
// for the whole family, so rows still stamped with a merged-away id are never lost.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { normalizeIdentifierValue } from "../identity/identifiers";
import { parseProfileRef, type ProfileRef } from "../identity/profile-ref";
import { profileDisplayName, type CustomerSort, type CustomersView } from "../identity/customers-view";

export type { ProfileRef };

export const INVALID_CURSOR_MESSAGE = "The cursor is not one this API gave out; start again without `next` and follow cursor.next.";

export class ProfileQueryError extends Error {
  constructor(
    readonly code: "invalid_cursor",
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;
const asObject = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});

// ───────────────────────────── finding a profile ─────────────────────────────

/**
 * The canonical (live) profile id for a ref, or null. A profile_id of a merged-away profile resolves
 * to its survivor; an identifier resolves through identities (whose profile is always live, followed
 * to the survivor anyway in case a merge is mid-flight).
 */
export async function findProfile(ref: ProfileRef): Promise<string | null> {
  let id: string | null;
  if (ref.kind === "profile_id") id = ref.id;
  else {
    const rows = await db().$queryRaw<{ profile_id: string }[]>`SELECT profile_id FROM identities WHERE type = ${ref.type} AND value = ${ref.value}`;
    id = rows[0]?.profile_id ?? null;
  }
  // merged_into_id is kept flat, so this is one lookup; the bound only guards a corrupt chain.
  for (let hops = 0; id && hops < 8; hops++) {
    const rows: { id: string; merged_into_id: string | null }[] = await db().$queryRaw`SELECT id, merged_into_id FROM profiles WHERE id = ${id}`;
    if (!rows[0]) return null;
    if (!rows[0].merged_into_id) return rows[0].id;
    id = rows[0].merged_into_id;
  }
  return null;
}

/** The live profile and every profile merged into it, the live one first. */
async function familyIds(id: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`SELECT id FROM profiles WHERE merged_into_id = ${id} ORDER BY seq`;
  return [id, ...rows.map((r) => r.id)];
}

const textArray = (ids: string[]) => Prisma.sql`${ids}::text[]`;

// ───────────────────────────── traits ─────────────────────────────

export interface TraitValue {
  key: string;
  value: unknown;
  sourceId: string | null;
  sourceName: string | null;
  /** When the event that set the value happened. */
  at: Date | null;
  messageId: string | null;
}

export interface FirstTouch {
  at: Date | null;
  channel: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  referrer: string | null;
  landingPage: string | null;
}

export interface ComputedTraits {
  eventCount: number;
  totalRevenue: number;
  lastEventName: string | null;
  lastEventAt: Date | null;
  firstSeen: Date | null;
  lastSeen: Date | null;
}

export interface ProfileTraits {
  id: string;
  createdAt: Date;
  traits: TraitValue[];
  computed: ComputedTraits;
  firstTouch: FirstTouch | null;
}

interface RawProfile {
  id: string;
  traits: Json;
  trait_meta: Json;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
  first_channel: string | null;
  first_utm_source: string | null;
  first_utm_medium: string | null;
  first_utm_campaign: string | null;
  first_referrer: string | null;
  first_landing_page: string | null;
  first_touch_at: Date | null;
  event_count: number;
  revenue: number;
  last_event_name: string | null;
  last_event_at: Date | null;
  created_at: Date;
}

/** Traits (latest value per key, with the source and time that set it), computed traits and first touch. */
export async function profileTraits(id: string): Promise<ProfileTraits | null> {
  const rows = await db().$queryRaw<RawProfile[]>`
    SELECT id, traits, trait_meta, first_seen_at, last_seen_at, first_channel, first_utm_source, first_utm_medium,
      first_utm_campaign, first_referrer, first_landing_page, first_touch_at, event_count, total_revenue::float8 AS revenue,
      last_event_name, last_event_at, created_at
    FROM profiles WHERE id = ${id}`;
  const p = rows[0];
  if (!p) return null;
  const traits = asObject(p.traits);
  const meta = asObject(p.trait_meta);
  const metaOf = (key: string) => asObject(meta[key]);
  const sourceIds = [...new Set(Object.keys(traits).map((k) => metaOf(k).source).filter((s): s is string => typeof s === "string"))];
  const sources = sourceIds.length
    ? new Map((await db().$queryRaw<{ id: string; name: string }[]>`SELECT id, name FROM sources WHERE id = ANY(${textArray(sourceIds)})`).map((s) => [s.id, s.name]))
    : new Map<string, string>();
  const list: TraitValue[] = Object.keys(traits)
    .sort()
    .map((key) => {
      const m = metaOf(key);
      const source = typeof m.source === "string" ? m.source : null;
      const at = typeof m.at === "string" && !Number.isNaN(Date.parse(m.at)) ? new Date(m.at) : null;
      return { key, value: traits[key], sourceId: source, sourceName: source ? (sources.get(source) ?? null) : null, at, messageId: typeof m.messageId === "string" ? m.messageId : null };
    });
  const hasTouch = p.first_touch_at || p.first_channel || p.first_landing_page || p.first_referrer || p.first_utm_source;
  return {
    id: p.id,
    createdAt: p.created_at,
    traits: list,
    computed: {
      eventCount: p.event_count,
      totalRevenue: p.revenue,
      lastEventName: p.last_event_name,
      lastEventAt: p.last_event_at,
      firstSeen: p.first_seen_at,
      lastSeen: p.last_seen_at,
    },
    firstTouch: hasTouch
      ? {
          at: p.first_touch_at,
          channel: p.first_channel,
          utmSource: p.first_utm_source,
          utmMedium: p.first_utm_medium,
          utmCampaign: p.first_utm_campaign,
          referrer: p.first_referrer,
          landingPage: p.first_landing_page,
        }
      : null,
  };
}

// ───────────────────────────── identifiers ─────────────────────────────

export interface ProfileIdentity {
  type: string;
  value: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** Every identifier of the profile, by type then first seen. */
export async function profileExternalIds(id: string): Promise<ProfileIdentity[]> {
  const rows = await db().$queryRaw<{ type: string; value: string; first_seen_at: Date; last_seen_at: Date }[]>`
    SELECT type, value, first_seen_at, last_seen_at FROM identities WHERE profile_id = ANY(${textArray(await familyIds(id))})
    ORDER BY CASE type WHEN 'user_id' THEN 0 WHEN 'email' THEN 1 WHEN 'phone' THEN 2 WHEN 'anonymous_id' THEN 4 ELSE 3 END, type, first_seen_at, value`;
  return rows.map((r) => ({ type: r.type, value: r.value, firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at }));
}

// ───────────────────────────── events ─────────────────────────────

export const EVENTS_DEFAULT_LIMIT = 20;
export const EVENTS_MAX_LIMIT = 200;

export interface ProfileEvent {
  seq: string;
  type: string;
  event: string | null;
  name: string | null;
  /** What the event is called: the track event, the page/screen name, else the call type. */
  label: string;
  sourceId: string;
  /** The source's name (null when the source was deleted). */
  sourceName: string | null;
  messageId: string;
  timestamp: Date;
  receivedAt: Date;
  userId: string | null;
  anonymousId: string | null;
  properties: Json;
  traits: Json;
  context: Json;
  channel: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  pageUrl: string | null;
  pagePath: string | null;
  referrer: string | null;
}

export interface ProfileEventsPage {
  events: ProfileEvent[];
  /** Opaque; pass back for the next (older) page. Null on the last page. */
  nextCursor: string | null;
}

export interface ProfileEventsOptions {
  /** 1–200 (default 20). */
  limit?: number;
  cursor?: string | null;
  /** Only events with this label (track event name, page/screen name, or call type). */
  event?: string | null;
}

function encodeEventCursor(timestamp: Date, seq: string): string {
  return Buffer.from(JSON.stringify([timestamp.toISOString(), seq]), "utf8").toString("base64url");
}

function decodeEventCursor(raw: string): { at: Date; seq: string } {
  try {
    const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string" && /^\d{1,19}$/.test(v[1])) {
      const at = new Date(v[0]);
      if (!Number.isNaN(at.getTime())) return { at, seq: v[1] };
    }
  } catch {
    // fall through
  }
  throw new ProfileQueryError("invalid_cursor", INVALID_CURSOR_MESSAGE);
}

const EVENT_LABEL = Prisma.sql`coalesce(e.event, e.name, e.type::text)`;

interface RawEvent {
  seq: string;
  type: string;
  event: string | null;
  name: string | null;
  label: string;
  source_id: string;
  source_name: string | null;
  message_id: string;
  timestamp: Date;
  received_at: Date;
  user_id: string | null;
  anonymous_id: string | null;
  properties: Json;
  traits: Json;
  context: Json;
  channel: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  page_url: string | null;
  page_path: string | null;
  referrer: string | null;
}

function profileFilter(ids: string[]): Prisma.Sql {
  // One id (the common case) keeps the plain equality the (profile_id, timestamp desc) index serves in order.
  return ids.length === 1 ? Prisma.sql`e.profile_id = ${ids[0]}` : Prisma.sql`e.profile_id = ANY(${textArray(ids)})`;
}

/**
 * The profile's events newest first (timestamp desc, seq desc), including events still stamped with
 * the id of a profile merged into it. Keyset-paged: the cursor is the last event's (timestamp, seq).
 */
export async function profileEvents(id: string, opts: ProfileEventsOptions = {}): Promise<ProfileEventsPage> {
  const limit = Math.min(EVENTS_MAX_LIMIT, Math.max(1, Math.trunc(opts.limit ?? EVENTS_DEFAULT_LIMIT)));
  const after = opts.cursor ? decodeEventCursor(opts.cursor) : null;
  const ids = await familyIds(id);
  const where = [profileFilter(ids)];
  if (opts.event) where.push(Prisma.sql`${EVENT_LABEL} = ${opts.event}`);
  if (after) where.push(Prisma.sql`(e.timestamp, e.seq) < (${after.at}::timestamptz, ${after.seq}::bigint)`);
  const rows = await db().$queryRaw<RawEvent[]>`
    WITH page AS MATERIALIZED (
      SELECT e.seq, ${EVENT_LABEL} AS label FROM events e
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY e.timestamp DESC, e.seq DESC
      LIMIT ${limit + 1}
    )
    SELECT e.seq::text AS seq, e.type::text AS type, e.event, e.name, page.label, e.source_id, s.name AS source_name, e.message_id,
      e.timestamp, e.received_at, e.user_id, e.anonymous_id, e.properties, e.traits, e.context, e.channel,
      e.utm_source, e.utm_medium, e.utm_campaign, e.page_url, e.page_path, e.referrer
    FROM page JOIN events e ON e.seq = page.seq LEFT JOIN sources s ON s.id = e.source_id
    ORDER BY e.timestamp DESC, e.seq DESC`;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    events: page.map((r) => ({
      seq: r.seq,
      type: r.type,
      event: r.event,
      name: r.name,
      label: r.label,
      sourceId: r.source_id,
      sourceName: r.source_name,
      messageId: r.message_id,
      timestamp: r.timestamp,
      receivedAt: r.received_at,
      userId: r.user_id,
      anonymousId: r.anonymous_id,
      properties: asObject(r.properties),
      traits: asObject(r.traits),
      context: asObject(r.context),
      channel: r.channel,
      utmSource: r.utm_source,
      utmMedium: r.utm_medium,
      utmCampaign: r.utm_campaign,
      pageUrl: r.page_url,
      pagePath: r.page_path,
      referrer: r.referrer,
    })),
    nextCursor: rows.length > limit && last ? encodeEventCursor(last.timestamp, last.seq) : null,
  };
}

/** The event names (labels) a profile has, most frequent first: the event stream's filter. */
export async function profileEventNames(id: string, limit = 100): Promise<{ name: string; count: number }[]> {
  const ids = await familyIds(id);
  return db().$queryRaw<{ name: string; count: number }[]>`
    SELECT ${EVENT_LABEL} AS name, count(*)::int AS count FROM events e WHERE ${profileFilter(ids)}
    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`;
}

// ───────────────────────────── merge journal ─────────────────────────────

export type MergeKind = "merge" | "alias" | "refused" | "split";

export interface MergeJournalEntry {
  id: string;
  seq: string;
  kind: MergeKind;
  at: Date;
  fromProfileId: string | null;
  intoProfileId: string | null;
  messageId: string | null;
  identifiers: { type: string; value: string }[];
  rule: string | null;
  reason: string;
  actor: { id: string; name: string } | null;
  /** Every profile the entry concerns, survivor first. */
  profileIds: string[];
  /** The entry's profiles outside this profile's family. */
  otherProfileIds: string[];
}

export interface MergeJournalPage {
  entries: MergeJournalEntry[];
  nextCursor: string | null;
}

interface RawJournal {
  id: string;
  seq: string;
  kind: MergeKind;
  created_at: Date;
  from_profile_id: string | null;
  into_profile_id: string | null;
  message_id: string | null;
  identifiers: unknown;
  rule: string | null;
  reason: string;
  actor_user_id: string | null;
  actor_name: string | null;
  profile_ids: string[];
}

function identifierList(v: unknown): { type: string; value: string }[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((i) => {
    const o = asObject(i);
    return typeof o.type === "string" && (typeof o.value === "string" || typeof o.value === "number") ? [{ type: o.type, value: String(o.value) }] : [];
  });
}

/**
 * The journal entries concerning the profile or any profile merged into it (`profile_ids && family`,
 * GIN-indexed), newest first (journal order), keyset-paged by seq.
 */
export async function profileMerges(id: string, opts: { limit?: number; cursor?: string | null } = {}): Promise<MergeJournalPage> {
  const limit = Math.min(500, Math.max(1, Math.trunc(opts.limit ?? 100)));
  let before: string | null = null;
  if (opts.cursor) {
    before = Buffer.from(opts.cursor, "base64url").toString("utf8");
    if (!/^\d{1,19}$/.test(before)) throw new ProfileQueryError("invalid_cursor", INVALID_CURSOR_MESSAGE);
  }
  const ids = await familyIds(id);
  const rows = await db().$queryRaw<RawJournal[]>`
    SELECT j.id, j.seq::text AS seq, j.kind::text AS kind, j.created_at, j.from_profile_id, j.into_profile_id, j.message_id,
      j.identifiers, j.rule, j.reason, j.actor_user_id, u.name AS actor_name, j.profile_ids
    FROM merge_journal j
    LEFT JOIN users u ON u.id = j.actor_user_id
    WHERE j.profile_ids && ${textArray(ids)} ${before ? Prisma.sql`AND j.seq < ${before}::bigint` : Prisma.empty}
    ORDER BY j.seq DESC
    LIMIT ${limit + 1}`;
  const family = new Set(ids);
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      seq: r.seq,
      kind: r.kind,
      at: r.created_at,
      fromProfileId: r.from_profile_id,
      intoProfileId: r.into_profile_id,
      messageId: r.message_id,
      identifiers: identifierList(r.identifiers),
      rule: r.rule,
      reason: r.reason,
      actor: r.actor_user_id ? { id: r.actor_user_id, name: r.actor_name ?? "A deleted user" } : null,
      profileIds: r.profile_ids,
      otherProfileIds: r.profile_ids.filter((p) => !family.has(p)),
    })),
    nextCursor: rows.length > limit ? Buffer.from(page[page.length - 1]!.seq, "utf8").toString("base64url") : null,
  };
}

// ───────────────────────────── the Customers table ─────────────────────────────

export interface CustomerRow {
  id: string;
  name: string;
  email: string | null;
  userId: string | null;
  firstChannel: string | null;
  eventCount: number;
  revenue: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  contact: { id: string; name: string } | null;
}

export interface CustomersPage {
  rows: CustomerRow[];
  total: number;
}

const NAME_KEY = Prisma.sql`lower(coalesce(
  nullif(btrim(p.traits->>'name'), ''),
  nullif(concat_ws(' ', nullif(btrim(coalesce(p.traits->>'first_name', p.traits->>'firstName')), ''), nullif(btrim(coalesce(p.traits->>'last_name', p.traits->>'lastName')), '')), ''),
  nullif(btrim(p.traits->>'email'), '')))`;

const CUSTOMER_SORT_KEYS: Record<CustomerSort, Prisma.Sql> = {
  name: NAME_KEY,
  events: Prisma.sql`p.event_count`,
  revenue: Prisma.sql`p.total_revenue`,
  firstSeen: Prisma.sql`p.first_seen_at`,
  lastSeen: Prisma.sql`p.last_seen_at`,
};

const prefixPattern = (q: string) => `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Live profiles matching the search: an identifier equal to or starting with the text (as typed,
 * lower-cased, or normalised as a phone number or a `type:value` ref), the profile id itself, or the
 * text anywhere in the traits.
 */
function customerWhere(q: string, within?: Prisma.Sql): Prisma.Sql {
  const live = within ? Prisma.sql`p.merged_into_id IS NULL AND p.id IN (${within})` : Prisma.sql`p.merged_into_id IS NULL`;
  if (!q) return Prisma.sql`WHERE ${live}`;
  const exact = new Set([q, q.toLowerCase()]);
  const phone = normalizeIdentifierValue("phone", q);
  if (phone && /^[\d\s()+.-]+$/.test(q)) exact.add(phone);
  const ids = new Set([q]);
  const ref = q.includes(":") ? parseProfileRef(q) : null;
  if (ref?.ok) {
    if (ref.ref.kind === "identifier") exact.add(ref.ref.value);
    else ids.add(ref.ref.id);
  }
  const prefixes = [...new Set([prefixPattern(q), prefixPattern(q.toLowerCase())])];
  const traits = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return Prisma.sql`WHERE ${live} AND (
    p.id IN (SELECT i.profile_id FROM identities i WHERE i.value = ANY(${textArray([...exact])}) OR i.value LIKE ANY(${textArray(prefixes)}))
    OR p.id = ANY(${textArray([...ids])})
    OR p.traits::text ILIKE ${traits})`;
}

interface RawCustomer {
  id: string;
  traits: Json;
  first_channel: string | null;
  event_count: number;
  revenue: number;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
  email: string | null;
  user_id: string | null;
  contact_id: string | null;
  contact_first: string | null;
  contact_last: string | null;
  contact_email: string | null;
}

const contactName = (first: string | null, last: string | null, email: string | null) => [first, last].filter(Boolean).join(" ") || email || "Unnamed contact";

/**
 * One page of the Customers table (top-N over narrow rows, then labels for that page) and its total.
 * `within` restricts it to a set of profile ids (an audience's members); `q` is the query interface
 * to use (an analysis's, so both statements run under its limits).
 */
export async function listCustomers(
  view: Pick<CustomersView, "q" | "sort" | "dir" | "page" | "size">,
  opts: { within?: Prisma.Sql; q?: Pick<Prisma.TransactionClient, "$queryRaw"> } = {},
): Promise<CustomersPage> {
  const where = customerWhere(view.q, opts.within);
  const q = opts.q ?? db();
  const key = CUSTOMER_SORT_KEYS[view.sort];
  const dir = view.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const rows = await q.$queryRaw<RawCustomer[]>`
    WITH found AS MATERIALIZED (
      SELECT f.id, row_number() OVER (ORDER BY f.k ${dir} NULLS LAST, f.id ${dir}) AS ord FROM (
        SELECT p.id, ${key} AS k FROM profiles p ${where}
        ORDER BY ${key} ${dir} NULLS LAST, p.id ${dir}
        LIMIT ${view.size} OFFSET ${(view.page - 1) * view.size}
      ) f
    )
    SELECT p.id, p.traits, p.first_channel, p.event_count, p.total_revenue::float8 AS revenue, p.first_seen_at, p.last_seen_at,
      em.value AS email, uid.value AS user_id,
      c.id AS contact_id, c.first_name AS contact_first, c.last_name AS contact_last, c.email AS contact_email
    FROM found
    JOIN profiles p ON p.id = found.id
    LEFT JOIN LATERAL (
      SELECT value FROM identities WHERE profile_id = p.id AND type = 'email' ORDER BY last_seen_at DESC, value LIMIT 1
    ) em ON TRUE
    LEFT JOIN LATERAL (
      SELECT value FROM identities WHERE profile_id = p.id AND type = 'user_id' ORDER BY last_seen_at DESC, value LIMIT 1
    ) uid ON TRUE
    LEFT JOIN LATERAL (
      SELECT id, first_name, last_name, email FROM contacts
      WHERE profile_id = ANY(ARRAY(SELECT p.id UNION ALL SELECT m.id FROM profiles m WHERE m.merged_into_id = p.id))
      ORDER BY created_at, id LIMIT 1
    ) c ON TRUE
    ORDER BY found.ord`;
  const count = await q.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM profiles p ${where}`;
  return {
    rows: rows.map((r) => {
      const traits = asObject(r.traits);
      return {
        id: r.id,
        name: profileDisplayName(traits, r.email, r.user_id, r.id),
        email: r.email ?? (typeof traits.email === "string" ? traits.email : null),
        userId: r.user_id,
        firstChannel: r.first_channel,
        eventCount: r.event_count,
        revenue: r.revenue,
        firstSeenAt: r.first_seen_at,
        lastSeenAt: r.last_seen_at,
        contact: r.contact_id ? { id: r.contact_id, name: contactName(r.contact_first, r.contact_last, r.contact_email) } : null,
      };
    }),
    total: count[0]?.n ?? 0,
  };
}

// ───────────────────────────── the profile page ─────────────────────────────

export interface ProfileAccount {
  id: string;
  groupId: string;
  name: string | null;
  companyId: string | null;
  companyName: string | null;
  joinedAt: Date;
}

export interface LinkedContact {
  id: string;
  name: string;
  email: string | null;
}

export interface ProfilePage extends ProfileTraits {
  displayName: string;
  email: string | null;
  userId: string | null;
  /** Ids of the profiles merged into this one (old links to them redirect here). */
  mergedIds: string[];
  identities: ProfileIdentity[];
  accounts: ProfileAccount[];
  contacts: LinkedContact[];
  journal: MergeJournalPage;
}


/** What to call a profile (page titles): one small query. */
export async function profileName(id: string): Promise<string | null> {
  const rows = await db().$queryRaw<{ traits: Json; email: string | null; user_id: string | null }[]>`
    SELECT p.traits,
      (SELECT value FROM identities WHERE profile_id = p.id AND type = 'email' ORDER BY last_seen_at DESC, value LIMIT 1) AS email,
      (SELECT value FROM identities WHERE profile_id = p.id AND type = 'user_id' ORDER BY last_seen_at DESC, value LIMIT 1) AS user_id
    FROM profiles p WHERE p.id = ${id}`;
  const r = rows[0];
  return r ? profileDisplayName(asObject(r.traits), r.email, r.user_id, id) : null;
}

/** The B2B accounts (group calls) of a profile family, with the CRM company each links to. */
export async function profileAccounts(ids: string[]): Promise<ProfileAccount[]> {
  const rows = await db().$queryRaw<{ id: string; group_id: string; traits: Json; company_id: string | null; company_name: string | null; joined_at: Date }[]>`
    SELECT a.id, a.group_id, a.traits, a.company_id, co.name AS company_name, min(pa.joined_at) AS joined_at
    FROM profile_accounts pa JOIN accounts a ON a.id = pa.account_id LEFT JOIN companies co ON co.id = a.company_id
    WHERE pa.profile_id = ANY(${textArray(ids)})
    GROUP BY a.id, a.group_id, a.traits, a.company_id, co.name
    ORDER BY joined_at, a.id`;
  return rows.map((a) => {
    const name = asObject(a.traits).name;
    return { id: a.id, groupId: a.group_id, name: typeof name === "string" ? name : null, companyId: a.company_id, companyName: a.company_name, joinedAt: a.joined_at };
  });
}

/** The profile details the Customer 360 page shows, for a live profile id (null when there is none). */
export async function profilePage(id: string): Promise<ProfilePage | null> {
  // One after another, not Promise.all (see the contact page: the embedded server serialises anyway).
  const traits = await profileTraits(id);
  if (!traits) return null;
  const ids = await familyIds(id);
  const identities = await profileExternalIds(id);
  const accounts = await profileAccounts(ids);
  const contacts = await db().$queryRaw<{ id: string; first_name: string | null; last_name: string | null; email: string | null }[]>`
    SELECT id, first_name, last_name, email FROM contacts WHERE profile_id = ANY(${textArray(ids)}) ORDER BY created_at, id`;
  const journal = await profileMerges(id, { limit: 100 });
  const latest = (type: string) => identities.filter((i) => i.type === type).sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())[0]?.value ?? null;
  const email = latest("email");
  const userId = latest("user_id");
  const traitObject = Object.fromEntries(traits.traits.map((t) => [t.key, t.value]));
  return {
    ...traits,
    displayName: profileDisplayName(traitObject, email, userId, id),
    email,
    userId,
    mergedIds: ids.slice(1),
    identities,
    accounts,
    contacts: contacts.map((c) => ({ id: c.id, name: contactName(c.first_name, c.last_name, c.email), email: c.email })),
    journal,
  };
}
