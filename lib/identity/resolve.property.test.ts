// Property tests over generated populations (seeded, so every failure names a reproducible seed).
// Without a limit hit: every arrival order and every way of cutting the messages into requests gives
// the connected components of the co-occurrence graph, computed here by a separate brute force. With a
// limit hit: no profile passes a limit (except by an explicit alias), and every identifier left out of
// its message's profile is journaled.
import { describe, expect, it } from "vitest";
import { identityKey } from "./identifiers";
import { limitOf } from "./rules";
import type { ResolutionPlan } from "./resolve";
import { world, type World } from "./test-helpers";
import { canonical, components, generate, hitsLimit, prng, type Case, type Generated, type Rng } from "./population";

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
    // ~1 s alone; CPU-bound and deterministic, so a loaded machine only makes it slower.
  }, 60_000);
});
