// The deterministic demo data set, generated as a stream of chunks so memory stays bounded at any
// scale: staff, sources, then people in index order (each chunk carries its events, profiles and
// CRM rows), then marketing spend, which depends on how many visitors each ad platform brought.
// Pure: options in, rows out. Secrets (password hashes, write keys) are the loader's business.
import { COST_PER_VISITOR, SITE, SPEND_CHANNELS, SPEND_TARGETS, STAFF } from "./catalog";
import { demoId } from "./ids";
import { createRng } from "./prng";
import { simulatePerson, type CompanyEntry, type StoryContext } from "./story";
import { DAY, MINUTE, monthsBetween, parseAnchor } from "./time";
import type { DemoChunk, DemoOptions, DemoWindow, MarketingSpendRow, SourceRow, UserRow } from "./types";

export const DEFAULT_DEMO_OPTIONS = { profiles: 2000, days: 180, seed: 42 } as const;
export const DEFAULT_CHUNK_SIZE = 250;

export interface DemoGenerator {
  options: DemoOptions;
  window: DemoWindow;
  users: UserRow[];
  sources: SourceRow[];
  /** People in index order, `chunkSize` at a time. Consume once, before marketingSpend(). */
  chunks(chunkSize?: number): Generator<DemoChunk>;
  /** One row per ad platform (as channel group + source) and calendar month of the window; call after the chunks are consumed. */
  marketingSpend(): MarketingSpendRow[];
}

/** The window [anchor − days, anchor], anchor being 00:00 UTC of the anchor date. */
export function demoWindow(anchor: string, days: number): DemoWindow {
  const endMs = parseAnchor(anchor);
  return { startMs: endMs - days * DAY, endMs };
}

export function createDemoGenerator(options: DemoOptions): DemoGenerator {
  if (!Number.isInteger(options.profiles) || options.profiles < 1) throw new Error("profiles must be a positive integer");
  if (!Number.isInteger(options.days) || options.days < 1) throw new Error("days must be a positive integer");
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) throw new Error("seed must be an integer from 0 to 4294967295");
  const { seed } = options;
  const window = demoWindow(options.anchor, options.days);

  // Staff and sources exist from the first day of the window.
  const users: UserRow[] = STAFF.map((s, i) => ({ id: demoId(seed, "user", i), email: s.email, name: s.name, role: s.role, createdAt: window.startMs }));
  const idOf = (key: string) => users[STAFF.findIndex((s) => s.key === key)].id;
  const sources: SourceRow[] = [
    { id: demoId(seed, "source", 0), key: "website", name: "Website", kind: "web", builtIn: false, allowedOrigins: [SITE], createdAt: window.startMs },
    { id: demoId(seed, "source", 1), key: "backend", name: "Backend", kind: "server", builtIn: false, allowedOrigins: [], createdAt: window.startMs },
    { id: demoId(seed, "source", 2), key: "crm", name: "CRM", kind: "crm", builtIn: true, allowedOrigins: [], createdAt: window.startMs },
  ];

  const ctx: StoryContext = {
    seed,
    window,
    lastMs: window.endMs - MINUTE,
    sources: { website: sources[0].id, backend: sources[1].id },
    salesReps: STAFF.filter((s) => s.team === "sales").map((s) => idOf(s.key)),
    successAgents: STAFF.filter((s) => s.team === "success").map((s) => idOf(s.key)),
    companies: [],
    domains: new Set(),
    emails: new Set(),
    nextTicketNumber: 1,
    paidCarry: new Map(),
    acquisitions: new Map(),
  };
  const accountByGroup = new Map<string, string>();
  let consumed = false;
  let finished = false;

  function* chunks(chunkSize = DEFAULT_CHUNK_SIZE): Generator<DemoChunk> {
    if (consumed) throw new Error("A demo generator's chunks can be consumed only once");
    consumed = true;
    for (let first = 0; first < options.profiles; first += chunkSize) {
      const n = Math.min(chunkSize, options.profiles - first);
      const chunk: DemoChunk = {
        firstPerson: first,
        people: n,
        companies: [],
        accounts: [],
        events: [],
        contacts: [],
        contactStages: [],
        interactions: [],
        tickets: [],
        ticketComments: [],
        tasks: [],
      };
      const stories = [];
      for (let i = first; i < first + n; i++) {
        const s = simulatePerson(ctx, i);
        stories.push(s);
        if (s.newCompany) addCompany(chunk, s.newCompany);
      }
      for (const s of stories) {
        chunk.events.push(...s.events);
        if (s.contact) chunk.contacts.push(s.contact);
        chunk.contactStages.push(...s.contactStages);
        chunk.interactions.push(...s.interactions);
        chunk.tickets.push(...s.tickets);
        chunk.ticketComments.push(...s.ticketComments);
        chunk.tasks.push(...s.tasks);
      }
      // Roughly arrival order, as an ingest pipeline would have stored them.
      chunk.events.sort((a, b) => a.receivedAt - b.receivedAt);
      yield chunk;
    }
    finished = true;
  }

  function addCompany(chunk: DemoChunk, c: CompanyEntry): void {
    chunk.companies.push(c.row);
    chunk.accounts.push(c.account);
    accountByGroup.set(c.account.groupId, c.account.id);
  }

  function marketingSpend(): MarketingSpendRow[] {
    if (!finished) throw new Error("marketingSpend() needs every chunk to have been generated first");
    const rng = createRng(seed, "marketing-spend");
    const rows: MarketingSpendRow[] = [];
    for (const month of monthsBetween(window.startMs, window.endMs - 1)) {
      SPEND_CHANNELS.forEach((channel, ci) => {
        const visitors = ctx.acquisitions.get(`${channel}|${month}`) ?? 0;
        // Spend follows the visitors it bought (cost per visitor ± 12 %), with a floor for the
        // always-on brand campaigns and retargeting that run even in a thin month.
        const amount = Math.max(250, visitors * COST_PER_VISITOR[channel] * rng.between(0.88, 1.12));
        const { channel: group, source } = SPEND_TARGETS[channel];
        rows.push({ id: demoId(seed, "marketing-spend", monthsSinceEpoch(month), ci), channel: group, source, month: `${month}-01`, amount: amount.toFixed(2), currency: "USD" });
      });
    }
    return rows;
  }

  return { options, window, users, sources, chunks, marketingSpend };
}

function monthsSinceEpoch(month: string): number {
  const [y, m] = month.split("-").map(Number);
  return y * 12 + m;
}
