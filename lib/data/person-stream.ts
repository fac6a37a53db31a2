// The Customer 360 stream of one person: CRM timeline items of their contacts and CDP events of their
// profile family, merged in one order (lib/customer360/stream.ts) and keyset-paged by one cursor.
// Each side is read with its own index, limited to one page after the cursor, then merged in memory:
// a page costs a fixed number of statements whatever the person's history (no query per item).
//
// The CDP side leaves out events of CRM sources (they copy CRM items). Each CDP event comes with its
// session (lib/data/sessions.ts, over the person's whole history so a session is the same on every
// page) and whether it is a lifecycle moment (the first event reaching a stage of the one setting).
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import type { TimelineFilters } from "../crm/timeline";
import { mergeSides, type CdpEvent, type KeyEventKind, type StreamItem, type StreamPage, type StreamPosition, type StreamSession } from "../customer360/stream";
import { revenueCentsOf } from "../identity/facts";
import type { LifecycleSettings } from "../analytics/lifecycle";
import { crmTimelineItems } from "./contact-page";
import { inSession, SESSION_GAP_MS, sessionize } from "../analytics/sessions";
import { stageConditionSql } from "./lifecycle";
import { ProfileQueryError } from "./profiles";
import { decodeStreamCursor, encodeStreamCursor } from "../customer360/stream-cursor";

export const STREAM_PAGE_SIZE = 50;
export const STREAM_MAX_LIMIT = 200;
export const CDP_TYPES = ["track", "page", "screen", "identify", "group", "alias"] as const;
export type CdpType = (typeof CDP_TYPES)[number];

/** Who the stream is about: a profile family, contacts, or both. */
export interface StreamSubject {
  /** The live profile and every profile merged into it (empty for a contact with no profile). */
  familyIds: string[];
  /** The contacts whose CRM items are shown (empty for a profile with no contact). */
  contactIds: string[];
}

export interface StreamFilters {
  side?: "crm" | "cdp" | null;
  crm?: TimelineFilters;
  /** CDP: only these labels (track event name, page/screen name, else the call type). */
  names?: string[];
  /** CDP: only these call types. */
  types?: CdpType[];
  /** CDP: leave out page and screen views. */
  hidePageViews?: boolean;
  /** Time range [from, to). */
  from?: Date;
  to?: Date;
}

const EVENT_LABEL = Prisma.sql`coalesce(e.event, e.name, e.type::text)`;

interface CdpRow {
  seq: string;
  message_id: string;
  type: CdpEvent["type"];
  event: string | null;
  name: string | null;
  source_id: string;
  source_name: string | null;
  source_kind: string;
  channel: string | null;
  page_path: string | null;
  page_url: string | null;
  referrer: string | null;
  properties: Record<string, unknown> | null;
  timestamp: Date;
}

function familyFilter(ids: string[]): Prisma.Sql {
  // One id keeps the plain equality the (profile_id, timestamp desc) index serves in order.
  return ids.length === 1 ? Prisma.sql`e.profile_id = ${ids[0]}` : Prisma.sql`e.profile_id = ANY(${ids}::text[])`;
}

async function cdpRows(familyIds: string[], f: StreamFilters, after: StreamPosition | null, limit: number): Promise<CdpRow[]> {
  const where: Prisma.Sql[] = [familyFilter(familyIds), Prisma.sql`src.kind <> 'crm'`];
  if (f.names?.length) where.push(Prisma.sql`${EVENT_LABEL} = ANY(${f.names}::text[])`);
  if (f.types?.length) where.push(Prisma.sql`e.type::text = ANY(${f.types}::text[])`);
  if (f.hidePageViews) where.push(Prisma.sql`e.type NOT IN ('page', 'screen')`);
  if (f.from) where.push(Prisma.sql`e.timestamp >= ${f.from}`);
  if (f.to) where.push(Prisma.sql`e.timestamp < ${f.to}`);
  if (after) {
    const at = new Date(after.at);
    // CRM items come first at one instant: after a CRM item every CDP event of that instant follows.
    where.push(after.side === "crm" ? Prisma.sql`e.timestamp <= ${at}` : Prisma.sql`(e.timestamp, e.seq) < (${at}::timestamptz, ${after.key}::bigint)`);
  }
  return db().$queryRaw<CdpRow[]>`
    SELECT e.seq::text AS seq, e.message_id, e.type::text AS type, e.event, e.name, e.source_id, src.name AS source_name,
      src.kind::text AS source_kind, e.channel, e.page_path, e.page_url, e.referrer, e.properties, e.timestamp
    FROM events e JOIN sources src ON src.id = e.source_id
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY e.timestamp DESC, e.seq DESC
    LIMIT ${limit}`;
}

interface SessionEventRow {
  seq: string;
  ts: Date;
  type: string;
  source_kind: string;
  channel: string | null;
  page_path: string | null;
  referrer: string | null;
  utm_campaign: string | null;
}

const HOUR_MS = 3_600_000;

/**
 * The session of each of `seqs` (session-eligible events at `times`), by the one rule of
 * lib/analytics/sessions.ts applied to the person's eligible events around them: a window a few hours
 * wider than the page, widened while a session that holds a page event could reach past its edge, so
 * a session is the same whatever page shows it, without reading the whole history.
 */
async function sessionsOf(familyIds: string[], page: { seq: string; at: Date }[]): Promise<Map<string, StreamSession>> {
  if (!page.length) return new Map();
  const lo = Math.min(...page.map((p) => p.at.getTime()));
  const hi = Math.max(...page.map((p) => p.at.getTime()));
  const wanted = new Set(page.map((p) => p.seq));
  for (let pad = 6 * HOUR_MS; ; pad *= 4) {
    const from = new Date(lo - pad);
    const to = new Date(hi + pad);
    const rows = await db().$queryRaw<SessionEventRow[]>`
      SELECT e.seq::text AS seq, e.timestamp AS ts, e.type::text AS type, src.kind::text AS source_kind, e.channel, e.page_path, e.referrer, e.utm_campaign
      FROM events e JOIN sources src ON src.id = e.source_id
      WHERE ${familyFilter(familyIds)} AND e.timestamp >= ${from} AND e.timestamp <= ${to}
        AND e.type IN ('page', 'screen', 'track') AND src.kind IN ('web', 'mobile')`;
    const sessions = sessionize(
      rows.map((r) => ({ seq: Number(r.seq), at: r.ts, type: r.type, sourceKind: r.source_kind, channel: r.channel, pagePath: r.page_path, referrer: r.referrer, utmCampaign: r.utm_campaign })),
    );
    const holding = sessions.filter((x) => x.seqs.some((q) => wanted.has(String(q))));
    // A session could continue past the window only if it comes within the gap of an edge.
    const open = holding.some((x) => x.start.getTime() - from.getTime() <= SESSION_GAP_MS || to.getTime() - x.end.getTime() <= SESSION_GAP_MS);
    if (open && pad < 400 * 24 * HOUR_MS) continue;
    const out = new Map<string, StreamSession>();
    for (const x of holding) {
      const session: StreamSession = {
        id: String(x.firstSeq),
        start: x.start.toISOString(),
        end: x.end.toISOString(),
        durationSeconds: x.durationSeconds,
        events: x.events,
        pages: x.pages,
        channel: x.channel,
        landingPage: x.landingPage,
        referrer: x.referrer,
        campaign: x.campaign,
      };
      for (const q of x.seqs) if (wanted.has(String(q))) out.set(String(q), session);
    }
    return out;
  }
}

export interface Milestones {
  signedUp: { seq: string; at: Date } | null;
  trialStarted: { seq: string; at: Date } | null;
  customer: { seq: string; at: Date } | null;
}

/**
 * The first event (by time, then seq) reaching each lifecycle stage, for a profile family: three
 * index-ordered lookups that stop at the first match.
 */
export async function personMilestones(familyIds: string[], settings: LifecycleSettings): Promise<Milestones> {
  if (!familyIds.length) return { signedUp: null, trialStarted: null, customer: null };
  const first = (cond: Prisma.Sql) => Prisma.sql`(SELECT ARRAY[e.seq::text, to_char(e.timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')]
    FROM events e JOIN sources src ON src.id = e.source_id
    WHERE ${familyFilter(familyIds)} AND e.type = 'track' AND ${cond}
    ORDER BY e.timestamp, e.seq LIMIT 1)`;
  const [row] = await db().$queryRaw<{ s: string[] | null; t: string[] | null; c: string[] | null }[]>`
    SELECT ${first(stageConditionSql(settings.signedUp))} AS s, ${first(stageConditionSql(settings.trialStarted))} AS t,
      ${first(stageConditionSql(settings.customer))} AS c`;
  const pick = (v: string[] | null | undefined) => (v?.length === 2 ? { seq: v[0], at: new Date(v[1]) } : null);
  return { signedUp: pick(row?.s), trialStarted: pick(row?.t), customer: pick(row?.c) };
}

function keysOf(seq: string, revenueCents: number | null, m: Milestones): KeyEventKind[] {
  const keys: KeyEventKind[] = [];
  if (m.signedUp?.seq === seq) keys.push("signed_up");
  if (m.trialStarted?.seq === seq) keys.push("trial_started");
  if (m.customer?.seq === seq) keys.push("became_customer");
  if (revenueCents !== null && revenueCents !== 0) keys.push("revenue");
  return keys;
}

/**
 * One page of the person's stream after `after` (null: from the newest). `milestones` are passed in
 * (the page computes them once for its summary; the API per request).
 */
export async function personStream(
  subject: StreamSubject,
  filters: StreamFilters,
  after: StreamPosition | null,
  limit: number,
  milestones: Milestones,
): Promise<StreamPage> {
  const sides: StreamItem[][] = [];
  if (filters.side !== "cdp" && subject.contactIds.length) {
    const crmAfter = after ? { at: new Date(after.at), key: after.side === "crm" ? after.key : null } : null;
    const items = await crmTimelineItems(subject.contactIds, filters.crm ?? {}, crmAfter, limit + 1, { from: filters.from, to: filters.to });
    sides.push(items.map((crm) => ({ side: "crm", key: crm.key, at: crm.occurredAt, crm })));
  }
  if (filters.side !== "crm" && subject.familyIds.length) {
    const rows = await cdpRows(subject.familyIds, filters, after, limit + 1);
    const sessions = await sessionsOf(
      subject.familyIds,
      rows.filter((r) => inSession({ type: r.type, sourceKind: r.source_kind })).map((r) => ({ seq: r.seq, at: r.timestamp })),
    );
    sides.push(
      rows.map((r) => {
        const properties = r.properties ?? {};
        const cents = r.type === "track" ? revenueCentsOf({ type: r.type, properties }) : 0;
        const revenueCents = cents === 0 ? null : cents;
        const at = r.timestamp.toISOString();
        const cdp: CdpEvent = {
          seq: r.seq,
          messageId: r.message_id,
          type: r.type,
          event: r.event,
          name: r.name,
          sourceId: r.source_id,
          sourceName: r.source_name,
          channel: r.channel,
          pagePath: r.page_path,
          pageUrl: r.page_url,
          referrer: r.referrer,
          properties,
          revenueCents,
          session: sessions.get(r.seq) ?? null,
          keys: keysOf(r.seq, revenueCents, milestones),
        };
        return { side: "cdp" as const, key: r.seq, at, cdp };
      }),
    );
  }
  return mergeSides(sides, limit);
}

export interface EncodedStreamPage {
  items: StreamItem[];
  /** Opaque cursor of the next page, or null at the end. */
  next: string | null;
}

/**
 * A page of the person's stream after an opaque cursor (a stale or forged one: ProfileQueryError
 * invalid_cursor). Milestones are computed here when not given.
 */
export async function personStreamPage(
  person: { familyIds: string[]; contactIds: string[] },
  filters: StreamFilters,
  cursor: string | null,
  limit: number,
  settings: LifecycleSettings,
  milestones?: Milestones,
): Promise<EncodedStreamPage> {
  const after = cursor ? decodeStreamCursor(cursor) : null;
  if (cursor && !after) throw new ProfileQueryError("invalid_cursor", "The cursor is not one this API gave out; start again without `next` and follow cursor.next.");
  const m = milestones ?? (filters.side === "crm" ? NO_MILESTONES : await personMilestones(person.familyIds, settings));
  const page = await personStream(person, filters, after, limit, m);
  return { items: page.items, next: page.next ? encodeStreamCursor(page.next) : null };
}

export const NO_MILESTONES: Milestones = { signedUp: null, trialStarted: null, customer: null };

/** The person's CDP event labels (not CRM copies), most frequent first: the journey's name filter. */
export async function personEventNames(familyIds: string[], limit = 100): Promise<{ name: string; count: number }[]> {
  if (!familyIds.length) return [];
  return db().$queryRaw<{ name: string; count: number }[]>`
    SELECT ${EVENT_LABEL} AS name, count(*)::int AS count
    FROM events e JOIN sources src ON src.id = e.source_id
    WHERE ${familyFilter(familyIds)} AND src.kind <> 'crm'
    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`;
}
