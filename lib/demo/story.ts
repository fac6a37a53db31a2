// One person's life with Loopwise, simulated: how they found the website, whether and when they signed
// up, used the trial, paid, renewed and churned — as Segment messages — and what the team did around
// it (CRM contact, lifecycle stages, calls, notes, tickets, tasks). Pure: the seed, the window and
// the person's index decide everything; ids come from counters; no clock, no Math.random, no I/O.
import {
  APP_BILLING,
  APP_ONBOARDING,
  APP_PAGES,
  BLOG_PAGES,
  BROWSE_PAGES,
  CALL_NOTES,
  CANCEL_REASONS,
  CHANNEL_STORY,
  COMPANY_SIZES,
  COMPANY_TLDS,
  COMPANY_WORDS,
  DEAL_NOTES,
  EMAIL_CAMPAIGNS,
  EMAIL_TOUCHES,
  OUTREACH_EMAILS,
  FIRST_NAMES,
  GA4_CHANNELS,
  GEOS,
  INDUSTRIES,
  INTEGRATIONS,
  JOB_TITLES,
  LAST_NAMES,
  MEETINGS,
  MONTHLY_CHURN,
  ORGANIC_SEARCH_REFERRERS,
  ORGANIC_SOCIAL_REFERRERS,
  PAGES,
  PAID_SEARCH_CAMPAIGNS,
  PAID_SOCIAL_CAMPAIGNS,
  PERSONAL_NOTES,
  PLAN_PRICES,
  PRODUCT,
  PROJECT_TEMPLATES,
  REFERRAL_SITES,
  SERVER_LIBRARY,
  SITE,
  SUCCESS_CALL_NOTES,
  SUCCESS_EMAILS,
  TASK_TITLES,
  TICKET_REPLIES,
  TICKETS,
  TRIAL_DAYS,
  USAGE_EVENTS,
  USER_AGENTS,
  WEB_LIBRARY,
  type Channel,
  type Geo,
  type PlanName,
  type SitePage,
  type SpendChannel,
} from "./catalog";
import { demoHex, demoId, demoShortId } from "./ids";
import { createRng, type Rng } from "./prng";
import { addMonths, DAY, HOUR, iso, MINUTE, monthKey, preferWeekday, SECOND, workTime } from "./time";
import type {
  AccountRow,
  CallOutcome,
  CompanyRow,
  ContactRow,
  ContactStageRow,
  DemoWindow,
  EventRow,
  InteractionRow,
  Json,
  LifecycleStage,
  TaskRow,
  TicketCommentRow,
  TicketPriority,
  TicketRow,
  TicketStatus,
} from "./types";

/** Share of sign-ups whose browsing was tracked before they signed up (the rest accepted cookies only
 *  on the sign-up form, so their first tracked message is the identify). */
export const PRIOR_VISIT_SHARE = 0.56;

// ───────────────────────────── shared state across people ─────────────────────────────

export interface CompanyEntry {
  index: number;
  row: CompanyRow;
  account: AccountRow;
  successId: string;
}

/** State that spans people and so must be visited in person order (the generator guarantees it). */
export interface StoryContext {
  seed: number;
  window: DemoWindow;
  /** Latest instant anything may happen at (a little before the anchor so derived times stay inside). */
  lastMs: number;
  sources: { website: string; backend: string };
  salesReps: string[];
  successAgents: string[];
  companies: CompanyEntry[];
  domains: Set<string>;
  emails: Set<string>;
  nextTicketNumber: number;
  /** Per-channel conversion accumulator (see simulatePerson). */
  paidCarry: Map<Channel, number>;
  /** Visitors brought by each ad platform per month ("Google Ads|2025-03" → n), for marketing_spend. */
  acquisitions: Map<string, number>;
}

export interface PersonStory {
  index: number;
  events: EventRow[];
  newCompany: CompanyEntry | null;
  contact: ContactRow | null;
  contactStages: ContactStageRow[];
  interactions: InteractionRow[];
  tickets: TicketRow[];
  ticketComments: TicketCommentRow[];
  tasks: TaskRow[];
}

// ───────────────────────────── acquisition ─────────────────────────────

interface Campaign {
  source: string;
  medium: string;
  name: string;
  term?: string;
  content?: string;
}

interface Arrival {
  channel: Channel;
  referrer: string;
  campaign: Campaign | null;
  /** Query string of the landing URL, "" or "?utm_source=…". */
  search: string;
  landing: SitePage;
  spend: SpendChannel | null;
  /** Multiplies the channel's paid-conversion rate (LinkedIn's B2B audience converts better than Meta's). */
  paidFactor: number;
}

function utmSearch(c: Campaign, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  q.set("utm_source", c.source);
  q.set("utm_medium", c.medium);
  q.set("utm_campaign", c.name);
  if (c.term) q.set("utm_term", c.term);
  if (c.content) q.set("utm_content", c.content);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `?${q.toString()}`;
}

const CHANNEL_SHARES = GA4_CHANNELS.map((c) => [c, CHANNEL_STORY[c].share] as const);

function arrivalFor(rng: Rng, channel: Channel, seed: number, person: number): Arrival {
  const base = { channel, referrer: "", campaign: null, search: "", spend: null, paidFactor: 1 };
  switch (channel) {
    case "Paid Search": {
      const c = rng.weighted(PAID_SEARCH_CAMPAIGNS.map((x, i) => [x, [0.3, 0.35, 0.25, 0.1][i]] as const));
      const campaign: Campaign = { source: "google", medium: "cpc", name: c.name, term: rng.pick(c.terms), content: rng.pick(c.content) };
      const landing =
        c.name === "search-brand"
          ? rng.pick([PAGES.home, PAGES.pricing])
          : c.name === "search-competitor"
            ? rng.pick([PAGES.compareAsana, PAGES.lpSwitch])
            : c.name === "search-automation"
              ? PAGES.automations
              : PAGES.lpTeams;
      return { ...base, referrer: "https://www.google.com/", campaign, search: utmSearch(campaign, { gclid: `Cj0KCQiA${rng.token(78)}` }), landing, spend: "Google Ads" };
    }
    case "Paid Social": {
      const platform = rng.weighted([["facebook", 0.45], ["instagram", 0.2], ["linkedin", 0.35]] as const);
      const campaign: Campaign = {
        source: platform,
        medium: "paid_social",
        name: rng.pick(PAID_SOCIAL_CAMPAIGNS[platform]),
        content: rng.pick(["carousel-a", "carousel-b", "video-15s", "static-quote", "single-image"]),
      };
      const landing = rng.pick([PAGES.lpTeams, PAGES.lpWebinar, PAGES.templates, PAGES.lpSwitch]);
      if (platform === "linkedin") {
        const search = utmSearch(campaign, { li_fat_id: demoId(seed, "li_fat_id", person) });
        return { ...base, referrer: "https://www.linkedin.com/", campaign, search, landing, spend: "LinkedIn", paidFactor: 1.5 };
      }
      const referrer = platform === "facebook" ? rng.pick(["https://l.facebook.com/", "https://m.facebook.com/"]) : "https://l.instagram.com/";
      const search = utmSearch(campaign, { fbclid: `IwAR${rng.token(56)}` });
      return { ...base, referrer, campaign, search, landing, spend: "Meta", paidFactor: platform === "facebook" ? 0.8 : 0.7 };
    }
    case "Organic Search": {
      const landing = rng.weighted([
        [rng.pick(BLOG_PAGES), 0.5],
        [PAGES.home, 0.25],
        [rng.pick([PAGES.features, PAGES.pricing, PAGES.compareAsana, PAGES.templates]), 0.25],
      ] as const);
      return { ...base, referrer: rng.weighted(ORGANIC_SEARCH_REFERRERS), landing };
    }
    case "Organic Social": {
      const referrer = rng.weighted(ORGANIC_SOCIAL_REFERRERS);
      const landing = rng.chance(0.7) ? rng.pick(BLOG_PAGES) : rng.pick([PAGES.home, PAGES.changelog, PAGES.templates]);
      if (referrer.includes("linkedin") && rng.chance(0.4)) {
        const campaign: Campaign = { source: "linkedin", medium: "social", name: rng.pick(["founder-posts", "workload-report-launch", "customer-story-series"]) };
        return { ...base, referrer, campaign, search: utmSearch(campaign), landing };
      }
      return { ...base, referrer, landing };
    }
    case "Email": {
      const name = rng.pick(EMAIL_CAMPAIGNS);
      const campaign: Campaign = {
        source: name.startsWith("partner") ? "partner-newsletter" : "newsletter",
        medium: "email",
        name,
        content: rng.pick(["cta-button", "header-link", "footer-link", "hero-image"]),
      };
      const landing = name.startsWith("webinar") ? PAGES.lpWebinar : rng.pick([PAGES.changelog, PAGES.blogWorkload, PAGES.automations, PAGES.home]);
      const referrer = rng.chance(0.2) ? "https://mail.google.com/" : "";
      return { ...base, referrer, campaign, search: utmSearch(campaign), landing };
    }
    case "Referral":
      return { ...base, referrer: rng.pick(REFERRAL_SITES), landing: rng.weighted([[PAGES.home, 0.5], [PAGES.pricing, 0.25], [PAGES.customers, 0.25]] as const) };
    case "Direct":
      return { ...base, landing: rng.weighted([[PAGES.home, 0.7], [PAGES.pricing, 0.2], [PAGES.signup, 0.1]] as const) };
  }
}

/** A later visit by someone who already knows Loopwise: mostly typed in or searched by name. */
function returningArrival(rng: Rng, first: Arrival, seed: number, person: number): Arrival {
  const r = rng.float();
  if (r < 0.62) return arrivalFor(rng, "Direct", seed, person);
  if (r < 0.84) {
    const a = arrivalFor(rng, "Organic Search", seed, person);
    return { ...a, landing: rng.pick([PAGES.home, PAGES.pricing]) };
  }
  return arrivalFor(rng, first.channel, seed, person);
}

function inAppArrival(rng: Rng, dayNumber: number): Arrival {
  if (rng.chance(0.12)) {
    const campaign: Campaign = { source: "loopwise", medium: "email", name: rng.pick(["trial-nurture", "weekly-digest", "feature-announcement"]), content: `day-${dayNumber}` };
    return { channel: "Email", referrer: "", campaign, search: utmSearch(campaign), landing: APP_PAGES[0], spend: null, paidFactor: 1 };
  }
  return { channel: "Direct", referrer: "", campaign: null, search: "", landing: rng.pick(APP_PAGES), spend: null, paidFactor: 1 };
}

// ───────────────────────────── message emission ─────────────────────────────

interface Device {
  anonymousId: string;
  userAgent: string;
  ip: string;
  mobile: boolean;
}

interface Session {
  device: Device;
  arrival: Arrival;
  userId: string | null;
  url: string | null;
  page: SitePage | null;
  pageSearch: string;
  pageReferrer: string;
}

class Emitter {
  readonly events: EventRow[] = [];
  private counter = 0;

  constructor(
    private readonly ctx: StoryContext,
    private readonly person: number,
    private readonly rng: Rng,
    private readonly geo: Geo,
  ) {}

  private push(source: "web" | "server", t: number, e: Omit<EventRow, "sourceId" | "messageId" | "person" | "timestamp" | "originalTimestamp" | "sentAt" | "receivedAt">): void {
    if (t > this.ctx.lastMs || t < this.ctx.window.startMs) return;
    t = Math.round(t);
    const rng = this.rng;
    // Segment's clock correction: timestamp = receivedAt − (sentAt − originalTimestamp). A browser's
    // clock may be a little off and it batches for a moment; servers are in sync and send at once.
    const skew = source === "web" && rng.chance(0.1) ? -rng.int(1, 90) * SECOND : 0;
    const batch = source === "web" ? rng.int(5, 350) : rng.int(2, 40);
    const latency = source === "web" ? rng.int(40, 320) : rng.int(3, 30);
    const originalTimestamp = t + skew;
    const sentAt = originalTimestamp + batch;
    const timestamp = t + latency;
    const receivedAt = timestamp + batch;
    const n = this.counter++;
    // Spelled out rather than spread: one hidden class for millions of rows is measurably faster.
    this.events.push({
      sourceId: source === "web" ? this.ctx.sources.website : this.ctx.sources.backend,
      messageId: source === "web" ? `ajs-next-${demoHex(this.ctx.seed, "msg-web", this.person, n)}` : demoId(this.ctx.seed, "msg-server", this.person, n),
      type: e.type,
      event: e.event,
      name: e.name,
      userId: e.userId,
      anonymousId: e.anonymousId,
      groupId: e.groupId,
      properties: e.properties,
      traits: e.traits,
      context: e.context,
      channel: e.channel,
      person: this.person,
      timestamp,
      originalTimestamp,
      sentAt,
      receivedAt,
    });
  }

  private webContext(s: Session): Json {
    const ctx: Json = {
      library: WEB_LIBRARY,
      userAgent: s.device.userAgent,
      ip: s.device.ip,
      locale: this.geo.locale,
      timezone: this.geo.timezone,
      page: s.page
        ? { path: s.page.path, referrer: s.pageReferrer, search: s.pageSearch, title: s.page.title, url: s.url }
        : undefined,
    };
    if (s.pageSearch && s.arrival.campaign) ctx.campaign = s.arrival.campaign;
    return ctx;
  }

  page(s: Session, t: number, page: SitePage): void {
    const first = s.url === null;
    s.pageSearch = first ? s.arrival.search : "";
    s.pageReferrer = first ? s.arrival.referrer : (s.url ?? "");
    s.url = `${SITE}${page.path}${s.pageSearch}`;
    s.page = page;
    const context = this.webContext(s);
    const properties = { path: page.path, referrer: s.pageReferrer, search: s.pageSearch, title: page.title, url: s.url };
    this.push("web", t, { type: "page", event: null, name: page.name, userId: s.userId, anonymousId: s.device.anonymousId, groupId: null, properties, traits: {}, context, channel: s.arrival.channel });
  }

  track(s: Session, t: number, event: string, properties: Json = {}): void {
    this.push("web", t, { type: "track", event, name: null, userId: s.userId, anonymousId: s.device.anonymousId, groupId: null, properties, traits: {}, context: this.webContext(s), channel: s.arrival.channel });
  }

  identify(s: Session, t: number, traits: Json): void {
    this.push("web", t, { type: "identify", event: null, name: null, userId: s.userId, anonymousId: s.device.anonymousId, groupId: null, properties: {}, traits, context: this.webContext(s), channel: s.arrival.channel });
  }

  group(s: Session, t: number, groupId: string, traits: Json): void {
    this.push("web", t, { type: "group", event: null, name: null, userId: s.userId, anonymousId: s.device.anonymousId, groupId, properties: {}, traits, context: this.webContext(s), channel: s.arrival.channel });
  }

  serverTrack(t: number, userId: string, event: string, properties: Json): void {
    this.push("server", t, { type: "track", event, name: null, userId, anonymousId: null, groupId: null, properties, traits: {}, context: { library: SERVER_LIBRARY }, channel: null });
  }

  serverIdentify(t: number, userId: string, traits: Json): void {
    this.push("server", t, { type: "identify", event: null, name: null, userId, anonymousId: null, groupId: null, properties: {}, traits, context: { library: SERVER_LIBRARY }, channel: null });
  }
}

/** What a new user does next in their first visit after creating a project: from each step (an app
 *  page path or an event), the weighted next ones. Gives Paths from "Signed Up" its branches. */
const ONBOARDING_NEXT: Record<string, readonly (readonly [string, number])[]> = {
  "Project Created": [["/app/projects", 4], ["Teammate Invited", 2], ["/app/automations", 1], ["/app/my-tasks", 2]],
  "/app/projects": [["Task Created", 6], ["/app/my-tasks", 1]],
  "Task Created": [["Teammate Invited", 3], ["Task Completed", 2], ["/app/inbox", 1], ["File Attached", 1]],
  "Teammate Invited": [["Integration Connected", 2], ["/app/reports/workload", 2], ["Task Created", 2]],
  "/app/automations": [["Automation Created", 3], ["/app/projects", 1]],
  "Automation Created": [["Task Created", 1], ["Teammate Invited", 1]],
  "/app/my-tasks": [["Task Completed", 2], ["Task Created", 2]],
  "Task Completed": [["/app/reports/workload", 1], ["Task Created", 1], ["Teammate Invited", 1]],
  "/app/inbox": [["Comment Added", 1], ["/app/my-tasks", 1]],
  "Comment Added": [["Task Completed", 1], ["/app", 1]],
  "File Attached": [["Comment Added", 1], ["Task Completed", 1]],
  "Integration Connected": [["/app/automations", 1], ["/app", 1]],
  "/app/reports/workload": [["Report Viewed", 1]],
  "Report Viewed": [["/app/projects", 1], ["Teammate Invited", 1]],
  "/app": [["/app/projects", 1], ["/app/inbox", 1]],
};

// ───────────────────────────── helpers ─────────────────────────────

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

function asciiSlug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

function makeDevice(rng: Rng, seed: number, person: number, n: number, geo: Geo, mobile: boolean): Device {
  return {
    anonymousId: demoId(seed, "anonymous_id", person, n),
    userAgent: rng.weighted(mobile ? USER_AGENTS.mobile : USER_AGENTS.desktop),
    ip: `${geo.ipPrefix}.${rng.int(1, 254)}.${rng.int(1, 254)}`,
    mobile,
  };
}

function newSession(device: Device, arrival: Arrival, userId: string | null): Session {
  return { device, arrival, userId, url: null, page: null, pageSearch: "", pageReferrer: "" };
}

/** The first visit: more recent days are busier (the company is growing) and weekends are quiet. */
function acquisitionTime(rng: Rng, ctx: StoryContext, geo: Geo): number {
  const { startMs } = ctx.window;
  const span = ctx.lastMs - startMs;
  const g = 0.6;
  const u = rng.float();
  const x = (-1 + Math.sqrt(1 + 2 * g * u * (1 + g / 2))) / g;
  let t = startMs + x * span;
  t = workTime(rng, preferWeekday(rng, t, geo, 0.45), geo);
  return Math.min(ctx.lastMs - HOUR, Math.max(startMs + 10 * MINUTE, t));
}

function sizeToSeats(size: string): number {
  const lo = Number(size.split("-")[0]);
  return Math.max(3, Math.round(lo * 0.6 + 4));
}

// ───────────────────────────── companies ─────────────────────────────

function createCompany(ctx: StoryContext, rng: Rng, geo: Geo, at: number): CompanyEntry {
  const index = ctx.companies.length;
  const ind = rng.pick(INDUSTRIES);
  let name = "";
  let domain = "";
  for (let attempt = 0; attempt < 12; attempt++) {
    const word = rng.pick(COMPANY_WORDS);
    const suffix = rng.pick(ind.suffixes);
    name = rng.chance(0.2) ? word : `${word} ${suffix}`;
    const tld = rng.weighted(COMPANY_TLDS);
    const stem = asciiSlug(rng.chance(0.5) ? word : name) + (attempt >= 6 ? asciiSlug(suffix) : "");
    domain = `${stem}${tld === "geo" ? geo.tld : tld}`;
    if (attempt >= 10) domain = `${stem}-${index}${tld === "geo" ? geo.tld : tld}`;
    if (!ctx.domains.has(domain)) break;
  }
  ctx.domains.add(domain);
  const id = demoId(ctx.seed, "company", index);
  const externalId = demoShortId("acct", ctx.seed, "account-external", index);
  const size = rng.weighted(COMPANY_SIZES);
  const createdAt = at - rng.int(0, 30) * MINUTE;
  const row: CompanyRow = {
    id,
    name,
    domain,
    externalId,
    industry: ind.industry,
    size,
    ownerId: ctx.salesReps[index % ctx.salesReps.length],
    createdAt,
  };
  const account: AccountRow = {
    id: demoId(ctx.seed, "account", index),
    groupId: externalId,
    traits: { name, website: `https://${domain}`, industry: ind.industry, employees: size },
    companyId: id,
    createdAt,
  };
  const entry = { index, row, account, successId: ctx.successAgents[index % ctx.successAgents.length] };
  ctx.companies.push(entry);
  return entry;
}

/** Colleagues sometimes sign up separately: join a company that already existed by then. */
function companyFor(ctx: StoryContext, rng: Rng, geo: Geo, at: number): { entry: CompanyEntry; created: boolean } {
  if (ctx.companies.length > 0 && rng.chance(0.3)) {
    for (let i = 0; i < 4; i++) {
      const c = ctx.companies[rng.int(0, ctx.companies.length - 1)];
      if (c.row.createdAt <= at) return { entry: c, created: false };
    }
  }
  return { entry: createCompany(ctx, rng, geo, at), created: true };
}

function uniqueEmail(ctx: StoryContext, rng: Rng, first: string, last: string, domain: string): string {
  const f = asciiSlug(first);
  const l = asciiSlug(last);
  const patterns = [`${f}.${l}`, `${f}`, `${f[0]}${l}`, `${f}_${l}`, `${f}${l[0]}`];
  const start = rng.weighted([[0, 60], [1, 15], [2, 15], [3, 5], [4, 5]] as const);
  for (let i = 0; i < patterns.length; i++) {
    const email = `${patterns[(start + i) % patterns.length]}@${domain}`;
    if (!ctx.emails.has(email)) {
      ctx.emails.add(email);
      return email;
    }
  }
  for (let n = 2; ; n++) {
    const email = `${f}.${l}${n}@${domain}`;
    if (!ctx.emails.has(email)) {
      ctx.emails.add(email);
      return email;
    }
  }
}

// ───────────────────────────── the person ─────────────────────────────

interface Activity {
  interactions: InteractionRow[];
  tasks: TaskRow[];
  stages: ContactStageRow[];
}

export function simulatePerson(ctx: StoryContext, index: number): PersonStory {
  const rng = createRng(ctx.seed, "person", index);
  const seed = ctx.seed;
  const geo = rng.weighted(GEOS);
  const channel = rng.weighted(CHANNEL_SHARES);
  const arrival = arrivalFor(rng, channel, seed, index);
  const story = CHANNEL_STORY[channel];
  const out = new Emitter(ctx, index, rng, geo);
  const result: PersonStory = {
    index,
    events: out.events,
    newCompany: null,
    contact: null,
    contactStages: [],
    interactions: [],
    tickets: [],
    ticketComments: [],
    tasks: [],
  };

  const t0 = acquisitionTime(rng, ctx, geo);
  if (arrival.spend) {
    const key = `${arrival.spend}|${monthKey(t0)}`;
    ctx.acquisitions.set(key, (ctx.acquisitions.get(key) ?? 0) + 1);
  }

  const willSignUp = rng.chance(story.signup);
  const trackedBefore = !willSignUp || rng.chance(PRIOR_VISIT_SHARE);

  // A browsing session: the landing page, then a few more pages a minute or two apart.
  const browse = (s: Session, start: number, pages: number, end?: SitePage): number => {
    let t = start;
    out.page(s, t, s.arrival.landing);
    for (let i = 1; i < pages; i++) {
      t += rng.int(15, 180) * SECOND;
      out.page(s, t, rng.pick(BROWSE_PAGES));
    }
    if (end) {
      t += rng.int(20, 120) * SECOND;
      out.page(s, t, end);
    }
    return t;
  };

  if (!willSignUp) {
    // Visitors who never sign up: one to four visits, then they drift away.
    const device = makeDevice(rng, seed, index, 0, geo, rng.chance(0.35));
    const visits = rng.weighted([[1, 60], [2, 25], [3, 10], [4, 5]] as const);
    let t = t0;
    for (let v = 0; v < visits && t <= ctx.lastMs; v++) {
      const s = newSession(device, v === 0 ? arrival : returningArrival(rng, arrival, seed, index), null);
      browse(s, t, rng.weighted([[1, 35], [2, 30], [3, 20], [4, 10], [5, 5]] as const));
      t = workTime(rng, t + Math.max(0.4, rng.exponential(5)) * DAY, geo);
    }
    outboundProspect(ctx, index, geo, t0, result);
    return result;
  }

  // ── Sign-up ──
  const desktop = makeDevice(rng, seed, index, 0, geo, rng.chance(0.12));
  let phone: Device | null = null;
  let ts = t0;
  let signupSession: Session;
  if (trackedBefore) {
    const priorVisits = rng.weighted([[0, 25], [1, 35], [2, 22], [3, 12], [4, 6]] as const);
    // Some people browsed on their phone first and signed up later at their desk.
    const crossDevice = priorVisits > 0 && rng.chance(0.25);
    if (crossDevice) phone = makeDevice(rng, seed, index, 1, geo, true);
    let t = t0;
    for (let v = 0; v < priorVisits; v++) {
      const s = newSession(crossDevice ? phone! : desktop, v === 0 ? arrival : returningArrival(rng, arrival, seed, index), null);
      browse(s, t, rng.weighted([[1, 30], [2, 30], [3, 25], [4, 15]] as const));
      t = workTime(rng, t + Math.max(0.3, Math.min(20, rng.exponential(3))) * DAY, geo);
    }
    ts = t;
    signupSession = newSession(desktop, priorVisits === 0 ? arrival : returningArrival(rng, arrival, seed, index), null);
    if (ts > ctx.lastMs) return result; // still thinking about it as of the anchor
    ts = browse(signupSession, ts, rng.int(1, 3), PAGES.signup) + rng.int(40, 240) * SECOND;
  } else {
    // Consent was given on the sign-up form itself: the identify is the first tracked message,
    // fired on the landing page that carried the campaign.
    signupSession = newSession(desktop, arrival, null);
    signupSession.url = `${SITE}${arrival.landing.path}${arrival.search}`;
    signupSession.page = arrival.landing;
    signupSession.pageSearch = arrival.search;
    signupSession.pageReferrer = arrival.referrer;
  }
  // A sign-up needs a few minutes before the anchor to complete (and to link a second device after it).
  if (ts > ctx.lastMs - 10 * MINUTE) return result;

  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const { entry: company, created } = companyFor(ctx, rng, geo, ts);
  if (created) result.newCompany = company;
  const email = uniqueEmail(ctx, rng, firstName, lastName, company.row.domain);
  const userId = demoShortId("usr", seed, "user_id", index);
  const title = rng.weighted(JOB_TITLES);
  const name = `${firstName} ${lastName}`;
  const vars = { first: firstName, company: company.row.name, product: PRODUCT, size: company.row.size, seats: sizeToSeats(company.row.size) };

  signupSession.userId = userId;
  out.identify(signupSession, ts, { email, name, first_name: firstName, last_name: lastName, company: company.row.name, title, plan: "trial", created_at: iso(ts) });
  out.track(signupSession, ts + rng.int(300, 1500), "Signed Up", { method: rng.chance(0.35) ? "google" : "email", plan: "trial" });
  out.group(signupSession, ts + rng.int(1600, 2500), company.row.externalId, company.account.traits);
  out.serverTrack(ts + rng.int(2600, 5000), userId, "Trial Started", { plan: "pro", trial_days: TRIAL_DAYS, trial_ends_at: iso(ts + TRIAL_DAYS * DAY) });
  out.page(signupSession, ts + rng.int(20, 60) * SECOND, APP_ONBOARDING);
  const firstProjectAt = ts + rng.int(2, 6) * MINUTE;
  out.track(signupSession, firstProjectAt, "Project Created", { template: rng.pick(PROJECT_TEMPLATES), source: "onboarding" });

  // A phone used before sign-up gets linked when they log in on it a few days later.
  let phoneLinkedAt = Infinity;
  if (phone) {
    // Always inside the window: resolution must be able to tie the phone's earlier visits to them.
    phoneLinkedAt = Math.max(ts + 7 * MINUTE, Math.min(workTime(rng, ts + rng.between(1, 12) * DAY, geo), ctx.lastMs - MINUTE));
    const s = newSession(phone, inAppArrival(rng, 0), null);
    out.page(s, phoneLinkedAt - rng.int(20, 90) * SECOND, PAGES.home);
    s.userId = userId;
    out.identify(s, phoneLinkedAt, { email });
  }
  const deviceAt = (t: number): Device => (phone && t > phoneLinkedAt && rng.chance(0.3) ? phone : desktop);

  // Usage: sessions in the app with a few product events each.
  const appSession = (t: number, events: number, dayNumber: number): void => {
    if (t > ctx.lastMs) return;
    const s = newSession(deviceAt(t), inAppArrival(rng, dayNumber), userId);
    let at = t;
    out.page(s, at, s.arrival.landing);
    for (let i = 0; i < events; i++) {
      at += rng.int(20, 600) * SECOND;
      if (rng.chance(0.35)) out.page(s, at, rng.pick(APP_PAGES));
      at += rng.int(5, 120) * SECOND;
      const ev = rng.weighted(USAGE_EVENTS);
      out.track(s, at, ev, usageProperties(rng, ev));
    }
  };

  // Error diffusion instead of an independent coin per person: each channel converts at its stated
  // rate even in a few hundred sign-ups, so a small demo never shows a channel with zero customers by
  // bad luck. Which sign-ups convert still depends on who happens to arrive through the channel.
  const carry = (ctx.paidCarry.get(channel) ?? createRng(seed, "paid-carry", GA4_CHANNELS.indexOf(channel)).float()) + Math.min(0.95, story.paid * arrival.paidFactor);
  const willPay = carry >= 1;
  ctx.paidCarry.set(channel, willPay ? carry - 1 : carry);
  const engagement = willPay ? 0.55 + 0.45 * rng.float() : 0.1 + 0.6 * rng.float();
  // The rest of the sign-up visit: a first look around the app, longer for the keen ones.
  let onboardingAt = firstProjectAt;
  let onboardingStep = "Project Created";
  for (let i = 0; i < 8 && rng.chance(0.3 + 0.55 * engagement); i++) {
    onboardingStep = rng.weighted(ONBOARDING_NEXT[onboardingStep]!);
    onboardingAt += rng.int(20, 240) * SECOND;
    const page = APP_PAGES.find((pg) => pg.path === onboardingStep);
    if (page) out.page(signupSession, onboardingAt, page);
    else out.track(signupSession, onboardingAt, onboardingStep, usageProperties(rng, onboardingStep));
  }
  const plan = pickPlan(rng, company.row.size);
  const salesAssisted = willPay && (plan !== "starter" || rng.chance(0.25));

  // ── CRM: the sales motion around the trial ──
  const contactId = demoId(seed, "contact", index);
  const owner = company.row.ownerId;
  const csm = company.successId;
  const act: Activity = { interactions: [], tasks: [], stages: [] };
  let counter = 0;
  const nextId = (kind: string) => demoId(seed, kind, index, counter++);
  const stage = (s: LifecycleStage, at: number) => {
    if (at <= ctx.lastMs) act.stages.push({ contactId, stage: s, enteredAt: Math.round(at) });
  };
  const interact = (i: Omit<InteractionRow, "id" | "contactId" | "companyId">): void => {
    if (i.occurredAt > ctx.lastMs) return;
    act.interactions.push({ ...i, occurredAt: Math.round(i.occurredAt), id: nextId("interaction"), contactId, companyId: company.row.id });
  };
  const task = (t: Omit<TaskRow, "id" | "contactId" | "companyId" | "ticketId"> & { ticketId?: string | null }): void => {
    if (t.createdAt > ctx.lastMs) return;
    const completedAt = t.completedAt !== null && t.completedAt <= ctx.lastMs ? Math.round(t.completedAt) : null;
    const dueAt = t.dueAt === null ? null : Math.round(t.dueAt);
    act.tasks.push({ ticketId: null, ...t, createdAt: Math.round(t.createdAt), dueAt, completedAt, id: nextId("task"), contactId, companyId: company.row.id });
  };
  stage("lead", ts);

  let upgradeAt = ts + (rng.chance(0.45) ? rng.between(6, TRIAL_DAYS) : rng.between(15, 50)) * DAY;
  let demoAt = 0;
  const isMql = willPay || engagement > 0.42;
  if (isMql) {
    const mqlAt = ts + rng.between(0.5, 5) * DAY;
    if (!(willPay && !salesAssisted && mqlAt > upgradeAt)) stage("mql", mqlAt);
    // Up to three call attempts by the owner until someone picks up.
    let t = workTime(rng, preferWeekday(rng, mqlAt + rng.between(0.2, 1.5) * DAY, geo, 0.05), geo, 11.5, 2);
    let connectedAt = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (willPay && t > upgradeAt) break;
      const outcome = callOutcome(rng, willPay);
      const duration = outcome === "connected" ? rng.int(240, 1500) : outcome === "left_voicemail" ? rng.int(20, 60) : rng.int(0, 25);
      interact({ kind: "call", authorId: owner, occurredAt: t, subject: attempt === 0 ? "Intro call" : "Follow-up call", body: fill(rng.pick(CALL_NOTES[outcome]), vars), outcome, durationSeconds: duration, pinned: false });
      if (outcome === "connected") {
        connectedAt = t;
        task({ title: fill(TASK_TITLES.followUp, vars), notes: null, dueAt: t + DAY, completedAt: t + rng.between(0.1, 1.2) * DAY, assigneeId: owner, createdById: owner, createdAt: t });
        break;
      }
      if (outcome === "wrong_number") {
        const [subject, body] = rng.pick(OUTREACH_EMAILS);
        interact({ kind: "email", authorId: owner, occurredAt: t + rng.int(5, 60) * MINUTE, subject: fill(subject, vars), body: fill(body, vars), outcome: null, durationSeconds: null, pinned: false });
        break;
      }
      const next = workTime(rng, preferWeekday(rng, t + rng.between(1, 3) * DAY, geo, 0.05), geo, 11.5, 2);
      const lastAttempt = attempt === 2;
      task({
        title: fill(TASK_TITLES.retry, vars),
        notes: outcome === "left_voicemail" ? "Left a voicemail — try again, then email." : null,
        dueAt: localNoon(t + DAY, geo),
        completedAt: lastAttempt ? (rng.chance(0.7) ? t + rng.between(1, 3) * DAY : null) : next,
        assigneeId: owner,
        createdById: owner,
        createdAt: t + MINUTE,
      });
      if (rng.chance(0.5)) {
        const [subject, body] = rng.pick(OUTREACH_EMAILS);
        interact({ kind: "email", authorId: owner, occurredAt: t + rng.int(10, 120) * MINUTE, subject: fill(subject, vars), body: fill(body, vars), outcome: null, durationSeconds: null, pinned: false });
      }
      t = next;
    }
    if (connectedAt && rng.chance(willPay ? 0.9 : 0.3)) {
      stage("sql", connectedAt);
      if (salesAssisted || (!willPay && rng.chance(0.45))) {
        demoAt = workTime(rng, preferWeekday(rng, connectedAt + rng.between(2, 7) * DAY, geo, 0), geo, 14, 2);
        interact({ kind: "demo", authorId: owner, occurredAt: demoAt, subject: fill(rng.pick(MEETINGS.demo), vars), body: "Walked through projects, automations and the workload report. Questions about SSO and permissions.", outcome: null, durationSeconds: rng.int(25, 50) * 60, pinned: false });
        if (demoAt <= ctx.lastMs) {
          stage("opportunity", demoAt);
          task({ title: fill(TASK_TITLES.proposal, vars), notes: null, dueAt: demoAt + 2 * DAY, completedAt: demoAt + rng.between(0.5, 3) * DAY, assigneeId: owner, createdById: owner, createdAt: demoAt + 30 * MINUTE });
          if (rng.chance(0.5)) {
            interact({ kind: "note", authorId: owner, occurredAt: demoAt + rng.int(1, 6) * HOUR, subject: "Deal notes", body: fill(rng.pick(DEAL_NOTES), vars), outcome: null, durationSeconds: null, pinned: rng.chance(0.2) });
          }
          const [subject, body] = EMAIL_TOUCHES[3];
          interact({ kind: "email", authorId: owner, occurredAt: workTime(rng, demoAt + rng.between(0.5, 2) * DAY, geo), subject: fill(subject, vars), body: fill(body, vars), outcome: null, durationSeconds: null, pinned: false });
          if (willPay) upgradeAt = Math.max(upgradeAt, demoAt + rng.between(1, 8) * DAY);
          if (!willPay && demoAt > ctx.lastMs - 14 * DAY) {
            // An open deal near the anchor: the rep still has to chase it.
            task({ title: `Follow up on the proposal with ${company.row.name}`, notes: "Waiting on their ops lead's sign-off.", dueAt: localNoon(demoAt + rng.int(3, 12) * DAY, geo), completedAt: null, assigneeId: owner, createdById: owner, createdAt: demoAt + HOUR });
          }
        }
      }
    }
  }

  // ── Trial usage ──
  const trialEnd = ts + TRIAL_DAYS * DAY;
  const paidStart = willPay ? workTime(rng, upgradeAt, geo) : Infinity;
  const activeDays = Math.round(engagement * 10 * rng.between(0.6, 1.2));
  for (let d = 0; d < activeDays; d++) {
    const day = rng.int(1, TRIAL_DAYS - 1);
    const t = workTime(rng, preferWeekday(rng, ts + day * DAY, geo, 0.15), geo);
    if (t < paidStart) appSession(t, rng.int(1, 5), day);
  }
  if (paidStart > trialEnd) {
    out.serverTrack(trialEnd, userId, "Trial Ended", { plan: "pro", converted: false });
    out.serverIdentify(trialEnd + rng.int(50, 900), userId, { plan: "free" });
  }

  let churnedAt = Infinity;
  // Plan changes at renewal and comebacks after churn draw from their own stream, so adding them left
  // every other row of the story as it was.
  const billingRng = createRng(seed, "billing", index);
  let currentPlan: PlanName = plan;
  if (!willPay || paidStart > ctx.lastMs) {
    // Back on the free plan: the odd visit, then silence.
    const visits = rng.weighted([[0, 40], [1, 35], [2, 15], [3, 10]] as const);
    for (let v = 0; v < visits; v++) appSession(workTime(rng, trialEnd + rng.between(1, 60) * DAY, geo), rng.int(1, 2), 20 + v);
  } else {
    // ── Paying customer ──
    const price = PLAN_PRICES[plan];
    const subscriptionId = demoShortId("sub", seed, "subscription", index);
    const billing = newSession(desktop, inAppArrival(rng, 0), userId);
    billing.arrival = { ...billing.arrival, channel: "Direct", campaign: null, search: "", landing: APP_BILLING };
    out.page(billing, paidStart - rng.int(60, 240) * SECOND, APP_BILLING);
    out.track(billing, paidStart - rng.int(10, 50) * SECOND, "Plan Selected", { plan, price, billing_period: "monthly" });
    out.serverTrack(paidStart, userId, "Subscription Started", { subscription_id: subscriptionId, plan, price, revenue: price, currency: "USD", billing_period: "monthly", mrr: price });
    out.serverIdentify(paidStart + rng.int(100, 900), userId, { plan });
    stage("customer", paidStart);

    for (let m = 1; ; m++) {
      const renewal = addMonths(paidStart, m);
      if (rng.chance(MONTHLY_CHURN[plan])) {
        const cancelAt = Math.max(addMonths(paidStart, m - 1) + DAY, renewal - rng.between(1, 12) * DAY);
        if (cancelAt <= ctx.lastMs) {
          churnedAt = cancelAt;
          const reason = rng.weighted(CANCEL_REASONS);
          out.serverTrack(cancelAt, userId, "Subscription Cancelled", { subscription_id: subscriptionId, plan: currentPlan, mrr: PLAN_PRICES[currentPlan], reason, tenure_months: m - 1, currency: "USD" });
          out.serverIdentify(cancelAt + rng.int(100, 900), userId, { plan: "free" });
          stage("other", Math.min(cancelAt + HOUR, ctx.lastMs));
        }
        break;
      }
      if (renewal > ctx.lastMs) break;
      const previous = currentPlan;
      currentPlan = planAtRenewal(billingRng, currentPlan);
      const renewed = PLAN_PRICES[currentPlan];
      const change = currentPlan === previous ? {} : { previous_plan: previous };
      out.serverTrack(renewal, userId, "Subscription Renewed", { subscription_id: subscriptionId, plan: currentPlan, price: renewed, revenue: renewed, currency: "USD", billing_period: "monthly", period: m + 1, ...change });
    }

    // Weekly use while subscribed, fading in the month before a cancellation.
    const until = Math.min(churnedAt, ctx.lastMs);
    for (let w = paidStart + rng.between(1, 4) * DAY; w < until; w += 7 * DAY) {
      const fading = until - w < 30 * DAY && churnedAt !== Infinity;
      if (!rng.chance(fading ? 0.25 : 0.45 + 0.5 * engagement)) continue;
      const sessions = rng.int(1, plan === "business" ? 4 : 3);
      for (let s = 0; s < sessions; s++) appSession(workTime(rng, preferWeekday(rng, w + rng.between(0, 6) * DAY, geo, 0.1), geo), rng.int(1, 4), 30);
    }

    // Customer success: welcome, onboarding, regular check-ins, QBRs for the big accounts.
    const [welcomeSubject, welcomeBody] = SUCCESS_EMAILS[0];
    interact({ kind: "email", authorId: csm, occurredAt: workTime(rng, paidStart + rng.between(0.1, 1) * DAY, geo), subject: fill(welcomeSubject, vars), body: fill(welcomeBody, vars), outcome: null, durationSeconds: null, pinned: false });
    const kickoff = workTime(rng, preferWeekday(rng, paidStart + rng.between(2, 8) * DAY, geo, 0), geo, 14, 2);
    interact({ kind: "meeting", authorId: csm, occurredAt: kickoff, subject: fill(rng.pick(MEETINGS.onboarding), vars), body: "Imported their projects, set up two automations, agreed on a 30-day adoption goal.", outcome: null, durationSeconds: rng.int(30, 60) * 60, pinned: false });
    task({ title: fill(TASK_TITLES.onboarding, vars), notes: null, dueAt: kickoff + 14 * DAY, completedAt: kickoff + rng.between(12, 18) * DAY, assigneeId: csm, createdById: csm, createdAt: kickoff + HOUR });
    for (let t = kickoff + rng.between(30, 60) * DAY; t < until; t += rng.between(30, 60) * DAY) {
      if (rng.chance(0.5)) {
        const [subject, body] = rng.pick(SUCCESS_EMAILS.slice(1));
        interact({ kind: "email", authorId: csm, occurredAt: workTime(rng, t, geo), subject: fill(subject, vars), body: fill(body, { ...vars, n: rng.int(40, 900) }), outcome: null, durationSeconds: null, pinned: false });
      } else {
        interact({ kind: "call", authorId: csm, occurredAt: workTime(rng, t, geo), subject: fill(rng.pick(MEETINGS.checkin), vars), body: fill(rng.pick(SUCCESS_CALL_NOTES), vars), outcome: "connected", durationSeconds: rng.int(300, 1500), pinned: false });
      }
    }
    if (plan === "business") {
      for (let q = paidStart + 90 * DAY; q < until; q += 91 * DAY) {
        interact({ kind: "meeting", authorId: csm, occurredAt: workTime(rng, q, geo, 15, 1.5), subject: fill(MEETINGS.qbr[0], vars), body: "Reviewed adoption, agreed next quarter's goals; they asked about the API.", outcome: null, durationSeconds: 3600, pinned: false });
      }
      if (churnedAt === Infinity) {
        task({ title: fill(TASK_TITLES.qbr, vars), notes: "Pull workload and adoption numbers first.", dueAt: localNoon(ctx.window.endMs + rng.int(3, 25) * DAY, geo), completedAt: null, assigneeId: csm, createdById: csm, createdAt: ctx.lastMs - rng.int(1, 10) * DAY });
      }
    }
    if (churnedAt === Infinity && engagement > 0.8 && paidStart < ctx.lastMs - 90 * DAY && rng.chance(0.35)) {
      stage("evangelist", paidStart + rng.between(90, 120) * DAY);
    }
    if (churnedAt !== Infinity && rng.chance(0.6)) {
      interact({ kind: "call", authorId: csm, occurredAt: Math.max(paidStart + HOUR, workTime(rng, churnedAt - rng.between(0.2, 3) * DAY, geo)), subject: "Cancellation call", body: `${firstName} confirmed they're cancelling. Offered a downgrade; they'll revisit next year.`, outcome: "connected", durationSeconds: rng.int(300, 900), pinned: false });
    }
    supportTickets(ctx, rng, geo, result, { contactId, companyId: company.row.id, csm, plan, vars, from: paidStart + 3 * DAY, until, taskSink: task });
  }

  // Personal notes: the small things good reps remember.
  if (act.interactions.length > 0 && rng.chance(willPay ? 0.3 : 0.12)) {
    const first = act.interactions[0].occurredAt;
    const latest = Math.min(ctx.lastMs, Math.max(first + DAY, Math.min(churnedAt, ctx.lastMs)));
    interact({ kind: "note", authorId: willPay && rng.chance(0.5) ? csm : owner, occurredAt: Math.min(latest, workTime(rng, first + rng.float() * (latest - first), geo)), subject: null, body: fill(rng.pick(PERSONAL_NOTES), vars), outcome: null, durationSeconds: null, pinned: rng.chance(0.35) });
  }

  // The CRM has not caught up with every recent trial yet: these are the "leads for sales" (product
  // users with no contact). Decided on a stream of its own so everyone else's story is unchanged.
  if (!willPay && ts > ctx.lastMs - CRM_LAG_DAYS * DAY && createRng(seed, "crm-lag", index).chance(CRM_LAG_SHARE)) return result;

  act.stages.sort((a, b) => a.enteredAt - b.enteredAt);
  const finalStage = act.stages.length ? act.stages[act.stages.length - 1].stage : "lead";
  const lastInteractionAt = act.interactions.reduce<number | null>((m, i) => (m === null || i.occurredAt > m ? i.occurredAt : m), null);
  const stageAt = act.stages.length ? act.stages[act.stages.length - 1].enteredAt : ts;
  result.contact = {
    id: contactId,
    email,
    firstName,
    lastName,
    phone: rng.chance(0.65) ? geo.phone(String(rng.int(100000, 999999))) : null,
    jobTitle: title,
    companyId: company.row.id,
    // Customers whose rep moved on and whose book was never reassigned: the "customers with no owner" gap.
    ownerId: willPay && createRng(seed, "unowned", index).chance(UNOWNED_CUSTOMER_SHARE) ? null : owner,
    lifecycleStage: finalStage,
    lastInteractionAt,
    createdAt: ts,
    updatedAt: Math.max(stageAt, lastInteractionAt ?? ts),
  };
  result.contactStages = act.stages;
  result.interactions.push(...act.interactions);
  result.tasks.push(...act.tasks);
  // Last, so the messages it adds draw on the person's stream after everything else did.
  if (churnedAt !== Infinity) comeBack(ctx, out, billingRng, { seed, index, userId, plan: currentPlan, churnedAt });
  return result;
}

/** Recent non-paying sign-ups within this many days of the anchor may not have a contact yet… */
export const CRM_LAG_DAYS = 14;
/** …this share of them. */
export const CRM_LAG_SHARE = 0.35;
/** Share of paying customers whose contact has no owner. */
export const UNOWNED_CUSTOMER_SHARE = 0.15;
/** Share of visitors who never sign up but whom sales reached out to (a bought list, an event). */
export const PROSPECT_SHARE = 0.05;

/**
 * An outbound prospect: a contact the team works (outreach emails and calls) whose browsing stays
 * anonymous — the product never learns who they are, so their contact is "never seen in the product".
 * Its own random stream, so the visitor's story is unchanged.
 */
function outboundProspect(ctx: StoryContext, index: number, geo: Geo, t0: number, result: PersonStory): void {
  const rng = createRng(ctx.seed, "prospect", index);
  if (!rng.chance(PROSPECT_SHARE)) return;
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const { entry: company, created } = companyFor(ctx, rng, geo, t0);
  if (created) result.newCompany = company;
  const email = uniqueEmail(ctx, rng, firstName, lastName, company.row.domain);
  const contactId = demoId(ctx.seed, "contact", index);
  const owner = company.row.ownerId;
  const vars = { first: firstName, company: company.row.name, product: PRODUCT, size: company.row.size, seats: sizeToSeats(company.row.size) };
  const createdAt = Math.min(ctx.lastMs, workTime(rng, t0 + rng.between(0, 10) * DAY, geo));
  let t = createdAt;
  let n = 0;
  for (let touch = 0; touch < rng.int(1, 3) && t <= ctx.lastMs; touch++) {
    const call = rng.chance(0.4);
    if (call) {
      const outcome = callOutcome(rng, false);
      result.interactions.push({ id: demoId(ctx.seed, "interaction", index, n++), kind: "call", contactId, companyId: company.row.id, authorId: owner, occurredAt: Math.round(t), subject: "Intro call", body: fill(rng.pick(CALL_NOTES[outcome]), vars), outcome, durationSeconds: outcome === "connected" ? rng.int(120, 900) : rng.int(0, 40), pinned: false });
    } else {
      const [subject, body] = rng.pick(OUTREACH_EMAILS);
      result.interactions.push({ id: demoId(ctx.seed, "interaction", index, n++), kind: "email", contactId, companyId: company.row.id, authorId: owner, occurredAt: Math.round(t), subject: fill(subject, vars), body: fill(body, vars), outcome: null, durationSeconds: null, pinned: false });
    }
    t = workTime(rng, preferWeekday(rng, t + rng.between(2, 8) * DAY, geo, 0.05), geo);
  }
  const last = result.interactions.reduce<number | null>((m, i) => (m === null || i.occurredAt > m ? i.occurredAt : m), null);
  result.contactStages = [{ contactId, stage: "lead", enteredAt: Math.round(createdAt) }];
  result.contact = {
    id: contactId,
    email,
    firstName,
    lastName,
    phone: rng.chance(0.5) ? geo.phone(String(rng.int(100000, 999999))) : null,
    jobTitle: rng.weighted(JOB_TITLES),
    companyId: company.row.id,
    ownerId: owner,
    lifecycleStage: "lead",
    lastInteractionAt: last,
    createdAt: Math.round(createdAt),
    updatedAt: Math.round(last ?? createdAt),
  };
}

/** Share of renewals where the customer moves up a plan, and down a plan. */
const UPGRADE_SHARE = 0.04;
const DOWNGRADE_SHARE = 0.015;
/** Share of churned customers who come back one to three months later, on their last plan. */
const COMEBACK_SHARE = 0.25;
const PLAN_ORDER: PlanName[] = ["starter", "pro", "business"];

/** The plan after a renewal: mostly the same, sometimes one up (expansion) or one down (contraction). */
function planAtRenewal(rng: Rng, plan: PlanName): PlanName {
  const i = PLAN_ORDER.indexOf(plan);
  const r = rng.float();
  if (r < UPGRADE_SHARE && i < PLAN_ORDER.length - 1) return PLAN_ORDER[i + 1]!;
  if (r >= 1 - DOWNGRADE_SHARE && i > 0) return PLAN_ORDER[i - 1]!;
  return plan;
}

/** A churned customer who comes back: a new subscription (reactivation), renewals, maybe another cancellation. */
function comeBack(ctx: StoryContext, out: Emitter, rng: Rng, c: { seed: number; index: number; userId: string; plan: PlanName; churnedAt: number }): void {
  if (!rng.chance(COMEBACK_SHARE)) return;
  const start = addMonths(c.churnedAt, rng.int(1, 3)) + rng.int(0, 20) * DAY;
  if (start > ctx.lastMs) return;
  const price = PLAN_PRICES[c.plan];
  const subscriptionId = demoShortId("sub", c.seed, "subscription-return", c.index);
  out.serverTrack(start, c.userId, "Subscription Started", { subscription_id: subscriptionId, plan: c.plan, price, revenue: price, currency: "USD", billing_period: "monthly", mrr: price, reactivated: true });
  out.serverIdentify(start + rng.int(100, 900), c.userId, { plan: c.plan });
  for (let m = 1; ; m++) {
    const renewal = addMonths(start, m);
    if (rng.chance(MONTHLY_CHURN[c.plan])) {
      const cancelAt = Math.max(addMonths(start, m - 1) + DAY, renewal - rng.between(1, 12) * DAY);
      const reason = rng.weighted(CANCEL_REASONS);
      out.serverTrack(cancelAt, c.userId, "Subscription Cancelled", { subscription_id: subscriptionId, plan: c.plan, mrr: price, reason, tenure_months: m - 1, currency: "USD" });
      out.serverIdentify(cancelAt + rng.int(100, 900), c.userId, { plan: "free" });
      return;
    }
    if (renewal > ctx.lastMs) return;
    out.serverTrack(renewal, c.userId, "Subscription Renewed", { subscription_id: subscriptionId, plan: c.plan, price, revenue: price, currency: "USD", billing_period: "monthly", period: m + 1 });
  }
}

function localNoon(ms: number, geo: Geo): number {
  const off = geo.offset * HOUR;
  return Math.floor((ms + off) / DAY) * DAY - off + 12 * HOUR;
}

function callOutcome(rng: Rng, warm: boolean): CallOutcome {
  return rng.weighted([
    ["connected", warm ? 42 : 26],
    ["no_answer", 30],
    ["left_voicemail", 22],
    ["left_message", 8],
    ["busy", 6],
    ["wrong_number", 4],
  ] as const);
}

function pickPlan(rng: Rng, size: string): PlanName {
  const lo = Number(size.split("-")[0]);
  if (lo <= 1) return rng.weighted([["starter", 70], ["pro", 28], ["business", 2]] as const);
  if (lo <= 11) return rng.weighted([["starter", 45], ["pro", 45], ["business", 10]] as const);
  if (lo <= 51) return rng.weighted([["starter", 25], ["pro", 50], ["business", 25]] as const);
  return rng.weighted([["starter", 10], ["pro", 45], ["business", 45]] as const);
}

function usageProperties(rng: Rng, event: string): Json {
  switch (event) {
    case "Project Created":
      return { template: rng.pick(PROJECT_TEMPLATES) };
    case "Task Created":
    case "Task Completed":
      return { project_template: rng.pick(PROJECT_TEMPLATES), assignees: rng.int(1, 3) };
    case "Teammate Invited":
      return { invitee_role: rng.chance(0.8) ? "member" : "admin", method: "email" };
    case "Integration Connected":
      return { integration: rng.pick(INTEGRATIONS) };
    case "Report Viewed":
      return { report: rng.pick(["Workload", "Burndown", "Time in status", "Portfolio"]) };
    case "Automation Created":
      return { trigger: rng.pick(["status_changed", "due_date_approaching", "task_assigned", "form_submitted"]) };
    case "File Attached":
      return { file_type: rng.pick(["pdf", "png", "docx", "xlsx", "fig"]) };
    default:
      return {};
  }
}

// ───────────────────────────── support ─────────────────────────────

const RESOLUTION_MEDIAN_HOURS: Record<TicketPriority, number> = { urgent: 3, high: 8, normal: 16, low: 30 };
const FIRST_RESPONSE_MEDIAN_HOURS: Record<TicketPriority, number> = { urgent: 0.35, high: 1.2, normal: 3, low: 6 };
const TICKETS_PER_MONTH: Record<PlanName, number> = { starter: 0.45, pro: 0.75, business: 1.4 };

interface TicketScope {
  contactId: string;
  companyId: string;
  csm: string;
  plan: PlanName;
  vars: Record<string, string | number>;
  from: number;
  until: number;
  taskSink: (t: Omit<TaskRow, "id" | "contactId" | "companyId" | "ticketId"> & { ticketId?: string | null }) => void;
}

function supportTickets(ctx: StoryContext, rng: Rng, geo: Geo, result: PersonStory, scope: TicketScope): void {
  const meanGapDays = 30 / TICKETS_PER_MONTH[scope.plan];
  let counter = 0;
  let previous: (typeof TICKETS)[number] | undefined;
  for (let t = scope.from + rng.exponential(meanGapDays) * DAY; t < scope.until; t += rng.exponential(meanGapDays) * DAY) {
    // Rarely the same problem twice in a row for one customer.
    let tpl = rng.pick(TICKETS);
    if (tpl === previous) tpl = rng.pick(TICKETS);
    previous = tpl;
    const priority = rng.weighted(tpl.priorities);
    const openedAt = Math.round(priority === "urgent" ? t : workTime(rng, t, geo));
    if (openedAt > ctx.lastMs) break;
    const id = demoId(ctx.seed, "ticket", result.index, counter++);
    const assigneeId = rng.chance(0.75) ? scope.csm : rng.pick(ctx.successAgents);
    const firstResponse = Math.round(openedAt + Math.max(2 * MINUTE, rng.logNormal(FIRST_RESPONSE_MEDIAN_HOURS[priority] * HOUR, 0.7)));
    // A few tickets wait on engineering (or on the customer) for days to weeks: the open backlog.
    // Urgent tickets are escalated at once, so they neither stall nor vary much.
    const urgent = priority === "urgent";
    const hard = !urgent && rng.chance(0.07);
    const resolveIn = rng.logNormal(RESOLUTION_MEDIAN_HOURS[priority] * HOUR, urgent ? 0.5 : 0.75) * (hard ? rng.between(10, 60) : 1);
    const firstResolution = Math.round(Math.max(firstResponse + 5 * MINUTE, openedAt + resolveIn));
    const reopened = rng.chance(urgent ? 0.03 : 0.08);
    const reopenAt = Math.round(firstResolution + rng.between(1, 48) * HOUR);
    const finalResolution = reopened ? Math.round(reopenAt + rng.logNormal(4 * HOUR, 0.6)) : firstResolution;
    const closeAfter = firstResolution + 4 * DAY;

    const comments: TicketCommentRow[] = [];
    const comment = (authorId: string | null, body: string, isPublic: boolean, at: number) => {
      if (at <= ctx.lastMs) comments.push({ id: demoId(ctx.seed, "ticket-comment", result.index, counter++), ticketId: id, authorId, body: fill(body, scope.vars), public: isPublic, createdAt: Math.round(at) });
    };
    comment(assigneeId, rng.pick(TICKET_REPLIES.first), true, firstResponse);
    if (rng.chance(0.4)) comment(assigneeId, rng.pick(TICKET_REPLIES.internal), false, firstResponse + (firstResolution - firstResponse) * 0.3);
    if (rng.chance(0.5)) comment(null, rng.pick(TICKET_REPLIES.customer.slice(0, 3)), true, firstResponse + (firstResolution - firstResponse) * 0.6);
    comment(assigneeId, rng.pick(TICKET_REPLIES.resolved), true, firstResolution);
    if (reopened) {
      comment(null, "Sorry — it's happening again this morning.", true, reopenAt);
      comment(assigneeId, rng.pick(TICKET_REPLIES.resolved), true, finalResolution);
    }

    let status: TicketStatus;
    let firstResponseAt: number | null = firstResponse;
    let resolvedAt: number | null = null;
    let closedAt: number | null = null;
    let reopenCount = 0;
    const now = ctx.lastMs;
    if (firstResponse > now) {
      status = "new";
      firstResponseAt = null;
    } else if (firstResolution > now) {
      status = hard ? rng.weighted([["on_hold", 50], ["pending", 30], ["open", 20]] as const) : rng.weighted([["open", 55], ["pending", 45]] as const);
    } else if (reopened && reopenAt <= now && finalResolution > now) {
      status = "open";
      reopenCount = 1;
    } else {
      const resolved = reopened && reopenAt <= now ? finalResolution : firstResolution;
      reopenCount = reopened && reopenAt <= now ? 1 : 0;
      resolvedAt = resolved;
      const close = Math.max(closeAfter, resolved + 4 * DAY);
      if (close <= now) {
        status = "closed";
        closedAt = close;
      } else status = "solved";
    }
    const updatedAt = Math.max(openedAt, ...comments.map((c) => c.createdAt), closedAt ?? 0);
    result.tickets.push({
      id,
      number: ctx.nextTicketNumber++,
      subject: tpl.subject,
      description: tpl.description,
      status,
      priority,
      contactId: scope.contactId,
      companyId: scope.companyId,
      assigneeId,
      openedAt,
      firstResponseAt,
      resolvedAt,
      closedAt,
      reopenCount,
      updatedAt,
    });
    result.ticketComments.push(...comments);
    if (status === "pending" || status === "on_hold" || (status === "open" && priority !== "low")) {
      scope.taskSink({
        title: fill(TASK_TITLES.ticket, { subject: tpl.subject }),
        notes: status === "on_hold" ? "Waiting on engineering." : null,
        dueAt: localNoon(Math.max(openedAt + DAY, now - rng.int(-4, 3) * DAY), geo),
        completedAt: null,
        assigneeId,
        createdById: assigneeId,
        createdAt: Math.min(now, firstResponse + 10 * MINUTE),
        ticketId: id,
      });
    }
  }
}
