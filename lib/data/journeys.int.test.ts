// /journeys on demo data: the gaps, the coverage and the median timings in SQL equal a brute-force
// TypeScript reading of the raw rows through personGaps (the rule the person page uses); and the
// demo tells a non-empty story (every gap kind occurs, the weekly chart has both series).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { seedDemo } from "../demo/load";
import { DEFAULT_LIFECYCLE, reachesStage } from "../analytics/lifecycle";
import { personGaps, SALES_TOUCH_KINDS, TRIAL_ACTIVE_DAYS, type GapKind, type GapInput } from "../customer360/journey";
import { GAP_ORDER, journeysOverview, listGaps } from "./journeys";

const ANCHOR = "2025-06-30";
const NOW = new Date(`${ANCHOR}T00:00:00Z`);
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.url, { profiles: 400, days: 90, seed: 11, anchor: ANCHOR, password: "demo-test-password", skipAnalyze: true });
});
afterAll(() => t.close());

interface RefPerson extends GapInput {
  id: string;
  firstTouchAt: Date | null;
  channel: string | null;
  firstSalesTouch: Date | null;
}

/** Every person's facts from the raw rows, in plain TypeScript. */
async function referencePeople(): Promise<RefPerson[]> {
  const profiles = await t.db.$queryRawUnsafe<{ id: string; merged_into_id: string | null; first_touch_at: Date | null; first_seen_at: Date | null; first_channel: string | null }[]>(
    `SELECT id, merged_into_id, first_touch_at, first_seen_at, first_channel FROM profiles`,
  );
  const liveOf = new Map(profiles.map((p) => [p.id, p.merged_into_id ?? p.id]));
  const events = await t.db.$queryRawUnsafe<{ profile_id: string; type: string; event: string | null; kind: string; properties: Record<string, unknown>; timestamp: Date }[]>(
    `SELECT e.profile_id, e.type::text AS type, e.event, s.kind::text AS kind, e.properties, e.timestamp FROM events e JOIN sources s ON s.id = e.source_id WHERE e.profile_id IS NOT NULL`,
  );
  const contacts = await t.db.$queryRawUnsafe<{ id: string; profile_id: string | null; owner_id: string | null }[]>(`SELECT id, profile_id, owner_id FROM contacts`);
  const interactions = await t.db.$queryRawUnsafe<{ contact_id: string; kind: string; occurred_at: Date }[]>(`SELECT contact_id, kind::text AS kind, occurred_at FROM interactions`);
  const emails = await t.db.$queryRawUnsafe<{ profile_id: string }[]>(`SELECT profile_id FROM identities WHERE type = 'email'`);

  const people = new Map<string, RefPerson>();
  const blank = (id: string): RefPerson => ({
    id, hasProfile: false, hasEmail: false, hasContact: false, ownerId: null, lastSeenAt: null, signedUpAt: null, trialStartedAt: null, customerAt: null, lastSalesTouchAt: null, firstTouchAt: null, channel: null, firstSalesTouch: null,
  });
  for (const p of profiles) if (!p.merged_into_id) people.set(p.id, { ...blank(p.id), firstTouchAt: p.first_touch_at ?? p.first_seen_at, channel: p.first_channel });
  const min = (a: Date | null, b: Date) => (a === null || b < a ? b : a);
  const max = (a: Date | null, b: Date) => (a === null || b > a ? b : a);
  for (const e of events) {
    if (e.kind === "crm") continue;
    const p = people.get(liveOf.get(e.profile_id)!)!;
    p.hasProfile = true;
    p.lastSeenAt = max(p.lastSeenAt, e.timestamp);
    const ev = { type: e.type, event: e.event, sourceKind: e.kind, properties: e.properties };
    if (reachesStage(DEFAULT_LIFECYCLE.signedUp, ev)) p.signedUpAt = min(p.signedUpAt, e.timestamp);
    if (reachesStage(DEFAULT_LIFECYCLE.trialStarted, ev)) p.trialStartedAt = min(p.trialStartedAt, e.timestamp);
    if (reachesStage(DEFAULT_LIFECYCLE.customer, ev)) p.customerAt = min(p.customerAt, e.timestamp);
  }
  for (const e of emails) people.get(liveOf.get(e.profile_id)!)!.hasEmail = true;
  const personOfContact = new Map<string, RefPerson>();
  for (const c of contacts) {
    const id = c.profile_id ? liveOf.get(c.profile_id)! : `contact:${c.id}`;
    if (!people.has(id)) people.set(id, blank(id));
    const p = people.get(id)!;
    p.hasContact = true;
    if (c.owner_id) p.ownerId = c.owner_id;
    personOfContact.set(c.id, p);
  }
  for (const i of interactions) {
    if (!(SALES_TOUCH_KINDS as readonly string[]).includes(i.kind)) continue;
    const p = personOfContact.get(i.contact_id)!;
    p.lastSalesTouchAt = max(p.lastSalesTouchAt, i.occurred_at);
    p.firstSalesTouch = min(p.firstSalesTouch, i.occurred_at);
  }
  return [...people.values()];
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)] + s[Math.ceil(mid)]) / 2;
}

describe("journeys on demo data", () => {
  it("finds exactly the gaps personGaps finds, every kind present", async () => {
    const ref = await referencePeople();
    const want = new Set(ref.flatMap((p) => personGaps(p, NOW).map((k) => `${k}|${p.id}`)));
    const got = new Set<string>();
    let counts: Record<GapKind, number> | null = null;
    for (let page = 1; page < 100; page++) {
      const res = await listGaps(DEFAULT_LIFECYCLE, NOW, { page, size: 50 });
      counts = res.counts;
      for (const r of res.rows) got.add(`${r.kind}|${r.personId}`);
      if (res.rows.length < 50) break;
    }
    expect([...got].sort()).toEqual([...want].sort());
    for (const k of GAP_ORDER) expect(counts![k], k).toBe([...want].filter((w) => w.startsWith(`${k}|`)).length);
    for (const k of GAP_ORDER) expect(counts![k], `the demo has ${k} gaps`).toBeGreaterThan(0);
  });

  it("filters by kind and orders the most urgent first", async () => {
    const leads = await listGaps(DEFAULT_LIFECYCLE, NOW, { kinds: ["lead_no_contact"], size: 200 });
    expect(leads.rows.length).toBe(leads.counts.lead_no_contact);
    expect(leads.rows.every((r) => r.kind === "lead_no_contact" && r.href.startsWith("/customers/") && r.email)).toBe(true);
    const all = await listGaps(DEFAULT_LIFECYCLE, NOW, { size: 200 });
    const ranks = all.rows.map((r) => GAP_ORDER.indexOf(r.kind));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("computes coverage and the median timings by channel like the reference", async () => {
    const ref = await referencePeople();
    const o = await journeysOverview(DEFAULT_LIFECYCLE, NOW);
    const trialFrom = NOW.getTime() - TRIAL_ACTIVE_DAYS * 86_400_000;
    const customers = ref.filter((p) => p.customerAt);
    const trials = ref.filter((p) => p.trialStartedAt && !p.customerAt && p.trialStartedAt.getTime() > trialFrom && p.trialStartedAt <= NOW);
    const contacts = await t.db.contact.count();
    expect(o.coverage).toEqual({
      contacts,
      contactsSeen: expect.any(Number),
      customers: customers.length,
      customersUnowned: customers.filter((p) => personGaps(p, NOW).includes("no_owner")).length,
      activeTrials: trials.length,
      activeTrialsUntouched: trials.filter((p) => personGaps(p, NOW).includes("trial_no_touch")).length,
    });
    expect(o.coverage.contactsSeen).toBeLessThan(contacts);
    expect(o.coverage.contactsSeen).toBeGreaterThan(contacts / 2);

    const days = (a: Date | null, b: Date | null) => (a && b ? (a.getTime() - b.getTime()) / 86_400_000 : null);
    for (const row of o.timings) {
      const group = ref.filter((p) => p.hasProfile && p.firstTouchAt && (p.channel ?? "Direct") === row.channel);
      expect(row.people, row.channel).toBe(group.length);
      const su = group.map((p) => days(p.signedUpAt, p.firstTouchAt)).filter((x): x is number => x !== null);
      const cu = group.map((p) => days(p.customerAt, p.firstTouchAt)).filter((x): x is number => x !== null);
      const st = group.map((p) => days(p.firstSalesTouch, p.firstTouchAt)).filter((x): x is number => x !== null);
      expect(row.toSignUp.n).toBe(su.length);
      expect(row.toSignUp.median).toBeCloseTo(median(su) ?? NaN, 6);
      if (cu.length) expect(row.toCustomer.median).toBeCloseTo(median(cu)!, 6);
      if (st.length) expect(row.toSalesTouch.median).toBeCloseTo(median(st)!, 6);
    }
    expect(o.timings.length).toBeGreaterThan(4);
    expect(o.weeks.length).toBeGreaterThan(10);
    expect(o.weeks[0].interactions + o.weeks[0].events).toBeGreaterThan(0);
    expect(o.weeks.some((w) => w.interactions > 0) && o.weeks.some((w) => w.events > 0)).toBe(true);
  });
});
