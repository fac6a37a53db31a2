// What a profile knows about its person, folded from events: traits (latest value per key by event
// timestamp), first/last seen, first touch, event count, revenue, last event. Pure.
//
// Every choice is by event time with a total tie-break (timestamp, then source and message id), so
// the result depends only on WHICH events a profile holds, never on the order they arrived in or on
// how they were split across requests and merges: fold(A ∪ B) = combine(fold(A), fold(B)). The
// ingest path folds each request's new events into the stored facts, a merge combines two profiles'
// facts, and rebuild/split fold events from scratch — all three agree (tests check it).

export interface FactEvent {
  sourceId: string;
  messageId: string;
  type: string;
  event: string | null;
  timestamp: Date;
  /** identify traits (other calls contribute none). */
  traits: Record<string, unknown>;
  properties: Record<string, unknown>;
  channel: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  referrer: string | null;
  pageUrl: string | null;
}

export interface TraitMeta {
  /** ISO time of the event that set the value. */
  at: string;
  source: string;
  messageId: string;
}

export interface FirstTouch {
  at: Date;
  key: string;
  channel: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  referrer: string | null;
  landingPage: string | null;
}

export interface ProfileFacts {
  traits: Record<string, unknown>;
  traitMeta: Record<string, TraitMeta>;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  firstTouch: FirstTouch | null;
  eventCount: number;
  /** Sum of `revenue` on track events, in cents (exact). */
  revenueCents: number;
  lastEvent: { name: string; at: Date; key: string } | null;
}

export const emptyFacts = (): ProfileFacts => ({
  traits: {},
  traitMeta: {},
  firstSeenAt: null,
  lastSeenAt: null,
  firstTouch: null,
  eventCount: 0,
  revenueCents: 0,
  lastEvent: null,
});

/** The tie-break after the timestamp: stable across arrival orders and rebuilds (U+001F: jsonb refuses U+0000). */
export const eventKey = (e: Pick<FactEvent, "sourceId" | "messageId">): string => `${e.sourceId}\u001f${e.messageId}`;

/** >0 when (a, ka) is later than (b, kb). */
function later(a: Date, ka: string, b: Date, kb: string): number {
  return a.getTime() - b.getTime() || (ka < kb ? -1 : ka > kb ? 1 : 0);
}

export function eventDisplayName(e: Pick<FactEvent, "type" | "event">): string {
  switch (e.type) {
    case "track":
      return e.event ?? "track";
    case "page":
      return "Page Viewed";
    case "screen":
      return "Screen Viewed";
    default:
      return e.type.charAt(0).toUpperCase() + e.type.slice(1);
  }
}

/** A decimal number written as a string ("12", "-3.5", ".5", "1e3"); no hex, no "Infinity". The SQL
 *  reading of revenue (lib/data/lifecycle.ts) uses the same pattern. */
export const DECIMAL_PATTERN = "^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$";
const DECIMAL = new RegExp(DECIMAL_PATTERN);

/** Revenue in cents from a track event's `revenue` (a number or a decimal string); 0 otherwise. */
export function revenueCentsOf(e: Pick<FactEvent, "type" | "properties">): number {
  if (e.type !== "track") return 0;
  const r = e.properties.revenue;
  const n = typeof r === "number" ? r : typeof r === "string" && DECIMAL.test(r.trim()) ? Number(r.trim()) : NaN;
  return Number.isFinite(n) && Math.abs(n) < 1e12 ? Math.round(n * 100) : 0;
}

/** An event from a web page or a campaign link can be a first touch; a server-side call cannot. */
export const isTouch = (e: FactEvent): boolean => e.pageUrl !== null || e.utmSource !== null || e.referrer !== null;

function touchOf(e: FactEvent): FirstTouch {
  return {
    at: e.timestamp,
    key: eventKey(e),
    channel: e.channel,
    utmSource: e.utmSource,
    utmMedium: e.utmMedium,
    utmCampaign: e.utmCampaign,
    referrer: e.referrer,
    landingPage: e.pageUrl,
  };
}

/** The facts of one event alone. */
export function factsOfEvent(e: FactEvent): ProfileFacts {
  const key = eventKey(e);
  const traits: Record<string, unknown> = {};
  const traitMeta: Record<string, TraitMeta> = {};
  if (e.type === "identify")
    for (const [k, v] of Object.entries(e.traits)) {
      if (v === undefined) continue;
      traits[k] = v;
      traitMeta[k] = { at: e.timestamp.toISOString(), source: e.sourceId, messageId: e.messageId };
    }
  return {
    traits,
    traitMeta,
    firstSeenAt: e.timestamp,
    lastSeenAt: e.timestamp,
    firstTouch: isTouch(e) ? touchOf(e) : null,
    eventCount: 1,
    revenueCents: revenueCentsOf(e),
    lastEvent: { name: eventDisplayName(e), at: e.timestamp, key },
  };
}

const minDate = (a: Date | null, b: Date | null) => (a === null ? b : b === null ? a : a <= b ? a : b);
const maxDate = (a: Date | null, b: Date | null) => (a === null ? b : b === null ? a : a >= b ? a : b);

/** The facts of the union of two disjoint sets of events. Commutative and associative. */
export function combineFacts(a: ProfileFacts, b: ProfileFacts): ProfileFacts {
  const traits = { ...a.traits };
  const traitMeta = { ...a.traitMeta };
  for (const [k, meta] of Object.entries(b.traitMeta)) {
    const mine = traitMeta[k];
    if (!mine || later(new Date(meta.at), eventKey({ sourceId: meta.source, messageId: meta.messageId }), new Date(mine.at), eventKey({ sourceId: mine.source, messageId: mine.messageId })) > 0) {
      traits[k] = b.traits[k];
      traitMeta[k] = meta;
    }
  }
  const firstTouch =
    a.firstTouch === null ? b.firstTouch : b.firstTouch === null ? a.firstTouch : later(a.firstTouch.at, a.firstTouch.key, b.firstTouch.at, b.firstTouch.key) <= 0 ? a.firstTouch : b.firstTouch;
  const lastEvent =
    a.lastEvent === null ? b.lastEvent : b.lastEvent === null ? a.lastEvent : later(a.lastEvent.at, a.lastEvent.key, b.lastEvent.at, b.lastEvent.key) >= 0 ? a.lastEvent : b.lastEvent;
  return {
    traits,
    traitMeta,
    firstSeenAt: minDate(a.firstSeenAt, b.firstSeenAt),
    lastSeenAt: maxDate(a.lastSeenAt, b.lastSeenAt),
    firstTouch,
    eventCount: a.eventCount + b.eventCount,
    revenueCents: a.revenueCents + b.revenueCents,
    lastEvent,
  };
}

export function foldEvents(events: FactEvent[], start: ProfileFacts = emptyFacts()): ProfileFacts {
  let facts = start;
  for (const e of events) facts = combineFacts(facts, factsOfEvent(e));
  return facts;
}
