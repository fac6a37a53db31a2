// An in-memory identity store: the reference for what the database layer must do around
// resolveIdentities (one lookup → snapshot, plan → set-based writes). Used by tests and as a spec.
import { extractIdentifiers, identityKey, type Identifier, type IdentityMessage } from "./identifiers";
import { planSplit, resolveIdentities, type IdentitySnapshot, type JournalEntry, type ResolutionPlan, type ResolveOptions } from "./resolve";

export interface MemoryGraph {
  /** identity key → identity; profileId is always a live profile. */
  identities: Map<string, { type: string; value: string; profileId: string }>;
  profiles: Map<string, { id: string; seq: number; mergedInto: string | null }>;
  keptApart: [string, string][];
  journal: JournalEntry[];
  nextSeq: number;
}

export function createMemoryGraph(): MemoryGraph {
  return { identities: new Map(), profiles: new Map(), keptApart: [], journal: [], nextSeq: 1 };
}

/** The one lookup: stored identities among the request's identifiers, their profiles with counts per
 * type, and the kept-apart pairs touching those profiles. */
export function snapshotFor(graph: MemoryGraph, messages: IdentityMessage[]): IdentitySnapshot {
  const identities: IdentitySnapshot["identities"] = [];
  const seen = new Set<string>();
  for (const m of messages)
    for (const i of extractIdentifiers(m)) {
      const k = identityKey(i);
      const stored = graph.identities.get(k);
      if (stored && !seen.has(k)) identities.push({ ...stored });
      seen.add(k);
    }
  const ids = new Set(identities.map((i) => i.profileId));
  const counts = new Map([...ids].map((id) => [id, {} as Record<string, number>]));
  for (const i of graph.identities.values()) {
    const c = counts.get(i.profileId);
    if (c) c[i.type] = (c[i.type] ?? 0) + 1;
  }
  return {
    identities,
    profiles: [...ids].map((id) => ({ id, seq: graph.profiles.get(id)!.seq, counts: counts.get(id)! })),
    keptApart: graph.keptApart.filter(([a, b]) => ids.has(a) || ids.has(b)).map(([a, b]) => [a, b]),
  };
}

/** The writes, in the order a transaction would run them. */
export function applyPlan(graph: MemoryGraph, plan: ResolutionPlan): void {
  for (const id of plan.newProfiles) graph.profiles.set(id, { id, seq: graph.nextSeq++, mergedInto: null });
  for (const a of plan.attach) graph.identities.set(identityKey(a), { ...a });
  const released = new Set(plan.releasedKeptApart.map((p) => p.join("\u0000")));
  graph.keptApart = graph.keptApart.filter((p) => !released.has(p.join("\u0000")));
  const into = new Map(plan.merges.map((m) => [m.from, m.into]));
  const live = (id: string) => into.get(id) ?? id;
  for (const [from, to] of into) graph.profiles.get(from)!.mergedInto = to;
  for (const p of graph.profiles.values()) if (p.mergedInto) p.mergedInto = live(p.mergedInto);
  for (const i of graph.identities.values()) i.profileId = live(i.profileId);
  graph.keptApart = graph.keptApart.map(([a, b]) => [live(a), live(b)]);
  graph.journal.push(...plan.journal);
}

/** One ingest request: snapshot, resolve, apply. */
export function ingestRequest(graph: MemoryGraph, messages: IdentityMessage[], opts: ResolveOptions): ResolutionPlan {
  const plan = resolveIdentities(snapshotFor(graph, messages), messages, opts);
  applyPlan(graph, plan);
  return plan;
}

/** The admin's split, applied. */
export function splitProfile(graph: MemoryGraph, profileId: string, move: Identifier[], opts: Parameters<typeof planSplit>[2]): string {
  for (const i of move)
    if (graph.identities.get(identityKey(i))?.profileId !== profileId) throw new Error(`${i.type}:${i.value} is not on ${profileId}`);
  const split = planSplit(profileId, move, opts);
  graph.profiles.set(split.newProfile, { id: split.newProfile, seq: graph.nextSeq++, mergedInto: null });
  for (const i of split.move) graph.identities.get(identityKey(i))!.profileId = split.newProfile;
  graph.keptApart.push(split.keptApart);
  graph.journal.push(split.journal);
  return split.newProfile;
}

/** The grouping of identifiers, canonical (sorted groups of sorted keys) so runs can be compared. */
export function partitionOf(graph: MemoryGraph): string[][] {
  const groups = new Map<string, string[]>();
  for (const [k, i] of graph.identities) groups.set(i.profileId, [...(groups.get(i.profileId) ?? []), k]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
