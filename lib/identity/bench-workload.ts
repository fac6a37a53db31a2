// The identity-resolution benchmark's workload (npm run bench:identity): Segment messages, ready for
// normalizeMessage, with the identifier overlap of a real site. Pure and seeded.
//
// People arrive at a steady rate (many browsing at once), each on their own clock, and their messages are interleaved the
// way many concurrent visitors reach a collector (ordered by sentAt):
// - most people are anonymous visitors: one device, 1–10 page/track events, never identify;
// - ~25 % sign up: anonymous browsing (or none), identify with userId + email traits + anonymousId,
//   logged-in events; some then use a 2nd or 3rd device (anonymous first, linked later by an
//   identify: a merge), some return later through the back end (userId only), some join an account
//   (group calls, several people per account);
// - a few sign up on a device another customer already identified on (a shared laptop: two
//   user_ids on one anonymous_id, refused by the user_id limit);
// - a few alias calls: analytics.js's alias before identify, and a renamed user id.
// Later visits come minutes to hours later (compressed from days, so that a window of a few tens of
// thousands of messages reaches a steady mix); the stream is cut where a real window would end.
// Messages are ~0.3–1.5 KB (1 KB on average), shaped like analytics-next's (page context, campaign,
// user agent).
// The counts come with a rough prediction of profiles, merges and refusals (a plain union-find with
// the default user_id limit of 1), for the benchmark's sanity check.
import { prng } from "./seeded-random";

export interface WorkloadOptions {
  /** How many messages (exactly). */
  messages: number;
  seed?: number;
  /** Prefix of every id (messages, anonymous ids, user ids, accounts); default `b<seed>`. */
  prefix?: string;
  /** When the first person arrives; default 2026-11-01T00:00Z. */
  start?: Date;
  /** About how many people are on a first visit at once (sets the arrival rate); default 20. */
  concurrentVisitors?: number;
}

export type SegmentMessage = Record<string, unknown>;

export interface WorkloadCounts {
  messages: number;
  byType: Record<string, number>;
  /** People with at least one message. */
  people: number;
  /** People who never identify (every message anonymous). */
  anonymousOnly: number;
  /** People with an identify call. */
  signedUp: number;
  /** Signed-up people seen on 2 or more devices (anonymous ids). */
  multiDevice: number;
  /** Signed-up people who identified on a device another customer identified on first. */
  sharedDevice: number;
  /** Signed-up people with later back-end events carrying the userId only. */
  returning: number;
  anonymousIds: number;
  userIds: number;
  emails: number;
  accounts: number;
  /** Messages with a userId and no anonymousId. */
  userIdOnlyMessages: number;
  /** What resolution should roughly produce (union-find under a user_id limit of 1, in message order). */
  expected: { profiles: number; merges: number; refusals: number };
}

export interface Workload {
  messages: SegmentMessage[];
  counts: WorkloadCounts;
}

export const WORKLOAD_SHARES = {
  signUp: 0.25,
  /** Of sign-ups: a 2nd device, and of those a 3rd. */
  secondDevice: 0.22,
  thirdDevice: 0.25,
  /** Of sign-ups: browse anonymously before signing up. */
  browseFirst: 0.85,
  /** Of sign-ups: come back through the back end (userId only). */
  returning: 0.4,
  /** Of sign-ups: join an account with a group call. */
  group: 0.5,
  /** Of sign-ups: sign up on a device another customer already identified on. */
  sharedDevice: 0.04,
  /** Of sign-ups: an alias call (half before identify, half a renamed user id). */
  alias: 0.03,
} as const;

/** A first visit's average length: ~3 events 8–180 s apart. */
const VISIT_MS = 5 * 60_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;


/** Events per anonymous visit: mostly short, at most 10 (mean ≈ 3.9). */
const VISIT_LENGTH: [number, number][] = [
  [1, 22],
  [2, 18],
  [3, 14],
  [4, 11],
  [5, 9],
  [6, 7],
  [7, 6],
  [8, 5],
  [9, 4],
  [10, 4],
];

const SITE = "https://www.loopwise.example";
const PAGES = [
  { path: "/", title: "Loopwise — project planning for agencies", name: "Home" },
  { path: "/pricing", title: "Pricing · Loopwise", name: "Pricing" },
  { path: "/features", title: "Features · Loopwise", name: "Features" },
  { path: "/customers", title: "Customer stories · Loopwise", name: "Customers" },
  { path: "/blog/resource-planning-for-agencies", title: "Resource planning for agencies · Loopwise blog", name: "Blog Post" },
  { path: "/blog/utilisation-vs-billable-hours", title: "Utilisation vs billable hours · Loopwise blog", name: "Blog Post" },
  { path: "/docs/getting-started", title: "Getting started · Loopwise docs", name: "Docs" },
  { path: "/integrations/slack", title: "Slack integration · Loopwise", name: "Integration" },
] as const;
const SITE_EVENTS = ["CTA Clicked", "Pricing Toggle Changed", "Video Played", "Docs Searched", "Newsletter Form Viewed"] as const;
const APP_EVENTS = ["Project Created", "Task Completed", "Report Exported", "Teammate Invited", "Integration Connected", "Timesheet Submitted"] as const;
const SERVER_EVENTS = ["Invoice Paid", "Subscription Renewed", "Seat Added", "Trial Extended"] as const;

interface Campaign {
  referrer: string | null;
  utm: { source: string; medium: string; name: string; term?: string; content?: string } | null;
  clickId?: string;
}
const CAMPAIGNS: [Campaign, number][] = [
  [{ referrer: "https://www.google.com/", utm: { source: "google", medium: "cpc", name: "brand-emea", term: "agency project planning", content: "rsa-3" }, clickId: "gclid" }, 22],
  [{ referrer: "https://www.google.com/", utm: null }, 25],
  [{ referrer: null, utm: null }, 22],
  [{ referrer: null, utm: { source: "newsletter", medium: "email", name: "2026-11-product-update" } }, 9],
  [{ referrer: "https://www.linkedin.com/", utm: { source: "linkedin", medium: "paid_social", name: "agency-owners-q4" }, clickId: "li_fat_id" }, 8],
  [{ referrer: "https://www.g2.com/products/loopwise/reviews", utm: null }, 7],
  [{ referrer: "https://news.ycombinator.com/", utm: null }, 4],
  [{ referrer: "https://duckduckgo.com/", utm: null }, 3],
];

interface Device {
  anonymousId: string;
  userAgent: string;
  mobile: boolean;
  platform: string;
  screen: { width: number; height: number; density: number };
}
const DEVICE_KINDS = [
  ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", false, "macOS", { width: 1512, height: 982, density: 2 }],
  ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", false, "Windows", { width: 1920, height: 1080, density: 1 }],
  ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", true, "iOS", { width: 393, height: 852, density: 3 }],
  ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", true, "Android", { width: 412, height: 915, density: 2.6 }],
  ["Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", false, "Linux", { width: 2560, height: 1440, density: 1 }],
] as const;
const LOCALES = [
  ["en-GB", "Europe/London"],
  ["en-US", "America/New_York"],
  ["de-DE", "Europe/Berlin"],
  ["fr-FR", "Europe/Paris"],
  ["nl-NL", "Europe/Amsterdam"],
] as const;
const FIRST_NAMES = ["Ann", "Ben", "Chloé", "Dev", "Eva", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nora", "Omar", "Priya"];
const LAST_NAMES = ["Adams", "Berg", "Costa", "Dubois", "Evans", "Fischer", "García", "Hansen", "Ito", "Jansen", "Kowalski", "Larsen", "Moreau", "Novak"];
const PLANS = ["trial", "starter", "pro", "business"] as const;
const INDUSTRIES = ["Design agency", "Marketing agency", "Software consultancy", "Architecture", "Video production"] as const;

/** One generated message with what the counts need to know about it. */
interface Item {
  sentAt: number;
  n: number;
  person: number;
  msg: SegmentMessage;
}

interface Person {
  index: number;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  locale: readonly [string, string];
}

/**
 * A seeded workload of exactly `messages` Segment messages (see the header for its shape), in the
 * order a collector receives them.
 */
export function identityWorkload(opts: WorkloadOptions): Workload {
  const seed = opts.seed ?? 1;
  const prefix = opts.prefix ?? `b${seed}`;
  const start = (opts.start ?? new Date(Date.UTC(2026, 10, 1))).getTime();
  const concurrent = opts.concurrentVisitors ?? 20;
  const r = prng(seed);
  const items: Item[] = [];
  let n = 0;
  let anonSeq = 0;

  const newDevice = (): Device => {
    const [userAgent, mobile, platform, screen] = r.weighted(DEVICE_KINDS.map((d, i) => [d, [40, 25, 18, 12, 5][i]!] as const));
    // analytics.js anonymous ids are UUIDs; a readable one keeps the prefix (and so runs) apart.
    const id = (anonSeq++).toString(16).padStart(8, "0");
    return { anonymousId: `${prefix}-${id}-4c1a-8f3b-${(seed >>> 0).toString(16).padStart(12, "0").slice(-12)}`, userAgent, mobile, platform, screen };
  };

  const emit = (person: number, at: number, msg: SegmentMessage) => {
    const sentAt = at + r.int(30, 2_500); // the SDK's flush delay
    const messageId = `ajs-${prefix}-${(n++).toString(36)}-0b6a7f5c9e2d`;
    items.push({
      sentAt,
      n,
      person,
      msg: { ...msg, messageId, timestamp: new Date(at).toISOString(), sentAt: new Date(sentAt).toISOString(), integrations: {} },
    });
  };

  const browserContext = (d: Device, locale: readonly [string, string], page: (typeof PAGES)[number], campaign: Campaign | null, referrer: string | null) => {
    const search = campaign?.utm
      ? `?utm_source=${campaign.utm.source}&utm_medium=${campaign.utm.medium}&utm_campaign=${campaign.utm.name}${campaign.clickId ? `&${campaign.clickId}=Cj0KCQiA${(n % 9973).toString(36)}` : ""}`
      : "";
    const pageCtx = { path: page.path, referrer: referrer ?? "", search, title: page.title, url: `${SITE}${page.path}${search}` };
    return {
      page: pageCtx,
      context: {
        page: pageCtx,
        ...(campaign?.utm ? { campaign: campaign.utm } : {}),
        userAgent: d.userAgent,
        userAgentData: { brands: [{ brand: "Chromium", version: "131" }], mobile: d.mobile, platform: d.platform },
        locale: locale[0],
        timezone: locale[1],
        library: { name: "analytics.js", version: "npm:next-1.72.0" },
        screen: d.screen,
      },
    };
  };

  /** One browser session: page views and clicks on a device; the first page carries the campaign. */
  const session = (
    person: number,
    at: number,
    d: Device,
    locale: readonly [string, string],
    events: number,
    ids: { userId?: string },
    inApp: boolean,
    campaign: Campaign | null,
  ): number => {
    let t = at;
    let referrer: string | null = campaign ? campaign.referrer : null;
    let page: (typeof PAGES)[number] = r.pick(PAGES);
    for (let i = 0; i < events; i++) {
      const isPage = i === 0 || r.chance(0.65);
      if (isPage && i > 0) {
        referrer = `${SITE}${page.path}`;
        page = r.pick(PAGES);
      }
      const { page: p, context } = browserContext(d, locale, page, i === 0 ? campaign : null, referrer);
      const base = { anonymousId: d.anonymousId, ...(ids.userId ? { userId: ids.userId } : {}), context };
      if (isPage) emit(person, t, { type: "page", name: page.name, properties: { ...p }, ...base });
      else
        emit(person, t, {
          type: "track",
          event: inApp ? r.pick(APP_EVENTS) : r.pick(SITE_EVENTS),
          properties: inApp ? { projectId: `prj-${r.int(1, 5000)}`, durationMs: r.int(200, 90_000) } : { label: r.pick(["hero", "footer", "nav", "sidebar"]), path: page.path },
          ...base,
        });
      t += r.int(8, 180) * 1000;
    }
    return t;
  };

  const identify = (person: number, at: number, d: Device, p: Person, campaign: Campaign | null, userId = p.userId) => {
    const page = PAGES.find((x) => x.path === "/")!;
    const { context } = browserContext(d, p.locale, page, campaign, null);
    emit(person, at, {
      type: "identify",
      userId,
      anonymousId: d.anonymousId,
      traits: {
        email: p.email,
        name: `${p.firstName} ${p.lastName}`,
        firstName: p.firstName,
        lastName: p.lastName,
        plan: r.pick(PLANS),
        createdAt: new Date(at).toISOString(),
      },
      context,
    });
  };

  // Accounts: a few people per account, so group calls overlap too.
  const accounts: { groupId: string; traits: Record<string, unknown> }[] = [];
  const account = () => {
    if (accounts.length === 0 || r.chance(0.35)) {
      const k = accounts.length;
      const domain = `agency-${prefix}-${k}.example`;
      accounts.push({
        groupId: `acct-${prefix}-${k}`,
        traits: { name: `Agency ${k}`, website: `https://www.${domain}`, plan: r.pick(PLANS), employees: r.int(3, 400), industry: r.pick(INDUSTRIES) },
      });
    }
    return r.pick(accounts);
  };

  // Devices where a customer identified, for shared laptops: [device, when it was identified].
  const identifiedDevices: { device: Device; at: number; locale: readonly [string, string] }[] = [];
  // People arrive as a Poisson process: exponential gaps, so that `concurrent` first visits overlap.
  const meanGap = VISIT_MS / concurrent;
  let arrival = start;
  let person = 0;

  // Generate until the stream up to the latest arrival holds enough messages: whatever comes later
  // (later sessions of people who arrived earlier) is cut off as the end of a real window would.
  for (;;) {
    if (person % 256 === 0 && items.length >= opts.messages && items.filter((i) => i.sentAt <= arrival).length >= opts.messages) break;
    arrival += -Math.log(1 - r.next()) * meanGap;
    const index = person++;
    const locale = r.pick(LOCALES);
    const campaign = r.weighted(CAMPAIGNS);

    if (!r.chance(WORKLOAD_SHARES.signUp)) {
      // An anonymous visitor: one device, 1–10 events, in one visit or two.
      const d = newDevice();
      const total = r.weighted(VISIT_LENGTH);
      const first = total > 2 && r.chance(0.2) ? r.int(1, total - 1) : total;
      session(index, arrival, d, locale, first, {}, false, campaign);
      if (first < total) session(index, arrival + r.int(1, 12) * HOUR, d, locale, total - first, {}, false, null);
      continue;
    }

    const firstName = r.pick(FIRST_NAMES);
    const lastName = r.pick(LAST_NAMES);
    const p: Person = {
      index,
      userId: `usr-${prefix}-${index.toString(36)}`,
      email: `${firstName}.${lastName}.${index.toString(36)}.${prefix}@mail.example`.toLowerCase(),
      firstName,
      lastName,
      locale,
    };
    let t = arrival;

    // A shared laptop: this person signs up on a device someone else identified on earlier.
    const shared = identifiedDevices.length > 0 && r.chance(WORKLOAD_SHARES.sharedDevice) ? r.pick(identifiedDevices) : null;
    const d0 = shared ? shared.device : newDevice();
    if (shared) t = Math.max(t, shared.at + r.int(30, 6 * 60) * MINUTE);
    const aliasKind = r.chance(WORKLOAD_SHARES.alias) ? (r.chance(0.5) ? "before-identify" : "rename") : null;
    const signUpId = aliasKind === "rename" ? `legacy-${prefix}-${index.toString(36)}` : p.userId;

    if (r.chance(WORKLOAD_SHARES.browseFirst)) t = session(index, t, d0, locale, r.weighted(VISIT_LENGTH), {}, false, campaign);
    if (aliasKind === "before-identify") {
      // analytics.js: alias(userId) before identify sends previousId = the current anonymousId.
      emit(index, t, { type: "alias", previousId: d0.anonymousId, userId: p.userId, anonymousId: d0.anonymousId, context: browserContext(d0, locale, PAGES[0], null, null).context });
      t += 500;
    }
    identify(index, t, d0, p, null, signUpId);
    if (!shared) identifiedDevices.push({ device: d0, at: t, locale });
    t += r.int(1, 20) * 1000;
    if (r.chance(WORKLOAD_SHARES.group)) {
      const a = account();
      emit(index, t, { type: "group", groupId: a.groupId, traits: a.traits, userId: signUpId, anonymousId: d0.anonymousId, context: browserContext(d0, locale, PAGES[0], null, null).context });
      t += r.int(1, 10) * 1000;
    }
    t = session(index, t, d0, locale, r.int(1, 8), { userId: signUpId }, true, null);

    if (aliasKind === "rename") {
      // The back end renames the user id (a migration to new ids); later events use the new one.
      t += r.int(1, 6) * HOUR;
      emit(index, t, { type: "alias", previousId: signUpId, userId: p.userId, context: { library: { name: "analytics-node", version: "2.2.0" } } });
      t = session(index, t + r.int(1, 60) * MINUTE, d0, locale, r.int(1, 5), { userId: p.userId }, true, null);
    }

    // Other devices: anonymous first (a separate profile until…), then identify links them: a merge.
    const extra = r.chance(WORKLOAD_SHARES.secondDevice) ? (r.chance(WORKLOAD_SHARES.thirdDevice) ? 2 : 1) : 0;
    let dt = t;
    for (let j = 0; j < extra; j++) {
      const d = newDevice();
      dt += r.int(10, 4 * 60) * MINUTE;
      if (r.chance(0.9)) dt = session(index, dt, d, locale, r.int(1, 6), {}, false, r.chance(0.5) ? r.weighted(CAMPAIGNS) : null);
      identify(index, dt, d, p, null);
      dt = session(index, dt + r.int(1, 30) * 1000, d, locale, r.int(1, 5), { userId: p.userId }, true, null);
    }

    // Returning through the back end: userId only.
    if (r.chance(WORKLOAD_SHARES.returning)) {
      let rt = Math.max(t, dt) + r.int(60, 8 * 60) * MINUTE;
      for (let k = r.int(1, 4); k > 0; k--) {
        const event = r.pick(SERVER_EVENTS);
        emit(index, rt, {
          type: "track",
          event,
          userId: p.userId,
          properties: event === "Invoice Paid" ? { revenue: r.int(19, 499), currency: "EUR", invoiceId: `inv-${r.int(1, 1e6)}` } : { plan: r.pick(PLANS), seats: r.int(1, 40) },
          context: { library: { name: "analytics-node", version: "2.2.0" } },
        });
        rt += r.int(10, 180) * MINUTE;
      }
    }
  }

  items.sort((a, b) => a.sentAt - b.sentAt || a.n - b.n);
  items.length = opts.messages;
  const messages = items.map((i) => i.msg);
  return { messages, counts: countWorkload(items) };
}

function countWorkload(items: Item[]): WorkloadCounts {
  const byType: Record<string, number> = {};
  const people = new Set<number>();
  const signedUp = new Set<number>();
  const devicesOf = new Map<number, Set<string>>();
  const returning = new Set<number>();
  const anonymousIds = new Set<string>();
  const userIds = new Set<string>();
  const emails = new Set<string>();
  const accounts = new Set<string>();
  const identifiedOn = new Map<string, number>(); // anonymous id → first person who identified on it
  const shared = new Set<number>();
  let userIdOnlyMessages = 0;

  for (const { msg, person } of items) {
    const type = msg.type as string;
    byType[type] = (byType[type] ?? 0) + 1;
    people.add(person);
    const anon = msg.anonymousId as string | undefined;
    const user = msg.userId as string | undefined;
    if (anon) {
      anonymousIds.add(anon);
      if (!devicesOf.has(person)) devicesOf.set(person, new Set());
      devicesOf.get(person)!.add(anon);
    }
    if (user) userIds.add(user);
    if (user && !anon) {
      userIdOnlyMessages++;
      if (type === "track") returning.add(person);
    }
    if (type === "group") accounts.add(msg.groupId as string);
    if (type === "identify") {
      signedUp.add(person);
      emails.add((msg.traits as { email: string }).email);
      const first = identifiedOn.get(anon!);
      if (first === undefined) identifiedOn.set(anon!, person);
      else if (first !== person) shared.add(person);
    }
  }
  const multiDevice = [...signedUp].filter((p) => (devicesOf.get(p)?.size ?? 0) >= 2 && !shared.has(p)).length;
  return {
    messages: items.length,
    byType,
    people: people.size,
    anonymousOnly: people.size - signedUp.size,
    signedUp: signedUp.size,
    multiDevice,
    sharedDevice: shared.size,
    returning: [...returning].filter((p) => signedUp.has(p)).length,
    anonymousIds: anonymousIds.size,
    userIds: userIds.size,
    emails: emails.size,
    accounts: accounts.size,
    userIdOnlyMessages,
    expected: predict(items.map((i) => i.msg)),
  };
}

/**
 * A rough prediction of resolution, for the benchmark's sanity check only (lib/identity/resolve.ts is
 * the real thing): union-find over user_id, email and anonymous_id in message order; a link that would
 * put two user ids in one profile drops the message's anonymous id, then its email (a refusal); alias
 * links whatever the limit.
 */
function predict(messages: SegmentMessage[]): { profiles: number; merges: number; refusals: number } {
  const owner = new Map<string, number>();
  const parent: number[] = [];
  const users: Set<string>[] = [];
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  let profiles = 0;
  let merges = 0;
  let refusals = 0;
  const union = (into: number, from: number) => {
    parent[from] = into;
    for (const u of users[from]!) users[into]!.add(u);
    merges++;
    profiles--;
  };
  for (const m of messages) {
    const ids: string[] = [];
    if (typeof m.userId === "string") ids.push(`u:${m.userId}`);
    const email = m.type === "identify" ? (m.traits as { email?: string }).email : undefined;
    if (email) ids.push(`e:${email}`);
    if (typeof m.anonymousId === "string") ids.push(`a:${m.anonymousId}`);
    const previous = m.type === "alias" ? (m.previousId === m.anonymousId ? `a:${m.previousId as string}` : `u:${m.previousId as string}`) : null;

    let kept = ids;
    for (;;) {
      const roots = new Set(kept.flatMap((k) => (owner.has(k) ? [find(owner.get(k)!)] : [])));
      const us = new Set<string>(kept.filter((k) => k.startsWith("u:")));
      for (const root of roots) for (const u of users[root]!) us.add(`u:${u}`);
      if (us.size <= 1 || kept.length <= 1) break;
      kept = kept.slice(0, -1); // lowest priority last: anonymous_id, then email
    }
    if (kept.length < ids.length && ids.slice(kept.length).some((k) => owner.has(k))) refusals++;
    const roots = [...new Set(kept.flatMap((k) => (owner.has(k) ? [find(owner.get(k)!)] : [])))].sort((a, b) => a - b);
    let root: number;
    if (roots.length === 0) {
      root = parent.length;
      parent.push(root);
      users.push(new Set());
      profiles++;
    } else {
      root = roots[0]!;
      for (const other of roots.slice(1)) union(root, other);
    }
    for (const k of kept) {
      if (!owner.has(k)) owner.set(k, root);
      if (k.startsWith("u:")) users[root]!.add(k.slice(2));
    }
    if (previous) {
      const prev = owner.get(previous);
      if (prev === undefined) owner.set(previous, root);
      else {
        const pr = find(prev);
        if (pr !== root) union(Math.min(pr, root), Math.max(pr, root));
      }
    }
  }
  return { profiles, merges, refusals };
}
