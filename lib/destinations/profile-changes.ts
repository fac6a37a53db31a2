// The profile-change feed (issue 12, item 2), pure: which changes a write produces and how a change
// looks on the wire. The data layer (lib/data/profile-changes.ts) stores what these functions return,
// in the transaction that made the change.
//
// Kinds:
//   traits_changed — a profile's traits changed: `traits` holds the new value of each changed key (null
//                    when the key went away), `previous` its value before (null when it was absent).
//   merged         — profiles were merged into `profileId` (`mergedProfileIds`): their ids now point at it.
//   split          — an admin split `newProfileId` off `profileId`.
//   deleted        — the person was deleted (`deletedProfileIds`: the live profile and those merged into it).

export const PROFILE_CHANGE_KINDS = ["traits_changed", "merged", "split", "deleted"] as const;
export type ProfileChangeKind = (typeof PROFILE_CHANGE_KINDS)[number];

/** A change as stored (profile_changes), before it has a seq. */
export interface ProfileChangeRow {
  kind: ProfileChangeKind;
  profile_id: string;
  related_profile_ids: string[];
  traits: Record<string, unknown> | null;
  previous: Record<string, unknown> | null;
}

/** Deep equality of JSON values, object key order ignored (jsonb reorders keys). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameJson(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && sameJson(ao[k], bo[k]));
}

/**
 * The keys whose value differs between two trait objects: `traits` the new values (null for a key
 * removed), `previous` the old ones (null for a key that was absent). Null when nothing differs.
 */
export function traitDiff(before: Record<string, unknown>, after: Record<string, unknown>): { traits: Record<string, unknown>; previous: Record<string, unknown> } | null {
  const traits: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const inB = has(before, k);
    const inA = has(after, k);
    if (inB && inA && sameJson(before[k], after[k])) continue;
    traits[k] = inA ? after[k] : null;
    previous[k] = inB ? before[k] : null;
  }
  return Object.keys(traits).length ? { traits, previous } : null;
}

/**
 * What one resolution step changed: a `merged` change per survivor (the profiles merged into it), then
 * a `traits_changed` change per profile whose traits differ from before, in the order given.
 * `before` holds the stored traits of the profiles it knew (a new profile has none: its first traits
 * are a change from nothing); `after` the traits written. Merged-away profiles are not reported as
 * trait changes: their traits moved into the survivor's.
 */
export function resolutionChanges(
  merges: readonly { from: string; into: string }[],
  before: ReadonlyMap<string, Record<string, unknown>>,
  after: ReadonlyMap<string, Record<string, unknown>>,
): ProfileChangeRow[] {
  const out: ProfileChangeRow[] = [];
  const mergedInto = new Map<string, string[]>();
  for (const m of merges) mergedInto.set(m.into, [...(mergedInto.get(m.into) ?? []), m.from]);
  for (const [into, from] of mergedInto) out.push({ kind: "merged", profile_id: into, related_profile_ids: from, traits: null, previous: null });
  const gone = new Set(merges.map((m) => m.from));
  for (const [id, traits] of after) {
    if (gone.has(id)) continue;
    const diff = traitDiff(before.get(id) ?? {}, traits);
    if (diff) out.push({ kind: "traits_changed", profile_id: id, related_profile_ids: [], ...diff });
  }
  return out;
}

/** A change as the webhook sends it (`{"batch":[change,…]}`). */
export interface ProfileChangeView {
  /** Increasing in the order changes were recorded within a transaction; unique. */
  changeId: string;
  type: ProfileChangeKind;
  profileId: string;
  at: string;
  traits?: Record<string, unknown>;
  previous?: Record<string, unknown>;
  mergedProfileIds?: string[];
  newProfileId?: string;
  deletedProfileIds?: string[];
}

/** The wire shape of a stored change. */
export function changeView(r: ProfileChangeRow & { seq: string; created_at: string | Date }): ProfileChangeView {
  const base = { changeId: r.seq, type: r.kind, profileId: r.profile_id, at: new Date(r.created_at).toISOString() };
  switch (r.kind) {
    case "traits_changed":
      return { ...base, traits: r.traits ?? {}, previous: r.previous ?? {} };
    case "merged":
      return { ...base, mergedProfileIds: r.related_profile_ids };
    case "split":
      return { ...base, newProfileId: r.related_profile_ids[0] ?? "" };
    case "deleted":
      return { ...base, deletedProfileIds: r.related_profile_ids };
  }
}
