// The Customer 360 stream: what the team did (CRM) and what the person did (CDP) as one sequence.
// Pure: the item shapes, the one total order both sides are merged in, merging two keyset-paged
// sides into one page, and grouping into UTC day rows with the two sides side by side.
//
// Order: newest first by time; at the same instant CRM before CDP; then by key descending within a
// side (CRM keys in byte order, CDP keys — event seqs — as numbers). The cursor is the last item's
// (at, side, key); the next page holds exactly the items after it in this order, so paging visits
// every item once whatever the ties.
import type { TimelineItem } from "../crm/timeline";
import type { Session } from "../analytics/sessions";

export type StreamSide = "crm" | "cdp";
export const STREAM_SIDES: readonly StreamSide[] = ["crm", "cdp"];

/** What makes a CDP event stand out on the journey. */
export type KeyEventKind = "signed_up" | "trial_started" | "became_customer" | "revenue";

export const KEY_EVENT_LABELS: Record<KeyEventKind, string> = {
  signed_up: "Signed up",
  trial_started: "Trial started",
  became_customer: "Became a customer",
  revenue: "Revenue",
};

/** A session (lib/analytics/sessions.ts) as the page and the API carry it: instants as ISO strings. */
export interface StreamSession extends Omit<Session, "firstSeq" | "start" | "end" | "seqs"> {
  /** The session's first event seq: its id. */
  id: string;
  start: string;
  end: string;
}

export interface CdpEvent {
  seq: string;
  messageId: string;
  type: "track" | "page" | "screen" | "identify" | "group" | "alias";
  event: string | null;
  name: string | null;
  sourceId: string;
  sourceName: string | null;
  channel: string | null;
  pagePath: string | null;
  pageUrl: string | null;
  referrer: string | null;
  properties: Record<string, unknown>;
  /** Revenue in cents (track events with a numeric `revenue`), else null. */
  revenueCents: number | null;
  session: StreamSession | null;
  /** The lifecycle moments this event is (the first event reaching a stage), and revenue. */
  keys: KeyEventKind[];
}

/** What an event is called on the journey: the track event, the page or screen, else the call. */
export function cdpTitle(e: Pick<CdpEvent, "type" | "event" | "name" | "pagePath">): string {
  switch (e.type) {
    case "track":
      return e.event ?? "Track";
    case "page":
      return e.name ? `Viewed ${e.name}` : e.pagePath ? `Viewed ${e.pagePath}` : "Viewed a page";
    case "screen":
      return e.name ? `Opened ${e.name}` : "Opened a screen";
    default:
      return e.type.charAt(0).toUpperCase() + e.type.slice(1);
  }
}

export type StreamItem =
  | { side: "crm"; key: string; at: string; crm: TimelineItem }
  | { side: "cdp"; key: string; at: string; cdp: CdpEvent };

export interface StreamPosition {
  at: string;
  side: StreamSide;
  key: string;
}

const sideRank = (s: StreamSide) => (s === "crm" ? 0 : 1);

function compareKeys(side: StreamSide, a: string, b: string): number {
  if (side === "cdp") {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** < 0 when `a` comes before `b` in the stream (newer first). */
export function compareStream(a: StreamPosition, b: StreamPosition): number {
  const t = Date.parse(b.at) - Date.parse(a.at);
  if (t !== 0) return t;
  const s = sideRank(a.side) - sideRank(b.side);
  if (s !== 0) return s;
  return compareKeys(a.side, b.key, a.key);
}

export const positionOf = (i: StreamItem): StreamPosition => ({ at: i.at, side: i.side, key: i.key });

export interface StreamPage {
  items: StreamItem[];
  /** The last item's position when more items follow, else null. */
  next: StreamPosition | null;
}

/**
 * One page from each side's first `limit + 1` items after the cursor (each side already in stream
 * order): the first `limit` of their merge, and whether anything follows.
 */
export function mergeSides(sides: StreamItem[][], limit: number): StreamPage {
  const all = sides.flat().sort((a, b) => compareStream(positionOf(a), positionOf(b)));
  const items = all.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: all.length > limit && last ? positionOf(last) : null };
}

export interface DayRow {
  /** YYYY-MM-DD, UTC. */
  day: string;
  crm: StreamItem[];
  cdp: StreamItem[];
}

export const utcDayOf = (iso: string) => new Date(iso).toISOString().slice(0, 10);

/** Items (in stream order) as day rows, newest day first, each side in stream order within its day. */
export function alignByDay(items: StreamItem[]): DayRow[] {
  const rows: DayRow[] = [];
  for (const item of items) {
    const day = utcDayOf(item.at);
    let row = rows[rows.length - 1];
    if (!row || row.day !== day) {
      row = { day, crm: [], cdp: [] };
      rows.push(row);
    }
    row[item.side].push(item);
  }
  return rows;
}

export interface SessionGroup {
  session: StreamSession | null;
  items: StreamItem[];
}

/**
 * A day's CDP items (stream order) as runs: consecutive events of one session form a group; an event
 * outside any session (server calls, identify…) stands alone.
 */
export function groupSessions(cdp: StreamItem[]): SessionGroup[] {
  const groups: SessionGroup[] = [];
  for (const item of cdp) {
    if (item.side !== "cdp") continue;
    const s = item.cdp.session;
    const last = groups[groups.length - 1];
    if (s && last?.session?.id === s.id) last.items.push(item);
    else groups.push({ session: s, items: [item] });
  }
  return groups;
}
