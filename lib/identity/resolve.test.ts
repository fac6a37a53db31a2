import { describe, expect, it } from "vitest";
import { splitProfile } from "./memory";
import { resolveIdentities, type JournalEntry } from "./resolve";
import { DEFAULT_RULES } from "./rules";
import { message, NOW, world } from "./test-helpers";

const track = (anonymousId?: string, userId?: string, extra: Parameters<typeof message>[1] = {}) =>
  message("track", { anonymousId, userId, ...extra });
const identify = (userId: string | undefined, anonymousId: string | undefined, traits: Record<string, unknown> = {}) =>
  message("identify", { userId, anonymousId, traits });
const alias = (previousId: string, userId: string, anonymousId?: string) => message("alias", { previousId, userId, anonymousId });
const sorted = (groups: string[][]) => groups.map((g) => [...g].sort()).sort((a, b) => (a.join() < b.join() ? -1 : 1));

describe("scenarios", () => {
  it("anonymous browsing then sign-up joins the anonymous_id and the user_id", () => {
    const w = world();
    const first = w.send(track("a1"), track("a1"));
    const [p] = first.newProfiles;
    expect(first.resolved.map((r) => r.profileId)).toEqual([p, p]);
    const signUp = w.send(identify("u1", "a1", { email: " Ann@Example.COM " }));
    expect(signUp.newProfiles).toEqual([]);
    expect(signUp.merges).toEqual([]);
    expect(signUp.resolved[0].profileId).toBe(p);
    expect(w.groups()).toEqual([["anonymous_id:a1", "email:ann@example.com", "user_id:u1"]]);
  });

  it("alias chains a→b→c end in one profile, in either order, journaled as alias", () => {
    for (const order of [
      [alias("a", "b"), alias("b", "c")],
      [alias("b", "c"), alias("a", "b")],
    ]) {
      const w = world();
      for (const m of order) w.send(m);
      expect(w.groups()).toEqual([["user_id:a", "user_id:b", "user_id:c"]]);
      expect(w.graph.journal.map((j) => j.kind)).toEqual(["alias", "alias"]);
      expect(w.graph.journal[0].reason).toContain("past the limit of 1 user_id");
    }
  });

  it("alias merges two existing profiles past the user_id limit; growth beyond that is still refused", () => {
    const w = world();
    w.send(identify("old", "a1"), identify("new", "a2"));
    const plan = w.send(alias("old", "new"));
    expect(plan.merges).toEqual([{ from: "p2", into: "p1" }]);
    expect(plan.journal).toMatchObject([{ kind: "alias", rule: "alias", profiles: ["p1", "p2"] }]);
    expect(w.groups()).toEqual([["anonymous_id:a1", "anonymous_id:a2", "user_id:new", "user_id:old"]]);
    const third = w.send(identify("other", "a1"));
    expect(third.journal).toMatchObject([{ kind: "refused", rule: "limit:user_id", identifiers: [{ type: "anonymous_id", value: "a1" }] }]);
    expect(w.send(identify("new", "a3")).journal).toEqual([]);
  });

  it("two users on one device stay two profiles, and the refusal is journaled", () => {
    const w = world();
    const plan = w.send(identify("u1", "laptop"), identify("u2", "laptop"));
    expect(sorted(w.groups())).toEqual([["anonymous_id:laptop", "user_id:u1"], ["user_id:u2"]]);
    expect(plan.journal).toEqual([
      {
        kind: "refused",
        messageId: plan.resolved[1].messageId,
        identifiers: [{ type: "anonymous_id", value: "laptop" }],
        rule: "limit:user_id",
        reason: "a profile may hold at most 1 user_id; linking would give it 2",
        profiles: ["p2", "p1"],
        at: NOW,
      },
    ]);
    expect(plan.resolved.map((r) => r.profileId)).toEqual(["p1", "p2"]);
    // The device's later anonymous events stay with whoever had it first.
    expect(w.send(track("laptop")).resolved[0].profileId).toBe("p1");
  });

  it("one email claimed by two user ids: the email stays with the first, the second gets its own profile", () => {
    const w = world();
    w.send(identify("u1", undefined, { email: "team@acme.io" }));
    const plan = w.send(identify("u2", undefined, { email: "TEAM@acme.io" }));
    expect(sorted(w.groups())).toEqual([["email:team@acme.io", "user_id:u1"], ["user_id:u2"]]);
    expect(plan.journal).toMatchObject([{ kind: "refused", rule: "limit:user_id", identifiers: [{ type: "email", value: "team@acme.io" }] }]);
  });

  it("a dropped identifier nobody holds yet still joins the message's profile", () => {
    const w = world();
    w.send(identify("u1", undefined, { email: "e@x.io" }));
    const plan = w.send(identify("u2", "fresh", { email: "e@x.io" }));
    expect(sorted(w.groups())).toEqual([["anonymous_id:fresh", "user_id:u2"], ["email:e@x.io", "user_id:u1"]]);
    expect(plan.journal.map((j) => j.identifiers)).toEqual([[{ type: "email", value: "e@x.io" }]]);
  });

  it("a late identify joins earlier history, and the oldest profile survives", () => {
    const w = world();
    const [phone] = w.send(track("d-phone")).newProfiles;
    const [laptop] = w.send(track("d-laptop")).newProfiles;
    w.send(identify("u1", "d-laptop"));
    const plan = w.send(identify("u1", "d-phone"));
    expect(plan.merges).toEqual([{ from: laptop, into: phone }]);
    expect(plan.journal).toMatchObject([{ kind: "merge", rule: "match", profiles: [phone, laptop] }]);
    expect(w.live(laptop)).toBe(phone);
    expect(w.groups()).toEqual([["anonymous_id:d-laptop", "anonymous_id:d-phone", "user_id:u1"]]);
  });

  it("blocked values never link", () => {
    const w = world();
    const plan = w.send(
      track("0", "null"),
      identify("null", "a9", { email: "[object Object]" }),
      track("0", "u5"),
      track("anonymous", "undefined"),
      identify("u6", "-1", { email: "null@null.io" }),
      identify("u7", "000", { email: "null@null.io" }),
    );
    expect(sorted(w.groups())).toEqual([
      ["anonymous_id:a9"],
      ["email:null@null.io", "user_id:u6"],
      ["user_id:u5"],
      ["user_id:u7"],
    ]);
    expect(plan.resolved[0].profileId).toBeNull();
    expect(plan.resolved[3].profileId).toBeNull();
  });

  it("arrival order does not change the grouping when no limit is hit", () => {
    const messages = [
      track("a1"),
      identify("u1", "a1", { email: "x@y.io" }),
      track("a2", undefined, { context: { traits: { email: "x@y.io" } } }),
      track("a3", "u1"),
      identify(undefined, "a4", { phone: "+1 555 010 9999" }),
    ];
    const expected = [["anonymous_id:a1", "anonymous_id:a2", "anonymous_id:a3", "email:x@y.io", "user_id:u1"], ["anonymous_id:a4", "phone:+15550109999"]];
    for (const order of permutations(messages)) {
      const w = world();
      for (const m of order) w.send(m);
      expect(sorted(w.groups())).toEqual(expected);
      const one = world();
      one.send(...order);
      expect(sorted(one.groups())).toEqual(expected);
    }
  });

  it("replaying the same messages changes nothing", () => {
    const w = world();
    const messages = [track("a1"), identify("u1", "a1"), identify("u2", "a1"), alias("u0", "u1"), track("a2", "u2")];
    const first = w.send(...messages);
    const before = JSON.stringify([...w.graph.identities, ...w.graph.profiles]);
    for (const replay of [() => w.send(...messages), () => messages.map((m) => w.send(m))]) {
      const plans = [replay()].flat();
      expect(JSON.stringify([...w.graph.identities, ...w.graph.profiles])).toBe(before);
      for (const p of plans) {
        expect(p.newProfiles).toEqual([]);
        expect(p.attach).toEqual([]);
        expect(p.merges).toEqual([]);
        // Refusals are decided again (the reason may count differently): same message, rule and identifiers.
        const key = (j: JournalEntry) => JSON.stringify([j.kind, j.messageId, j.rule, j.identifiers]);
        for (const j of p.journal) expect(first.journal.map(key)).toContain(key(j));
      }
    }
  });

  it("a split pair is not re-merged by an inferred link, but an alias re-merges it", () => {
    const w = world();
    w.send(identify("u1", "a1", { email: "shared@team.io" }), track("a2", undefined, { context: { traits: { email: "shared@team.io" } } }));
    expect(w.groups()).toEqual([["anonymous_id:a1", "anonymous_id:a2", "email:shared@team.io", "user_id:u1"]]);

    const piece = splitProfile(w.graph, "p1", [{ type: "anonymous_id", value: "a2" }], { newProfileId: w.newId, now: NOW, actor: "admin@tandem" });
    expect(w.graph.keptApart).toEqual([["p1", piece]]);

    const inferred = w.send(track("a2", undefined, { context: { traits: { email: "shared@team.io" } } }));
    expect(inferred.merges).toEqual([]);
    // email outranks anonymous_id, so the anonymous_id is the one dropped: the event goes to p1.
    expect(inferred.journal).toMatchObject([{ kind: "split-honoured", rule: "kept_apart", identifiers: [{ type: "anonymous_id", value: "a2" }] }]);
    expect(inferred.resolved[0].profileId).toBe("p1");
    // Also when the link runs through a new profile's identifiers joining both sides.
    const viaNew = w.send(identify("u1", "a2"));
    expect(viaNew.merges).toEqual([]);
    expect(viaNew.journal[0].kind).toBe("split-honoured");
    expect(w.groups()).toHaveLength(2);

    const explicit = w.send(alias("a2", "u1", "a2"));
    expect(explicit.merges).toEqual([{ from: piece, into: "p1" }]);
    expect(explicit.releasedKeptApart).toEqual([["p1", piece]]);
    expect(explicit.journal.at(-1)).toMatchObject({ kind: "alias", rule: "alias" });
    expect(explicit.journal.at(-1)!.reason).toContain("re-merges profiles an admin split");
    expect(w.graph.keptApart).toEqual([]);
    expect(w.groups()).toHaveLength(1);
  });

  it("a kept-apart pair follows its profiles through later merges", () => {
    const w = world();
    w.send(identify("u1", "a1"), track("a2"));
    w.send(track("a1", undefined, { context: { traits: { email: "e@x.io" } } }));
    const piece = splitProfile(w.graph, "p1", [{ type: "email", value: "e@x.io" }], { newProfileId: w.newId, now: NOW, actor: "admin" });
    w.send(track("a2", undefined, { context: { traits: { email: "e@x.io" } } })); // p2 (a2) joins the split-off piece
    expect(w.live("p2")).toBe("p2");
    const plan = w.send(track("a1", undefined, { context: { traits: { email: "e@x.io" } } }));
    expect(plan.journal[0]).toMatchObject({ kind: "split-honoured" });
    expect(plan.merges).toEqual([]);
    expect(piece).toBe("p3");
  });

  it("tightening a limit never blocks linking a profile's own identifiers", () => {
    const w = world();
    w.send(identify("u1", "a1", { email: "1@x.io" }), identify("u1", "a1", { email: "2@x.io" }), identify("u1", "a1", { email: "3@x.io" }));
    const strict = { ...DEFAULT_RULES, limits: { ...DEFAULT_RULES.limits, email: 2 } };
    const plan = resolveIdentities(
      { identities: [...w.graph.identities.values()], profiles: [{ id: "p1", seq: 1, counts: { user_id: 1, anonymous_id: 1, email: 3 } }], keptApart: [] },
      [identify("u1", "a2", { email: "1@x.io" }), identify("u1", "a3", { email: "4@x.io" })],
      { rules: strict, newProfileId: () => "new", now: NOW },
    );
    expect(plan.attach).toEqual([
      { type: "anonymous_id", value: "a2", profileId: "p1" },
      { type: "anonymous_id", value: "a3", profileId: "p1" },
    ]);
    expect(plan.journal).toMatchObject([{ kind: "refused", rule: "limit:email", identifiers: [{ type: "email", value: "4@x.io" }] }]);
  });

  it("a request of several messages equals the same messages sent one request at a time", () => {
    const messages = [track("a1"), track("a2"), identify("u1", "a2"), identify("u1", "a1"), identify("u2", "a1"), alias("u2", "u1"), track("a3", "u2")];
    const one = world();
    one.send(...messages);
    const many = world();
    for (const m of messages) many.send(m);
    expect(one.graph).toEqual(many.graph);
  });

  it("refuses a snapshot that names an identity's profile without describing it", () => {
    expect(() =>
      resolveIdentities({ identities: [{ type: "user_id", value: "u", profileId: "x" }], profiles: [], keptApart: [] }, [], {
        rules: DEFAULT_RULES,
        newProfileId: () => "n",
        now: NOW,
      }),
    ).toThrow("snapshot lacks profile x");
  });
});

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}
