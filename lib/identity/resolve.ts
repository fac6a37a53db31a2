// Identity resolution for one ingest request, as a pure function: a snapshot of the stored graph
// restricted to what the request touches, plus the request's messages in ingest order, give a
// set-based plan (profiles to create, identities to attach, merges, journal). No I/O; the clock and
// the id generator are passed in, so the caller can run it inside the ingest transaction.
//
// Algorithm (Segment Unify's flat matching, incremental over a union-find of profiles):
// for each message, in order, take its non-blocked identifiers sorted by priority. The profiles they
// point to, plus the unknown ones, are the candidate link. If the link would break a rule — two of the
// profiles were kept apart by an admin split, or a type would exceed its limit — drop the incoming
// identifier of lowest priority and retry (Unify's conflict handling). Then: no profile → create one;
// one → attach the unknown identifiers; several → merge into the oldest. Unknown identifiers dropped
// along the way are re-attached afterwards where that alone breaks no limit (so an anonymous_id is not
// orphaned by a conflict it took no part in). Every identifier of the message that ends outside the
// message's profile is journaled as refused (or split-honoured), naming the rule.
//
// Decisions:
// - Survivor of a merge: the oldest profile (lowest stored sequence; profiles created in this request
//   are younger than every stored one, in creation order). Independent of which message came first.
// - A limit is broken only when a link makes a type's count exceed both its limit and the largest count
//   any linked profile already holds: tightening a limit stops growth but never blocks linking a
//   profile's own identifiers.
// - alias is explicit: after the message's other identifiers resolve, previousId's profile and
//   userId's profile are linked whatever the limits (the excess is journaled), and even when an admin
//   split kept them apart — the issue says only an admin or an explicit alias may re-merge. That
//   re-merge releases the kept-apart pair (`releasedKeptApart`), journaled as kind "alias".
// - Messages update the in-memory state as they go, so a request of N messages yields exactly the
//   state and journal of N one-message requests (the tests check this).
import { identityKey, isBlocked, normalizeIdentifierValue, splitIdentifiers, type Identifier, type IdentityMessage } from "./identifiers";
import { limitOf, priorityOf, type IdentityRules } from "./rules";

export interface SnapshotProfile {
  /** A live (not merged-away) profile. */
  id: string;
  /** Stored creation order (a bigserial): the lowest survives a merge. */
  seq: number;
  /** How many identifiers of each type the profile holds in total, not only those in the request. */
  counts: Record<string, number>;
}

/** The stored graph restricted to the request: every stored identity among the request's identifiers,
 * every profile they point to, and the kept-apart pairs involving those profiles. */
export interface IdentitySnapshot {
  identities: { type: string; value: string; profileId: string }[];
  profiles: SnapshotProfile[];
  keptApart: [string, string][];
}

export interface ResolveOptions {
  rules: IdentityRules;
  newProfileId: () => string;
  now: Date;
}

export type JournalKind = "merge" | "alias" | "refused" | "split-honoured" | "split";

export interface JournalEntry {
  kind: JournalKind;
  messageId: string | null;
  identifiers: Identifier[];
  /** What decided: "match", "alias", "limit:<type>", "kept_apart", "admin". */
  rule: string;
  reason: string;
  /** merge/alias/split: [survivor, ...others]; refused/split-honoured: [message's profile, ...profiles refused]. */
  profiles: string[];
  at: Date;
}

export interface ResolutionPlan {
  /** Profiles to insert, in creation order (insert in this order so their sequence follows it). */
  newProfiles: string[];
  /** Identities new to the graph; profileId is the surviving profile at the end of the request. */
  attach: { type: string; value: string; profileId: string }[];
  /** Every profile absorbed in this request (stored or created here); `into` is the final survivor. */
  merges: { from: string; into: string }[];
  /** Kept-apart pairs (snapshot ids) an alias re-merged: delete them. */
  releasedKeptApart: [string, string][];
  journal: JournalEntry[];
  /** Each message's profile at the end of the request (null when it carried no usable identifier). */
  resolved: { messageId: string; profileId: string | null }[];
}

type Rank = [number, number];
interface Violation {
  kind: "refused" | "split-honoured";
  rule: string;
  reason: string;
}

const show = (i: Identifier) => `${i.type}:${i.value}`;

/** Resolves one request's messages (in ingest order) against the snapshot; see the header for the rules. */
export function resolveIdentities(snapshot: IdentitySnapshot, messages: IdentityMessage[], opts: ResolveOptions): ResolutionPlan {
  const { rules, now } = opts;
  const owner = new Map<string, string>();
  const parent = new Map<string, string>();
  const rank = new Map<string, Rank>();
  const counts = new Map<string, Map<string, number>>();
  const keptApart = snapshot.keptApart.map((pair) => ({ pair, released: false }));
  const plan: ResolutionPlan = { newProfiles: [], attach: [], merges: [], releasedKeptApart: [], journal: [], resolved: [] };
  const attached = new Map<string, Identifier>();

  for (const p of snapshot.profiles) {
    parent.set(p.id, p.id);
    rank.set(p.id, [0, p.seq]);
    counts.set(p.id, new Map(Object.entries(p.counts)));
  }
  for (const i of snapshot.identities) {
    if (!parent.has(i.profileId)) throw new Error(`snapshot lacks profile ${i.profileId} of ${show(i)}`);
    owner.set(identityKey(i), i.profileId);
  }

  const find = (p: string): string => {
    let r = p;
    while (parent.get(r) !== r) r = parent.get(r)!;
    for (let x = p; x !== r; ) {
      const next = parent.get(x)!;
      parent.set(x, r);
      x = next;
    }
    return r;
  };
  const older = (a: string, b: string) => {
    const [x, y] = [rank.get(a)!, rank.get(b)!];
    return x[0] - y[0] || x[1] - y[1];
  };
  const rootOf = (i: Identifier) => {
    const p = owner.get(identityKey(i));
    return p === undefined ? undefined : find(p);
  };
  const countOf = (root: string, type: string) => counts.get(root)!.get(type) ?? 0;
  const byPriority = (a: Identifier, b: Identifier) =>
    priorityOf(a.type, rules) - priorityOf(b.type, rules) || (a.type < b.type ? -1 : a.type > b.type ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  const isKeptApart = (a: string, b: string) =>
    keptApart.some(({ pair, released }) => !released && ((find(pair[0]) === a && find(pair[1]) === b) || (find(pair[0]) === b && find(pair[1]) === a)));

  const createProfile = () => {
    const id = opts.newProfileId();
    if (parent.has(id)) throw new Error(`newProfileId returned an id already in use: ${id}`);
    parent.set(id, id);
    rank.set(id, [1, plan.newProfiles.length]);
    counts.set(id, new Map());
    plan.newProfiles.push(id);
    return id;
  };
  const attach = (i: Identifier, root: string) => {
    owner.set(identityKey(i), root);
    attached.set(identityKey(i), i);
    counts.get(root)!.set(i.type, countOf(root, i.type) + 1);
  };
  /** Types whose limit the union of these roots plus these new identifiers would break. */
  const brokenLimits = (roots: string[], extra: Identifier[]) => {
    const total = new Map<string, number>();
    const held = new Map<string, number>();
    for (const r of roots)
      for (const [t, n] of counts.get(r)!) {
        total.set(t, (total.get(t) ?? 0) + n);
        held.set(t, Math.max(held.get(t) ?? 0, n));
      }
    for (const i of extra) total.set(i.type, (total.get(i.type) ?? 0) + 1);
    return [...total]
      .filter(([t, n]) => n > limitOf(t, rules) && n > (held.get(t) ?? 0))
      .sort(([a], [b]) => priorityOf(a, rules) - priorityOf(b, rules) || (a < b ? -1 : 1))
      .map(([t, n]) => ({ type: t, total: n, limit: limitOf(t, rules) }));
  };
  const merge = (roots: string[], m: IdentityMessage, kind: "merge" | "alias", identifiers: Identifier[], note: string) => {
    const [into, ...from] = [...roots].sort(older);
    for (const f of from) {
      parent.set(f, into);
      for (const [t, n] of counts.get(f)!) counts.get(into)!.set(t, countOf(into, t) + n);
      counts.delete(f);
      plan.merges.push({ from: f, into });
    }
    plan.journal.push({
      kind,
      messageId: m.messageId,
      identifiers,
      rule: kind === "alias" ? "alias" : "match",
      reason: `${identifiers.map(show).join(", ")} link ${roots.length} profiles: merged into the oldest, ${into}${note}`,
      profiles: [into, ...from],
      at: now,
    });
    return into;
  };

  const violation = (candidates: Identifier[]): Violation | null => {
    const roots = [...new Set(candidates.map(rootOf).filter((r): r is string => r !== undefined))].sort(older);
    for (let a = 0; a < roots.length; a++)
      for (let b = a + 1; b < roots.length; b++)
        if (isKeptApart(roots[a], roots[b]))
          return { kind: "split-honoured", rule: "kept_apart", reason: `an admin split ${roots[a]} and ${roots[b]}; only an alias re-merges them` };
    const broken = brokenLimits(roots, candidates.filter((i) => rootOf(i) === undefined))[0];
    if (!broken) return null;
    return {
      kind: "refused",
      rule: `limit:${broken.type}`,
      reason: `a profile may hold at most ${broken.limit} ${broken.type}; linking would give it ${broken.total}`,
    };
  };

  /** Unify's matching for one message's inferred identifiers; returns the message's profile. */
  const link = (m: IdentityMessage, identifiers: Identifier[]): string => {
    const candidates = [...identifiers].sort(byPriority);
    const dropped: { id: Identifier; v: Violation }[] = [];
    // A single identifier never breaks a rule (limits are ≥ 1), so this ends with at least one.
    for (let v = violation(candidates); v && candidates.length > 1; v = violation(candidates)) dropped.push({ id: candidates.pop()!, v });

    const roots = [...new Set(candidates.map(rootOf).filter((r): r is string => r !== undefined))];
    const unknown = candidates.filter((i) => rootOf(i) === undefined);
    const root =
      roots.length === 0
        ? createProfile()
        : roots.length === 1
          ? roots[0]
          : merge(roots, m, "merge", candidates.filter((i) => rootOf(i) !== undefined), "");
    for (const i of unknown) attach(i, root);
    for (const { id } of [...dropped].reverse())
      if (rootOf(id) === undefined && brokenLimits([root], [id]).length === 0) attach(id, root);

    const refused = new Map<string, { v: Violation; ids: Identifier[]; profiles: Set<string> }>();
    for (const { id, v } of dropped) {
      const r = rootOf(id);
      if (r === root) continue;
      const group = refused.get(v.rule) ?? { v, ids: [], profiles: new Set([root]) };
      group.ids.push(id);
      if (r !== undefined) group.profiles.add(r);
      refused.set(v.rule, group);
    }
    for (const { v, ids, profiles } of refused.values())
      plan.journal.push({ kind: v.kind, messageId: m.messageId, identifiers: ids, rule: v.rule, reason: v.reason, profiles: [...profiles], at: now });
    return root;
  };

  /** alias: previousId and userId are one person, whatever the limits or an earlier split say. */
  const alias = (m: IdentityMessage, previous: Identifier, user: Identifier, fallback: string): string => {
    let target = rootOf(user);
    if (target === undefined) {
      // Only when an admin ranked user_id low enough for it to be dropped: the alias still names it.
      target = fallback;
      attach(user, target);
    }
    const q = rootOf(previous);
    if (q === target) return target;
    const roots = q === undefined ? [target] : [target, q];
    const over = brokenLimits(roots, q === undefined ? [previous] : []);
    let note = over.length ? `; past the limit of ${over.map((o) => `${o.limit} ${o.type} (now ${o.total})`).join(", ")}` : "";
    if (q === undefined) {
      attach(previous, target);
      plan.journal.push({
        kind: "alias",
        messageId: m.messageId,
        identifiers: [previous, user],
        rule: "alias",
        reason: `alias attached ${show(previous)} to ${target}, the profile of ${show(user)}${note}`,
        profiles: [target],
        at: now,
      });
      return target;
    }
    const splits = keptApart.filter(({ pair, released }) => {
      const [a, b] = [find(pair[0]), find(pair[1])];
      return !released && ((a === target && b === q) || (a === q && b === target));
    });
    for (const s of splits) {
      s.released = true;
      plan.releasedKeptApart.push(s.pair);
    }
    if (splits.length) note += `; re-merges profiles an admin split (${splits.map((s) => s.pair.join(" | ")).join(", ")})`;
    return merge(roots, m, "alias", [previous, user], note);
  };

  for (const m of messages) {
    const { inferred, previous } = splitIdentifiers(m);
    const usable = inferred.filter((i) => !isBlocked(i, rules));
    let profile = usable.length ? link(m, usable) : null;
    if (m.type === "alias" && previous && !isBlocked(previous, rules) && profile !== null) {
      const value = normalizeIdentifierValue("user_id", m.userId);
      const user = usable.find((i) => i.type === "user_id" && i.value === value);
      if (user) profile = alias(m, previous, user, profile);
    }
    plan.resolved.push({ messageId: m.messageId, profileId: profile });
  }

  plan.attach = [...attached].map(([k, i]) => ({ type: i.type, value: i.value, profileId: find(owner.get(k)!) }));
  plan.merges = plan.merges.map(({ from }) => ({ from, into: find(from) }));
  plan.resolved = plan.resolved.map((r) => ({ ...r, profileId: r.profileId === null ? null : find(r.profileId) }));
  return plan;
}

export interface SplitPlan {
  newProfile: string;
  /** Move these identities to `newProfile`. */
  move: Identifier[];
  /** Insert: later inferred links between the two profiles are refused. */
  keptApart: [string, string];
  journal: JournalEntry;
}

/** An admin undoes a bad merge by moving some identifiers of a profile to a new one, kept apart. */
export function planSplit(profileId: string, move: Identifier[], opts: { newProfileId: () => string; now: Date; actor: string }): SplitPlan {
  if (move.length === 0) throw new Error("a split moves at least one identifier");
  const newProfile = opts.newProfileId();
  return {
    newProfile,
    move,
    keptApart: [profileId, newProfile],
    journal: {
      kind: "split",
      messageId: null,
      identifiers: move,
      rule: "admin",
      reason: `${opts.actor} split ${move.map(show).join(", ")} from ${profileId} into ${newProfile}; they stay apart unless an admin or an alias links them`,
      profiles: [profileId, newProfile],
      at: opts.now,
    },
  };
}
