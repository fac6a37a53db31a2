// Raw export of the CDP, the database half: which window of the events or live profiles a request
// covers (its cursor, its `limit`, the events' settle horizon — see lib/export/raw.ts), and the rows
// of that window read a keyset page at a time (keyset.ts), each page its own short statement, so an
// export of any size runs in constant memory and never holds a transaction open (the embedded
// database runs one at a time). Used by the API, the Export page and `npm run export`.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { keysetPages } from "./keyset";
import { lockIdentities } from "./identity-locks";
import { prismaSql } from "./sql";
import {
  decodeExportCursor,
  encodeExportCursor,
  EXPORT_PAGE_SIZE,
  INVALID_EXPORT_CURSOR_MESSAGE,
  type ExportRecord,
  type RawKind,
  unknownSourceMessage,
} from "../export/raw";

export class RawExportError extends Error {
  constructor(
    readonly code: "unknown_source" | "invalid_cursor",
    message: string,
  ) {
    super(message);
  }
}

export interface ExportFilters {
  /** Events: timestamp at or after; profiles: updated at or after. */
  from?: Date;
  /** Events: timestamp before; profiles: updated before. */
  to?: Date;
  /** Events only: the source's id. */
  source?: string;
  /** Events only: the track event's name. */
  event?: string;
}

export interface ExportRequest {
  filters: ExportFilters;
  /** From a previous response's X-Next-Cursor. */
  cursor?: string;
  /** At most this many rows; all of them when left out. */
  limit?: number;
}

/** The rows a response covers: keys in (after, end], with the filters. */
export interface ExportWindow {
  kind: RawKind;
  filters: ExportFilters;
  /** Exclusive: an event seq ("0" before the first) or a profile id ("" before the first). */
  after: string;
  /** Inclusive: the window's last key (equal to `after` when the window is empty). */
  end: string;
  /** Whether rows already follow the window. */
  hasMore: boolean;
  /** The position after the window, to pass as `cursor`. */
  nextCursor: string;
}

/** A row with its keyset position (the `key` column: an event's seq, a profile's id). */
type KeyedRecord = ExportRecord & { key: string };

// ───────────────────────────── events ─────────────────────────────

/**
 * An event's live profile id (its profile's survivor when merged away), looked up per event — an index
 * probe — by the export and the webhook body alike. Measured on 600,000 events and 300,000 profiles, a
 * 1,000-row export page took 3.5–12 ms this way against 5–30 ms with a LEFT JOIN; for a webhook's
 * 100-event batch a join let the planner hash the whole profiles table.
 */
export const LIVE_PROFILE_ID_SQL = "coalesce((SELECT p.merged_into_id FROM profiles p WHERE p.id = e.profile_id), e.profile_id)";

const EVENT_SELECT = Prisma.sql`SELECT e.seq::text AS key, e.message_id AS "messageId", e.type::text AS type, e.event, e.name,
    e.user_id AS "userId", e.anonymous_id AS "anonymousId", e.group_id AS "groupId", e.previous_id AS "previousId",
    ${Prisma.raw(LIVE_PROFILE_ID_SQL)} AS "profileId", e.source_id AS "sourceId",
    e.timestamp, e.original_timestamp AS "originalTimestamp", e.sent_at AS "sentAt", e.received_at AS "receivedAt",
    e.channel, e.utm_source AS "utmSource", e.utm_medium AS "utmMedium", e.utm_campaign AS "utmCampaign",
    e.utm_term AS "utmTerm", e.utm_content AS "utmContent", e.referrer, e.referring_domain AS "referringDomain",
    e.page_url AS "pageUrl", e.page_path AS "pagePath", e.click_ids AS "clickIds",
    e.properties, e.traits, e.context, e.integrations
  FROM events e`;

function eventWhere(f: ExportFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.from) parts.push(Prisma.sql`e.timestamp >= ${f.from}::timestamptz`);
  if (f.to) parts.push(Prisma.sql`e.timestamp < ${f.to}::timestamptz`);
  if (f.source) parts.push(Prisma.sql`e.source_id = ${f.source}`);
  if (f.event) parts.push(Prisma.sql`e.event = ${f.event}`);
  return parts.length ? Prisma.sql`AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

/**
 * The newest seq every event at or below which is final ("0" when none): windows end there. Every
 * writer of events (ingest, CRM writes that log one, a release from quarantine) draws its seqs while
 * holding the global identity lock G, shared or exclusive (identity-locks.ts). Taking G exclusively
 * waits for those in flight to commit or roll back; a transaction that starts after it draws larger
 * seqs. So `max(seq)` read under G exclusive has no hole below it that a later commit could fill —
 * the cursor can never pass an event still being written. G is held for one index lookup.
 */
async function finalHorizon(): Promise<bigint> {
  return db().$transaction(async (tx) => {
    await lockIdentities(prismaSql(tx));
    const rows = await tx.$queryRaw<{ h: string | null }[]>`SELECT max(seq)::text AS h FROM events`;
    return BigInt(rows[0]?.h ?? "0");
    // A long ingest transaction in flight (a bulk /v1/import) is waited for rather than failed.
  }, { maxWait: 10_000, timeout: 120_000 });
}

const eventsInRange = (after: string, end: string, f: ExportFilters) =>
  Prisma.sql`e.seq > ${after}::bigint AND e.seq <= ${end}::bigint ${eventWhere(f)}`;

async function eventWindow(req: ExportRequest): Promise<ExportWindow> {
  const after = req.cursor === undefined ? "0" : decodeExportCursor("events", req.cursor);
  if (after === null) throw new RawExportError("invalid_cursor", INVALID_EXPORT_CURSOR_MESSAGE);
  if (req.filters.source) {
    const found = await db().$queryRaw<unknown[]>`SELECT 1 FROM sources WHERE id = ${req.filters.source}`;
    if (!found.length) throw new RawExportError("unknown_source", unknownSourceMessage(req.filters.source));
  }
  const horizon = await finalHorizon();
  // A cursor past the horizon (the newest events were deleted since) gives an empty window, not a step back.
  let end = (horizon > BigInt(after) ? horizon : BigInt(after)).toString();
  let hasMore = false;
  if (req.limit !== undefined) {
    const keys = await db().$queryRaw<{ key: string }[]>`SELECT e.seq::text AS key FROM events e WHERE ${eventsInRange(after, end, req.filters)}
      ORDER BY e.seq OFFSET ${req.limit - 1} LIMIT 2`;
    if (keys.length === 2) {
      end = keys[0]!.key;
      hasMore = true;
    }
  }
  return { kind: "events", filters: req.filters, after, end, hasMore, nextCursor: encodeExportCursor("events", end) };
}

const eventPage = (w: ExportWindow, pageSize: number) => (after: string) =>
  db().$queryRaw<KeyedRecord[]>`${EVENT_SELECT} WHERE ${eventsInRange(after, w.end, w.filters)} ORDER BY e.seq LIMIT ${pageSize}`;

// ───────────────────────────── profiles ─────────────────────────────

const PROFILE_SELECT = Prisma.sql`SELECT p.id AS key, p.id, p.created_at AS "createdAt", p.updated_at AS "updatedAt",
    p.first_seen_at AS "firstSeenAt", p.last_seen_at AS "lastSeenAt",
    coalesce((SELECT array_agg(i.type || ':' || i.value ORDER BY i.type, i.value) FROM identities i WHERE i.profile_id = p.id), ARRAY[]::text[]) AS identities,
    p.traits,
    coalesce((SELECT array_agg(m.id ORDER BY m.seq) FROM profiles m WHERE m.merged_into_id = p.id), ARRAY[]::text[]) AS "mergedProfileIds"
  FROM profiles p`;

/** Live profiles only: a merged-away profile is part of its survivor (its id is in mergedProfileIds). */
function profilesInRange(after: string, end: string | null, f: ExportFilters): Prisma.Sql {
  const parts = [Prisma.sql`p.merged_into_id IS NULL`, Prisma.sql`p.id > ${after}`];
  if (end !== null) parts.push(Prisma.sql`p.id <= ${end}`);
  if (f.from) parts.push(Prisma.sql`p.updated_at >= ${f.from}::timestamptz`);
  if (f.to) parts.push(Prisma.sql`p.updated_at < ${f.to}::timestamptz`);
  return Prisma.join(parts, " AND ");
}

async function profileWindow(req: ExportRequest): Promise<ExportWindow> {
  const after = req.cursor === undefined ? "" : decodeExportCursor("profiles", req.cursor);
  if (after === null) throw new RawExportError("invalid_cursor", INVALID_EXPORT_CURSOR_MESSAGE);
  let end: string | null = null;
  let hasMore = false;
  if (req.limit !== undefined) {
    const keys = await db().$queryRaw<{ key: string }[]>`SELECT p.id AS key FROM profiles p WHERE ${profilesInRange(after, null, req.filters)}
      ORDER BY p.id OFFSET ${req.limit - 1} LIMIT 2`;
    if (keys.length === 2) {
      end = keys[0]!.key;
      hasMore = true;
    }
  }
  if (end === null) {
    // The stream ends at the last profile there is now (one created meanwhile is in the next export).
    const last = await db().$queryRaw<{ key: string | null }[]>`SELECT max(p.id) AS key FROM profiles p WHERE ${profilesInRange(after, null, req.filters)}`;
    end = last[0]?.key ?? after;
  }
  return { kind: "profiles", filters: req.filters, after, end, hasMore, nextCursor: encodeExportCursor("profiles", end) };
}

const profilePage = (w: ExportWindow, pageSize: number) => (after: string) =>
  db().$queryRaw<KeyedRecord[]>`${PROFILE_SELECT} WHERE ${profilesInRange(after, w.end, w.filters)} ORDER BY p.id LIMIT ${pageSize}`;

// ───────────────────────────── both ─────────────────────────────

/** The window a request covers (400-worthy problems as RawExportError). */
export function exportWindow(kind: RawKind, req: ExportRequest): Promise<ExportWindow> {
  return kind === "events" ? eventWindow(req) : profileWindow(req);
}

/** The window's rows, in key order, `pageSize` per query (the `key` column is the keyset position). */
export function exportPages(w: ExportWindow, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<ExportRecord[]> {
  return keysetPages(w.after, pageSize, (w.kind === "events" ? eventPage : profilePage)(w, pageSize));
}

/** How many rows the window holds (for a progress bar: one counting pass before the export). */
export async function countExport(w: ExportWindow): Promise<number> {
  const rows =
    w.kind === "events"
      ? await db().$queryRaw<{ n: number }[]>`SELECT count(*)::float8 AS n FROM events e WHERE ${eventsInRange(w.after, w.end, w.filters)}`
      : await db().$queryRaw<{ n: number }[]>`SELECT count(*)::float8 AS n FROM profiles p WHERE ${profilesInRange(w.after, w.end, w.filters)}`;
  return Number(rows[0]?.n ?? 0);
}

export interface ExportChoices {
  sources: { id: string; name: string }[];
  /** Track event names seen (the event catalog), alphabetical. */
  events: string[];
}

/** What the Export page offers to filter by. */
export async function exportChoices(): Promise<ExportChoices> {
  const [sources, events] = await Promise.all([
    db().$queryRaw<{ id: string; name: string }[]>`SELECT id, name FROM sources ORDER BY built_in, lower(name), created_at`,
    db().$queryRaw<{ event: string }[]>`SELECT DISTINCT event FROM event_catalog ORDER BY event LIMIT 2000`,
  ]);
  return { sources, events: events.map((e) => e.event) };
}
