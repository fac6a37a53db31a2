// The timeline API's item shape (GET /api/v1/profiles/{ref}/timeline) — a contract outside clients rely
// on: `side`, `kind`, `verb`, `at`, `title` always; the rest per side. Extend, never rename. Pure.
import { timelineHeadline } from "../crm/timeline";
import { cdpTitle, type StreamItem } from "./stream";

export type ApiTimelineItem = {
  side: "crm" | "cdp";
  kind: string;
  verb: string | null;
  at: string;
  title: string;
} & Record<string, unknown>;

export function toApiItem(item: StreamItem): ApiTimelineItem {
  if (item.side === "crm") {
    const c = item.crm;
    return {
      side: "crm",
      kind: c.kind,
      verb: c.verb,
      at: c.occurredAt,
      title: timelineHeadline(c),
      id: c.refId,
      subject: c.title,
      body: c.body,
      outcome: c.outcome,
      duration_seconds: c.durationSeconds,
      author: c.actorName,
      pinned: c.pinned,
      ticket_number: c.number,
      due_at: c.dueAt,
    };
  }
  const e = item.cdp;
  const s = e.session;
  return {
    side: "cdp",
    kind: e.type,
    verb: null,
    at: item.at,
    title: cdpTitle(e),
    seq: e.seq,
    message_id: e.messageId,
    source: { id: e.sourceId, name: e.sourceName },
    event: e.event,
    name: e.name,
    channel: e.channel,
    page_path: e.pagePath,
    page_url: e.pageUrl,
    referrer: e.referrer,
    properties: e.properties,
    revenue: e.revenueCents === null ? null : e.revenueCents / 100,
    key_events: e.keys,
    session: s
      ? { id: s.id, start: s.start, end: s.end, duration_seconds: s.durationSeconds, events: s.events, pages: s.pages, channel: s.channel, landing_page: s.landingPage, referrer: s.referrer, campaign: s.campaign }
      : null,
  };
}
