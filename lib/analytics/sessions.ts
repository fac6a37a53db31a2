// Sessions: a person's visits, the unit of the Customer 360 journey, paths and attribution touches.
// Pure, and the reference the SQL in lib/data/sessions.ts is tested against.
//
// Rules (one definition for every view):
// - per resolved person, over page, screen and track events from web and mobile sources; server and
//   `crm` sources (and identify/group/alias calls) never start or extend a session;
// - events in (timestamp, seq) order; a gap of MORE than 30 minutes starts a new session (exactly 30
//   minutes does not); midnight does not split one;
// - a session's channel, landing page, referrer and campaign are its first event's;
// - it shows pages seen (page and screen events), events, start, end and duration.

export const SESSION_GAP_MS = 30 * 60 * 1000;
export const SESSION_EVENT_TYPES = ["page", "screen", "track"] as const;
export const SESSION_SOURCE_KINDS = ["web", "mobile"] as const;

export interface SessionEvent {
  /** Ingest order, the tie-break after the timestamp (events.seq). */
  seq: number;
  at: Date;
  type: string;
  sourceKind: string;
  channel: string | null;
  pagePath: string | null;
  referrer: string | null;
  utmCampaign: string | null;
}

export interface Session {
  /** The first event's seq: stable while the session's first event stays its first. */
  firstSeq: number;
  start: Date;
  end: Date;
  durationSeconds: number;
  events: number;
  pages: number;
  channel: string;
  landingPage: string | null;
  referrer: string | null;
  campaign: string | null;
  /** Seqs of the events in the session, in order. */
  seqs: number[];
}

export function inSession(e: Pick<SessionEvent, "type" | "sourceKind">): boolean {
  return (SESSION_EVENT_TYPES as readonly string[]).includes(e.type) && (SESSION_SOURCE_KINDS as readonly string[]).includes(e.sourceKind);
}

const byTimeThenSeq = (a: SessionEvent, b: SessionEvent) => a.at.getTime() - b.at.getTime() || a.seq - b.seq;

/** One person's sessions, oldest first. Events that cannot be in a session are ignored. */
export function sessionize(events: SessionEvent[]): Session[] {
  const sessions: Session[] = [];
  let current: Session | null = null;
  for (const e of events.filter(inSession).sort(byTimeThenSeq)) {
    if (!current || e.at.getTime() - current.end.getTime() > SESSION_GAP_MS) {
      current = {
        firstSeq: e.seq,
        start: e.at,
        end: e.at,
        durationSeconds: 0,
        events: 0,
        pages: 0,
        channel: e.channel ?? "Direct",
        landingPage: e.pagePath,
        referrer: e.referrer,
        campaign: e.utmCampaign,
        seqs: [],
      };
      sessions.push(current);
    }
    current.end = e.at;
    current.durationSeconds = Math.round((current.end.getTime() - current.start.getTime()) / 1000);
    current.events += 1;
    if (e.type === "page" || e.type === "screen") current.pages += 1;
    current.seqs.push(e.seq);
  }
  return sessions;
}
