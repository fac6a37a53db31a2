// The event stream's rows as the client component receives them (plain, serialisable), built from the
// data layer's events on the server.
import type { ProfileEvent, ProfileEventsPage } from "@/lib/data/profiles";

export interface StreamEvent {
  seq: string;
  label: string;
  type: string;
  timestamp: string;
  sourceId: string;
  sourceName: string | null;
  messageId: string;
  channel: string | null;
  pagePath: string | null;
  /** Properties (track/page) or traits (identify/group), pretty-printed; shown as text. */
  details: string | null;
}

export interface StreamPage {
  events: StreamEvent[];
  nextCursor: string | null;
}

function details(e: ProfileEvent): string | null {
  const body = e.type === "identify" || e.type === "group" ? e.traits : e.properties;
  return Object.keys(body).length ? JSON.stringify(body, null, 2) : null;
}

export function toStreamEvent(e: ProfileEvent): StreamEvent {
  return {
    seq: e.seq,
    label: e.label,
    type: e.type,
    timestamp: e.timestamp.toISOString(),
    sourceId: e.sourceId,
    sourceName: e.sourceName,
    messageId: e.messageId,
    channel: e.channel,
    pagePath: e.pagePath,
    details: details(e),
  };
}

export const toStreamPage = (p: ProfileEventsPage): StreamPage => ({ events: p.events.map(toStreamEvent), nextCursor: p.nextCursor });
