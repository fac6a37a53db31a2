// A person's journey in one glance: the one-line narrative built from the summary's facts, and the
// gaps between what the team knows and what the product saw, each turned into an action. Pure: the
// facts and `now` are passed in. The same gap rules run in SQL across everyone for /journeys
// (lib/data/journeys.ts), tested against personGaps.

export const ACTIVE_DAYS = 30;
export const TRIAL_ACTIVE_DAYS = 14;
/** Interactions that count as a sales touch (form fills and notes do not: nobody talked to the person). */
export const SALES_TOUCH_KINDS = ["call", "email", "meeting", "demo"] as const;
const DAY_MS = 86_400_000;

export interface FirstTouchFacts {
  at: Date | null;
  channel: string | null;
  utmSource: string | null;
  utmCampaign: string | null;
  referrer: string | null;
  landingPage: string | null;
}

export interface SalesTouch {
  kind: string;
  at: Date;
  author: string | null;
}

export interface JourneyFacts {
  firstTouch: FirstTouchFacts | null;
  firstSeenAt: Date | null;
  signedUpAt: Date | null;
  trialStartedAt: Date | null;
  customerAt: Date | null;
  /** The latest sales touch before becoming a customer (or the latest, when not a customer). */
  salesTouch: SalesTouch | null;
}

const PRETTY_SOURCES: Record<string, string> = {
  linkedin: "LinkedIn",
  facebook: "Facebook",
  fb: "Facebook",
  meta: "Meta",
  instagram: "Instagram",
  ig: "Instagram",
  google: "Google",
  bing: "Bing",
  twitter: "X",
  x: "X",
  tiktok: "TikTok",
  youtube: "YouTube",
  reddit: "Reddit",
  duckduckgo: "DuckDuckGo",
  newsletter: "the newsletter",
};

function prettySource(raw: string | null): string | null {
  if (!raw) return null;
  const key = raw.trim().toLowerCase().replace(/^www\./, "").replace(/\.(com|org|net|co|io)(\.[a-z]{2})?$/, "");
  return PRETTY_SOURCES[key] ?? (raw.trim() || null);
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** "a LinkedIn ad", "Google search", "a link on example.com", "directly". */
export function channelPhrase(t: Pick<FirstTouchFacts, "channel" | "utmSource" | "referrer">): string {
  const source = prettySource(t.utmSource) ?? prettySource(hostOf(t.referrer));
  switch (t.channel) {
    case "Paid Social":
      return source ? `a ${source} ad` : "a paid social ad";
    case "Paid Search":
      return source ? `a ${source} search ad` : "a paid search ad";
    case "Organic Search":
      return source ? `${source} search` : "organic search";
    case "Organic Social":
      return source ? `a post on ${source}` : "social media";
    case "Email":
      return "an email";
    case "Referral":
      return source ? `a link on ${source}` : "a referral";
    case "Direct":
    case null:
      return "";
    default:
      return `the ${t.channel} channel`;
  }
}

const SHORT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const LONG = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const daysBetween = (a: Date, b: Date) => Math.round((Date.parse(dayOf(b)) - Date.parse(dayOf(a))) / DAY_MS);

/** "3 Mar", or "3 Mar 2025" outside the current year. */
export function shortDate(d: Date, now: Date): string {
  return (d.getUTCFullYear() === now.getUTCFullYear() ? SHORT : LONG).format(d);
}

const TOUCH_NOUNS: Record<string, string> = { call: "a call", email: "an email", meeting: "a meeting", demo: "a demo" };

/**
 * "Arrived from a LinkedIn ad (q4-launch) on 3 Mar, started a trial the same day, became a customer
 * on 2 Apr, 6 days after a demo with Priya." Null when nothing is known yet.
 */
export function journeyNarrative(f: JourneyFacts, now: Date): string | null {
  const parts: string[] = [];
  const arrivedAt = f.firstTouch?.at ?? f.firstSeenAt;
  if (arrivedAt) {
    const phrase = f.firstTouch ? channelPhrase(f.firstTouch) : "";
    const campaign = f.firstTouch?.utmCampaign ? ` (${f.firstTouch.utmCampaign})` : "";
    parts.push(phrase ? `Arrived from ${phrase}${campaign} on ${shortDate(arrivedAt, now)}` : `Arrived directly${campaign} on ${shortDate(arrivedAt, now)}`);
  }
  const relative = (d: Date, verb: string) => {
    if (arrivedAt && dayOf(d) === dayOf(arrivedAt)) return `${verb} the same day`;
    return `${verb} on ${shortDate(d, now)}`;
  };
  if (f.trialStartedAt) parts.push(relative(f.trialStartedAt, "started a trial"));
  else if (f.signedUpAt) parts.push(relative(f.signedUpAt, "signed up"));
  if (f.customerAt) {
    let text = relative(f.customerAt, "became a customer");
    const t = f.salesTouch;
    if (t && t.at <= f.customerAt) {
      const days = daysBetween(t.at, f.customerAt);
      const when = days === 0 ? "the day of" : days === 1 ? "1 day after" : `${days} days after`;
      text += `, ${when} ${TOUCH_NOUNS[t.kind] ?? `a ${t.kind}`}${t.author ? ` with ${t.author.split(" ")[0]}` : ""}`;
    }
    parts.push(text);
  } else if (f.trialStartedAt || f.signedUpAt) {
    parts.push("not a customer yet");
  }
  if (!parts.length) return null;
  const text = parts.join(", ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

// ───────────────────────────── gaps ─────────────────────────────

export type GapKind = "lead_no_contact" | "no_owner" | "trial_no_touch" | "never_seen";

export const GAP_LABELS: Record<GapKind, string> = {
  lead_no_contact: "Active product user with no CRM contact",
  no_owner: "Customer with no owner",
  trial_no_touch: "Active trial with no sales touch",
  never_seen: "Contact never seen in the product",
};

export const GAP_DEFINITIONS: Record<GapKind, string> = {
  lead_no_contact: `Signed up (or known by email) and seen in the product in the last ${ACTIVE_DAYS} days, but no CRM contact is linked.`,
  no_owner: "Became a customer (first revenue, per the lifecycle setting) but their CRM contact has no owner — or they have no contact at all.",
  trial_no_touch: `Started a trial in the last ${TRIAL_ACTIVE_DAYS} days, not a customer yet, and no call, email, meeting or demo since the trial started.`,
  never_seen: "A CRM contact the product has never seen: no event from a website, app or server source is linked to them (only the CRM's own activity).",
};

export interface GapInput {
  hasProfile: boolean;
  /** Known by an email identifier. */
  hasEmail: boolean;
  hasContact: boolean;
  ownerId: string | null;
  lastSeenAt: Date | null;
  signedUpAt: Date | null;
  trialStartedAt: Date | null;
  customerAt: Date | null;
  /** The latest sales touch (call/email/meeting/demo) on any of the person's contacts. */
  lastSalesTouchAt: Date | null;
}

/** The gaps of one person, most urgent first. */
export function personGaps(p: GapInput, now: Date): GapKind[] {
  const gaps: GapKind[] = [];
  const within = (d: Date | null, days: number) => d !== null && d.getTime() > now.getTime() - days * DAY_MS && d.getTime() <= now.getTime();
  if (p.customerAt && (!p.hasContact || p.ownerId === null)) gaps.push("no_owner");
  if (p.trialStartedAt && !p.customerAt && within(p.trialStartedAt, TRIAL_ACTIVE_DAYS) && !(p.lastSalesTouchAt && p.lastSalesTouchAt >= p.trialStartedAt)) gaps.push("trial_no_touch");
  if (p.hasProfile && !p.hasContact && (p.signedUpAt !== null || p.hasEmail) && within(p.lastSeenAt, ACTIVE_DAYS)) gaps.push("lead_no_contact");
  if (p.hasContact && !p.hasProfile) gaps.push("never_seen");
  return gaps;
}
