// A destination's event filter: by source, type and name (empty list = any). Pure; the dispatcher
// applies the same rule in SQL (destination-outbox.ts) — this is its reference and the form's check.

export const EVENT_TYPES = ["identify", "track", "page", "screen", "group", "alias"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface EventFilter {
  sources: readonly string[];
  types: readonly string[];
  names: readonly string[];
}

export interface FilterableEvent {
  sourceId: string;
  type: string;
  /** A track's event name, or a page/screen name. */
  event: string | null;
  name: string | null;
}

export function matchesFilter(f: EventFilter, e: FilterableEvent): boolean {
  if (f.sources.length && !f.sources.includes(e.sourceId)) return false;
  if (f.types.length && !f.types.includes(e.type)) return false;
  if (f.names.length) {
    const n = e.event ?? e.name;
    if (n === null || !f.names.includes(n)) return false;
  }
  return true;
}

/** Splits items into consecutive batches of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
