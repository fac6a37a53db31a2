import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GA4_CHANNELS, SPEND_CHANNELS, SPEND_TARGETS } from "./catalog";
import { createDemoGenerator } from "./generate";
import { measureStory } from "./measure";
import { monthsBetween } from "./time";
import type { DemoChunk, DemoOptions } from "./types";

const SMALL: DemoOptions = { profiles: 300, days: 90, seed: 7, anchor: "2025-03-15" };

/** sha256 over every generated row; `unordered` sorts rows first (insertion order is per chunk). */
function digest(options: DemoOptions, chunkSize?: number, unordered = false): string {
  const g = createDemoGenerator(options);
  const lines: string[] = [JSON.stringify([g.users, g.sources, g.window])];
  for (const chunk of g.chunks(chunkSize)) {
    const { firstPerson: _f, people: _p, ...rows } = chunk;
    for (const [table, list] of Object.entries(rows)) for (const row of list) lines.push(`${table}:${JSON.stringify(row)}`);
  }
  lines.push(JSON.stringify(g.marketingSpend()));
  if (unordered) lines.sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

function collect(options: DemoOptions): { chunks: DemoChunk[]; spend: ReturnType<ReturnType<typeof createDemoGenerator>["marketingSpend"]>; start: number; end: number } {
  const g = createDemoGenerator(options);
  const chunks = [...g.chunks()];
  return { chunks, spend: g.marketingSpend(), start: g.window.startMs, end: g.window.endMs };
}

describe("determinism", () => {
  it("same seed and anchor → identical rows, ids included", () => {
    expect(digest(SMALL)).toBe(digest(SMALL));
  });

  it("generates the same rows whatever the chunk size (only their insertion order differs)", () => {
    expect(digest(SMALL, 37, true)).toBe(digest(SMALL, 250, true));
  });

  it("a different seed or anchor → different rows", () => {
    const base = digest(SMALL);
    expect(digest({ ...SMALL, seed: 8 })).not.toBe(base);
    expect(digest({ ...SMALL, anchor: "2025-03-16" })).not.toBe(base);
  });

  it("rejects invalid options", () => {
    expect(() => createDemoGenerator({ ...SMALL, profiles: 0 })).toThrow(/profiles/);
    expect(() => createDemoGenerator({ ...SMALL, anchor: "2025-02-30" })).toThrow(/anchor/);
    expect(() => createDemoGenerator({ ...SMALL, seed: -1 })).toThrow(/seed/);
  });
});

describe("shape of the data set", () => {
  const { chunks, spend, start, end } = collect(SMALL);
  type Table = Exclude<keyof DemoChunk, "firstPerson" | "people">;
  const all = <K extends Table>(k: K): DemoChunk[K] => chunks.flatMap((c) => c[k] as unknown[]) as DemoChunk[K];

  it("puts every timestamp inside [anchor − days, anchor] (task due dates excepted)", () => {
    const times: number[] = [];
    for (const e of all("events")) times.push(e.timestamp, e.originalTimestamp, e.sentAt, e.receivedAt);
    for (const c of all("companies")) times.push(c.createdAt);
    for (const c of all("contacts")) times.push(c.createdAt, c.updatedAt, ...(c.lastInteractionAt ? [c.lastInteractionAt] : []));
    for (const s of all("contactStages")) times.push(s.enteredAt);
    for (const i of all("interactions")) times.push(i.occurredAt);
    for (const t of all("tickets")) times.push(t.openedAt, t.updatedAt, ...[t.firstResponseAt, t.resolvedAt, t.closedAt].filter((x): x is number => x !== null));
    for (const c of all("ticketComments")) times.push(c.createdAt);
    for (const t of all("tasks")) times.push(t.createdAt, ...(t.completedAt ? [t.completedAt] : []));
    expect(times.length).toBeGreaterThan(10_000);
    expect(times.every(Number.isInteger)).toBe(true);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(start);
    expect(Math.max(...times)).toBeLessThanOrEqual(end);
    // Timestamps as Segment derives them: received a few hundred ms after the event.
    for (const e of all("events")) {
      expect(e.receivedAt - e.timestamp).toBeGreaterThanOrEqual(0);
      expect(e.receivedAt - e.timestamp).toBeLessThan(1000);
      expect(e.receivedAt - (e.sentAt - e.originalTimestamp)).toBe(e.timestamp);
    }
  });

  it("has events for every person, and unique message ids, emails, domains and ticket numbers", () => {
    expect(new Set(all("events").map((e) => e.person)).size).toBe(SMALL.profiles);
    const messages = all("events").map((e) => `${e.sourceId}:${e.messageId}`);
    expect(new Set(messages).size).toBe(messages.length);
    const emails = all("contacts").map((c) => c.email);
    expect(new Set(emails).size).toBe(emails.length);
    expect(new Set(all("companies").map((c) => c.domain)).size).toBe(all("companies").length);
    const tickets = all("tickets").map((t) => t.number);
    expect(new Set(tickets).size).toBe(tickets.length);
  });

  it("links every device of a signed-up person with an identify, so resolution can find one profile", () => {
    const byProfile = new Map<number, { anon: Set<string>; linked: Set<string>; user: boolean }>();
    for (const e of all("events")) {
      const p = byProfile.get(e.person) ?? { anon: new Set(), linked: new Set(), user: false };
      byProfile.set(e.person, p);
      if (e.anonymousId) p.anon.add(e.anonymousId);
      if (e.userId) p.user = true;
      if (e.type === "identify" && e.userId && e.anonymousId) p.linked.add(e.anonymousId);
    }
    const people = [...byProfile.values()];
    expect(people.filter((p) => p.user).length).toBeGreaterThan(50);
    for (const p of people) {
      if (p.user) expect([...p.anon].filter((a) => !p.linked.has(a))).toEqual([]);
      else expect(p.anon.size).toBe(1);
    }
  });

  it("labels events with GA4 default channel groups only", () => {
    const channels = new Set(all("events").map((e) => e.channel));
    for (const c of channels) if (c !== null) expect(GA4_CHANNELS).toContain(c);
    // Server-side messages have no session, hence no channel.
    expect(all("events").filter((e) => e.channel === null).every((e) => e.context.library && !e.anonymousId)).toBe(true);
  });

  it("records spend for every ad platform in every month of the window", () => {
    const months = monthsBetween(start, end - 1);
    expect(spend).toHaveLength(months.length * SPEND_CHANNELS.length);
    for (const m of months) {
      for (const platform of SPEND_CHANNELS) {
        const { channel, source } = SPEND_TARGETS[platform];
        expect(spend.some((s) => s.channel === channel && s.source === source && s.month === `${m}-01` && Number(s.amount) > 0)).toBe(true);
      }
    }
    // Rows are unique on (month, channel, source), as the table requires.
    expect(new Set(spend.map((s) => `${s.month}|${s.channel}|${s.source}`)).size).toBe(spend.length);
  });
});

// The bands the story promises (also in the report and the integration suite), checked on several
// seeds at a scale where sampling noise is small.
describe.each([1, 2, 3])("the story's numbers, seed %i, 5,000 people over 180 days", (seed) => {
  const { chunks } = collect({ profiles: 5000, days: 180, seed, anchor: "2025-06-30" });
  const s = measureStory(chunks);

  it("≈55 % of sign-ups browsed anonymously first (band 45–65 %)", () => {
    expect(s.priorVisitShare).toBeGreaterThan(0.45);
    expect(s.priorVisitShare).toBeLessThan(0.65);
  });

  it("conversion to paid differs by channel: referral and email ≥ 3× paid social", () => {
    const rate = (c: string) => s.byChannel[c].rate;
    expect(rate("Referral")).toBeGreaterThan(3 * rate("Paid Social"));
    expect(rate("Email")).toBeGreaterThan(3 * rate("Paid Social"));
    expect(rate("Referral")).toBeGreaterThan(0.25);
    expect(rate("Paid Social")).toBeLessThan(0.1);
  });

  it("monthly churn among paying customers stays in 3–7.5 %", () => {
    expect(s.monthlyChurn).toBeGreaterThan(0.03);
    expect(s.monthlyChurn).toBeLessThan(0.075);
  });

  it("tickets resolve in a median of 8–24 h, urgent fastest", () => {
    const p = s.resolutionMedianByPriority;
    expect(s.resolutionMedianHours).toBeGreaterThan(8);
    expect(s.resolutionMedianHours).toBeLessThan(24);
    expect(p.urgent).toBeLessThan(p.high);
    expect(p.high).toBeLessThan(p.normal);
    expect(p.normal).toBeLessThan(p.low);
  });
});
