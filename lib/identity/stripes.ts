// Which lock stripes an ingest transaction must hold to resolve identities in parallel with others
// (the protocol and its correctness argument are in lib/data/identity-locks.ts). Pure.
//
// Two kinds of things are locked, both hashed into one space of STRIPES stripes so that one sorted
// order covers them all and no transaction ever holds more than STRIPES locks:
//   - an identifier (type, value) that is NOT stored yet and that the rules do not block: whoever
//     holds its stripe is the only one who may create it;
//   - a profile: whoever holds its stripe is the only one who may change the profile's row (facts,
//     merge pointer), the set of identities pointing at it, its events' profile, its kept-apart pairs,
//     its account memberships and the contacts linked to it.
import { identityKey, isBlocked, type Identifier } from "./identifiers";
import type { IdentityRules } from "./rules";

/** The number of stripes. Fixed: every process must hash the same way. */
export const STRIPES = 4096;

/**
 * A transaction needing more stripes than this takes the global lock exclusively instead: it would
 * collide with nearly every other transaction anyway, and the cap keeps the locks held at once far
 * below PostgreSQL's lock table (max_locks_per_transaction × max_connections = 6,400 by default).
 */
export const MAX_STRIPES_PER_TRANSACTION = 1024;

/** 32-bit FNV-1a over the UTF-16 code units: fast, stable across processes and versions. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const identifierStripe = (i: Identifier): number => fnv1a(`i\u0000${identityKey(i)}`) % STRIPES;
export const profileStripe = (profileId: string): number => fnv1a(`p\u0000${profileId}`) % STRIPES;

/** What the database says about a transaction's identifiers: which are stored (and on which live
 * profile), and the kept-apart pairs touching those profiles. */
export interface StoredGraph {
  identities: { type: string; value: string; profileId: string }[];
  keptApart: [string, string][];
}

/**
 * The stripes a transaction resolving `identifiers` must hold, given the stored graph as last read:
 * for a stored identifier, its profile's stripe; for an unstored one the rules do not block, its own
 * stripe (a blocked one is never written); for every kept-apart pair touching those profiles, both
 * profiles' stripes (the pair is rewritten when either side merges).
 */
export function requiredStripes(identifiers: readonly Identifier[], stored: StoredGraph, rules: IdentityRules): Set<number> {
  const owner = new Map(stored.identities.map((i) => [identityKey(i), i.profileId]));
  const out = new Set<number>();
  const profiles = new Set<string>();
  for (const i of identifiers) {
    const p = owner.get(identityKey(i));
    if (p !== undefined) {
      profiles.add(p);
      out.add(profileStripe(p));
    } else if (!isBlocked(i, rules)) out.add(identifierStripe(i));
  }
  for (const [a, b] of stored.keptApart)
    if (profiles.has(a) || profiles.has(b)) {
      out.add(profileStripe(a));
      out.add(profileStripe(b));
    }
  return out;
}

/**
 * How to take `missing` stripes while holding `held` without risking a deadlock. A transaction may
 * only WAIT for a stripe above every stripe it holds (so waits always go up the order, and a cycle
 * of waits is impossible); a stripe below that can only be tried without waiting.
 *   tryLock — below the highest held stripe: try each, never wait (if one is taken, restart);
 *   block   — above it: wait for each, in ascending order.
 */
export function planAcquisition(held: ReadonlySet<number>, missing: Iterable<number>): { tryLock: number[]; block: number[] } {
  let top = -1;
  for (const s of held) if (s > top) top = s;
  const want = [...new Set(missing)].filter((s) => !held.has(s)).sort((a, b) => a - b);
  return { tryLock: want.filter((s) => s < top), block: want.filter((s) => s > top) };
}
