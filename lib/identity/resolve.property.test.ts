// Property tests over generated populations (seeded, so every failure names a reproducible seed).
// Without a limit hit: every arrival order and every way of cutting the messages into requests gives
// the connected components of the co-occurrence graph, computed here by a separate brute force. With a
// limit hit: no profile passes a limit (except by an explicit alias), and every identifier left out of
// its message's profile is journaled.
import { describe, expect, it } from "vitest";
import { identityKey, type IdentityMessage } from "./identifiers";
import { DEFAULT_RULES, limitOf, type IdentityRules } from "./rules";
import type { ResolutionPlan } from "./resolve";
import { message, world, type World } from "./test-helpers";

function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const chance = (p: number) => next() < p;
  const pick = <T>(xs: T[]): T => xs[int(0, xs.length - 1)];
  const shuffle = <T>(xs: T[]): T[] => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = int(0, i);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  return { int, chance, pick, shuffle };
}
type Rng = ReturnType<typeof prng>;

interface Generated {
  message: IdentityMessage;
  /** The canonical identifiers the message should link, as the generator knows them (blocked ones left out). */
  keys: string[];
}
interface Case {
  seed: number;
  rules: IdentityRules;
  messages: Generated[];
}

const key = (type: string, value: string) => identityKey({ type, value });
const BLOCKED = ["0", "null", "anonymous", "-1", "undefined", "[object Object]"];

function generate(seed: number): Case {
  const r = prng(seed);
  const rules: IdentityRules = r.chance(0.4)
    ? DEFAULT_RULES
    : { ...DEFAULT_RULES, limits: { ...DEFAULT_RULES.limits, user_id: r.int(1, 2), email: r.int(1, 3), phone: r.int(1, 2), anonymous_id: r.int(1, 3) } };
  const people = Array.from({ length: r.chance(0.15) ? 1 : r.int(2, 4) }, (_, i) => ({
    user: r.chance(0.8) ? `u${i}` : null,
    oldUser: r.chance(0.25) ? `u${i}-old` : null,
    devices: Array.from({ length: r.int(1, 3) }, (_, j) => `d${i}.${j}`),
    emails: Array.from({ length: r.int(0, 2) }, (_, j) => `p${i}.${j}@example.com`),
    phone: r.chance(0.3) ? `1555010${String(i).padStart(4, "0")}` : null,
    crm: r.chance(0.3) ? `crm-${i}` : null,
  }));
  if (people.length > 1 && r.chance(0.6)) people[1].devices.push(people[0].devices[0]); // a shared laptop
  if (people.length > 1 && r.chance(0.5) && people[0].emails.length) people[1].emails.push(people[0].emails[0]); // team@
  const messages: Generated[] = [];
  for (let n = r.int(3, 8); n > 0; n--) messages.push(generateMessage(r, r.pick(people), messages.length));
  // Both people of a shared laptop sign in on it (the classic conflict), in some populations.
  const shared = people[0].devices[0];
  if (people.length > 1 && people[1].devices.includes(shared) && r.chance(0.5))
    for (const p of people.slice(0, 2))
      if (p.user) {
        const messageId = `g${messages.length}`;
        messages.push({ message: message("identify", { messageId, userId: p.user, anonymousId: shared }), keys: [key("user_id", p.user), key("anonymous_id", shared)] });
      }
  return { seed, rules, messages };
}

function generateMessage(r: Rng, p: Person, index: number): Generated {
  const keys: string[] = [];
  const messageId = `g${index}`;
  let anonymousId: string | undefined = r.pick(p.devices);
  if (r.chance(0.12)) anonymousId = r.pick(BLOCKED);
  else keys.push(key("anonymous_id", anonymousId));
  const kind = r.int(0, 4);
  if (kind === 3 && p.user) {
    // alias: a rename (old user id → user id) or the anonymous → known step analytics.js sends.
    const rename = p.oldUser !== null && r.chance(0.6);
    const previousId = rename ? p.oldUser! : anonymousId;
    keys.push(key("user_id", p.user));
    if (!BLOCKED.includes(previousId)) keys.push(key(rename ? "user_id" : "anonymous_id", previousId));
    return { message: message("alias", { messageId, previousId, userId: p.user, anonymousId }), keys };
  }
  const userId = kind === 4 && p.oldUser ? p.oldUser : kind >= 1 && p.user && r.chance(0.8) ? p.user : r.chance(0.05) ? "null" : undefined;
  if (userId && userId !== "null") keys.push(key("user_id", userId));
  const traits: Record<string, unknown> = {};
  const contextTraits: Record<string, unknown> = {};
  const context: Record<string, unknown> = { traits: contextTraits };
  if (kind === 2) {
    if (p.emails.length && r.chance(0.7)) {
      const email = r.pick(p.emails);
      (r.chance(0.5) ? traits : contextTraits).email = r.chance(0.5) ? `  ${email.toUpperCase()} ` : email;
      keys.push(key("email", email));
    }
    if (p.phone && r.chance(0.6)) {
      const d = p.phone;
      traits.phone = `+${d[0]} (${d.slice(1, 4)}) ${d.slice(4, 7)}-${d.slice(7)}`;
      keys.push(key("phone", `+${d}`));
    }
    if (p.crm && r.chance(0.6)) {
      context.externalIds = [{ id: p.crm, type: "crm_id", collection: "users", encoding: "none" }];
      keys.push(key("crm_id", p.crm));
    }
    if (r.chance(0.1) && contextTraits.email === undefined) contextTraits.email = "[object Object]";
  }
  return { message: message(kind === 2 ? "identify" : "track", { messageId, userId, anonymousId, traits, context }), keys };
}
type Person = { user: string | null; oldUser: string | null; devices: string[]; emails: string[]; phone: string | null; crm: string | null };

/** The reference: connected components of the graph joining identifiers that share a message. */
function components(messages: Generated[]): string[][] {
  const parent = new Map<string, string>();
  const find = (k: string): string => (parent.get(k) === k ? k : find(parent.get(k)!));
  for (const { keys } of messages) {
    for (const k of keys) if (!parent.has(k)) parent.set(k, k);
    for (const k of keys.slice(1)) parent.set(find(k), find(keys[0]));
  }
  const groups = new Map<string, string[]>();
  for (const k of parent.keys()) groups.set(find(k), [...(groups.get(find(k)) ?? []), k]);
  return canonical([...groups.values()]);
}
const canonical = (groups: string[][]) => groups.map((g) => [...g].sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
const typeOf = (k: string) => k.split("\u0000")[0];

function hitsLimit(groups: string[][], rules: IdentityRules): boolean {
  return groups.some((g) => {
    const counts = new Map<string, number>();
    for (const k of g) counts.set(typeOf(k), (counts.get(typeOf(k)) ?? 0) + 1);
    return [...counts].some(([t, n]) => n > limitOf(t, rules));
  });
}

/** Sends the messages in this order, cut into requests at random points. */
function run(c: Case, order: Generated[], r: Rng): { w: World; plans: { plan: ResolutionPlan; sent: Generated[] }[] } {
  const w = world(c.rules);
  const plans: { plan: ResolutionPlan; sent: Generated[] }[] = [];
  for (let i = 0; i < order.length; ) {
    const sent = order.slice(i, (i += r.int(1, 3)));
    plans.push({ plan: w.send(...sent.map((g) => g.message)), sent });
  }
  return { w, plans };
}

function orders(c: Case, r: Rng, randomCount: number): Generated[][] {
  const all = (xs: Generated[]): Generated[][] =>
    xs.length <= 1 ? [xs] : xs.flatMap((x, i) => all([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
  return c.messages.length <= 5 ? all(c.messages) : [c.messages, ...Array.from({ length: randomCount }, () => r.shuffle(c.messages))];
}

function checkLimitInvariants(c: Case, w: World, plans: { plan: ResolutionPlan; sent: Generated[] }[]) {
  const journal = plans.flatMap(({ plan }) => plan.journal);
  const aliased = new Set(journal.filter((j) => j.kind === "alias").map((j) => w.live(j.profiles[0])));
  const counts = new Map<string, Map<string, number>>();
  for (const i of w.graph.identities.values()) {
    const c2 = counts.get(i.profileId) ?? new Map<string, number>();
    c2.set(i.type, (c2.get(i.type) ?? 0) + 1);
    counts.set(i.profileId, c2);
  }
  for (const [profile, byType] of counts)
    for (const [type, n] of byType)
      if (n > limitOf(type, c.rules)) expect(aliased.has(profile), `seed ${c.seed}: ${profile} holds ${n} ${type} without an alias`).toBe(true);

  for (const { plan, sent } of plans)
    sent.forEach((g, i) => {
      const resolved = plan.resolved[i].profileId;
      for (const k of g.keys) {
        const holder = w.graph.identities.get(k)?.profileId;
        if (resolved !== null && holder === w.live(resolved)) continue;
        const refusal = plan.journal.find(
          (j) => (j.kind === "refused" || j.kind === "split-honoured") && j.messageId === g.message.messageId && j.identifiers.some((x) => identityKey(x) === k),
        );
        expect(refusal, `seed ${c.seed}: ${k} of ${g.message.messageId} left out without a journal entry`).toBeDefined();
        expect(refusal!.rule).toMatch(/^limit:/);
      }
    });
}

describe("property: arrival order, request cuts, limits", () => {
  it("holds on 400 generated populations", () => {
    let limitCases = 0;
    let freeCases = 0;
    let ordersChecked = 0;
    let refusals = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const c = generate(seed);
      const r = prng(seed * 7919);
      const expected = components(c.messages);
      const limited = hitsLimit(expected, c.rules);
      if (limited) limitCases++;
      else freeCases++;

      for (const order of orders(c, r, limited ? 8 : 20)) {
        ordersChecked++;
        const { w, plans } = run(c, order, r);
        if (!limited) {
          expect(canonical(w.groups().map((g) => g.map((k) => k.replace(":", "\u0000")))), `seed ${c.seed}`).toEqual(expected);
          expect(plans.flatMap(({ plan }) => plan.journal).filter((j) => j.kind === "refused" || j.kind === "split-honoured"), `seed ${c.seed}`).toEqual([]);
        } else {
          refusals += plans.flatMap(({ plan }) => plan.journal).filter((j) => j.kind === "refused").length;
          checkLimitInvariants(c, w, plans);
        }
      }

      // One request of N messages ≡ N requests of one message (same ids, journal and all).
      const one = world(c.rules);
      one.send(...c.messages.map((g) => g.message));
      const many = world(c.rules);
      for (const g of c.messages) many.send(g.message);
      expect(one.graph, `seed ${c.seed}`).toEqual(many.graph);

      // A replay changes nothing.
      const before = JSON.stringify([...many.graph.identities, ...many.graph.profiles, many.graph.keptApart]);
      const replay = many.send(...c.messages.map((g) => g.message));
      expect(JSON.stringify([...many.graph.identities, ...many.graph.profiles, many.graph.keptApart]), `seed ${c.seed}`).toBe(before);
      expect([replay.newProfiles, replay.attach, replay.merges], `seed ${c.seed}`).toEqual([[], [], []]);
      expect(replay.journal.every((j) => j.kind === "refused"), `seed ${c.seed}`).toBe(true);
    }
    console.info(`identity property test: ${freeCases} cases without a limit hit, ${limitCases} with (${ordersChecked} orders, ${refusals} refusals)`);
    expect(limitCases / 400).toBeGreaterThanOrEqual(0.2);
    expect(freeCases / 400).toBeGreaterThanOrEqual(0.2);
    expect(refusals).toBeGreaterThan(0);
  });
});
