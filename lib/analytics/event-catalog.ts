// The event catalog: which events the sources send (track names, page views, screen views), which
// top-level property keys each carries with which JSON types, and when each was last seen — what the
// funnel builder autocompletes from, kept up to date at ingest instead of scanning the events table.
// Pure: what a batch of messages contributes to the catalog, and the catalog's names and limits.

/** Page and screen views are catalogued (and matched by funnel steps) under these reserved names. */
export const PAGEVIEW = "$pageview";
export const SCREENVIEW = "$screen";

/**
 * last_seen_at is kept to this granularity: an ingest transaction writes a catalog row only when it is
 * new or was last seen more than this long before the batch, so the Tracking API's hot path never
 * updates (and so never locks) a catalog row in every transaction.
 */
export const CATALOG_GRANULARITY_MS = 60 * 60 * 1000;
/** Longest event name or property key catalogued (longer ones are still stored, just not listed). */
export const CATALOG_MAX_NAME = 200;
/** Property keys of one message looked at (the first ones, in the message's order). */
export const CATALOG_MAX_KEYS_PER_MESSAGE = 100;
/** Property rows kept per event name: keys beyond this (ids used as keys…) are not listed. */
export const CATALOG_MAX_PROPERTIES_PER_EVENT = 500;

export type CatalogValueType = "string" | "number" | "boolean" | "object" | "array";

export interface CatalogEntry {
  /** Track event name, or PAGEVIEW / SCREENVIEW. */
  event: string;
  /** "" for the event itself, else a top-level property key. */
  property: string;
  /** "" for the event itself, else the JSON type of the property's value. */
  valueType: CatalogValueType | "";
  /** Earliest and latest receive time among the messages that carry it. */
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface CatalogMessage {
  type: string;
  event: string | null;
  properties: Record<string, unknown>;
  receivedAt: Date;
}

/** The name an event has in the catalog (and in funnel steps), or null when it is not catalogued. */
export function catalogName(type: string, event: string | null): string | null {
  if (type === "track") return event && event.length <= CATALOG_MAX_NAME ? event : null;
  if (type === "page") return PAGEVIEW;
  if (type === "screen") return SCREENVIEW;
  return null;
}

/** A JSON value's type as the catalog records it; null values are not recorded. */
export function valueTypeOf(v: unknown): CatalogValueType | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return "array";
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "object":
      return "object";
    default:
      return null;
  }
}

export const catalogKey = (e: Pick<CatalogEntry, "event" | "property" | "valueType">): string => `${e.event}\u0000${e.property}\u0000${e.valueType}`;

/** The distinct catalog entries a batch of messages carries, each with its first and last receive time. */
export function catalogEntriesOf(messages: CatalogMessage[]): CatalogEntry[] {
  const out = new Map<string, CatalogEntry>();
  const add = (event: string, property: string, valueType: CatalogValueType | "", at: Date) => {
    const key = catalogKey({ event, property, valueType });
    const had = out.get(key);
    if (!had) out.set(key, { event, property, valueType, firstSeenAt: at, lastSeenAt: at });
    else if (at > had.lastSeenAt) had.lastSeenAt = at;
    else if (at < had.firstSeenAt) had.firstSeenAt = at;
  };
  for (const m of messages) {
    const name = catalogName(m.type, m.event);
    if (name === null) continue;
    add(name, "", "", m.receivedAt);
    let n = 0;
    for (const [key, value] of Object.entries(m.properties)) {
      if (++n > CATALOG_MAX_KEYS_PER_MESSAGE) break;
      const type = valueTypeOf(value);
      if (type && key.length > 0 && key.length <= CATALOG_MAX_NAME) add(name, key, type, m.receivedAt);
    }
  }
  return [...out.values()];
}

export interface CatalogRow {
  event: string;
  property: string;
  valueType: string;
  lastSeenAt: Date;
}

export interface CatalogProperty {
  key: string;
  types: string[];
  lastSeenAt: Date;
}

export interface CatalogEvent {
  event: string;
  lastSeenAt: Date;
  properties: CatalogProperty[];
}

/** Catalog rows grouped per event (most recently seen first), keys sorted, types merged per key. */
export function groupCatalog(rows: CatalogRow[]): CatalogEvent[] {
  const events = new Map<string, CatalogEvent>();
  const props = new Map<string, CatalogProperty>();
  for (const r of rows) {
    let e = events.get(r.event);
    if (!e) events.set(r.event, (e = { event: r.event, lastSeenAt: r.lastSeenAt, properties: [] }));
    if (r.property === "") {
      if (r.lastSeenAt > e.lastSeenAt) e.lastSeenAt = r.lastSeenAt;
      continue;
    }
    const key = `${r.event}\u0000${r.property}`;
    const p = props.get(key);
    if (!p) {
      const np = { key: r.property, types: [r.valueType], lastSeenAt: r.lastSeenAt };
      props.set(key, np);
      e.properties.push(np);
    } else {
      if (!p.types.includes(r.valueType)) p.types.push(r.valueType);
      if (r.lastSeenAt > p.lastSeenAt) p.lastSeenAt = r.lastSeenAt;
    }
  }
  const list = [...events.values()];
  for (const e of list) {
    e.properties.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const p of e.properties) p.types.sort();
  }
  return list.sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime() || (a.event < b.event ? -1 : 1));
}

/** The catalog's track event names (not page or screen views), most recently seen first: what event-name fields suggest. */
export function trackEventNames(catalog: Pick<CatalogEvent, "event">[]): string[] {
  return catalog.filter((e) => e.event !== PAGEVIEW && e.event !== SCREENVIEW).map((e) => e.event);
}
