// Identity resolution inside the ingest transaction: the database side of lib/identity.
//
// For one ingest transaction (one group commit of several requests):
//   1. lock (identity-locks.ts): on PostgreSQL the global identity lock shared plus the stripes of
//      the identifiers and profiles the request touches, so transactions about different people
//      resolve in parallel; on the embedded database (one transaction at a time anyway) the global
//      lock alone,
//   2. ONE statement: the rules in force, which messages are already stored (replays resolve nothing
//      twice), and every identifier of the request with its profiles' identifier counts, facts and
//      kept-apart pairs (on PostgreSQL step 1 may repeat it until the locks cover what it returns),
//   3. resolve in memory (lib/identity/resolve.ts: union-find under the rules) and fold the new facts
//      (lib/identity/facts.ts),
//   4. set-based writes: profiles with their facts, merges (profiles, identities, events, contacts,
//      accounts, kept-apart pairs follow the survivor), identities, journal, the events themselves with
//      their profile, accounts from group calls, the CRM link by email, and — while a profile-change
//      destination exists — the merges and trait changes in the profile-change feed (profile-changes.ts).
// Everything commits with the events, so a 200 means the profile is there too.
import { randomUUID } from "node:crypto";
import type { NormalizedEvent } from "../ingest/normalize";
import { extractIdentifiers, identityKey, type Identifier } from "../identity/identifiers";
import { resolveIdentities, type IdentitySnapshot, type JournalEntry, type ResolutionPlan } from "../identity/resolve";
import { combineFacts, emptyFacts, factsOfEvent, type FactEvent, type ProfileFacts, type TraitMeta } from "../identity/facts";
import type { IdentityRules } from "../identity/rules";
import { MAX_STRIPES_PER_TRANSACTION, requiredStripes, type StoredGraph } from "../identity/stripes";
import { IDENTITY_RULES_KEY, rulesFromSetting } from "./identity-rules";
import { acquireMore, IdentityLockRetry, lockIdentities, lockShared, SERIAL, type IdentityLocking } from "./identity-locks";
import type { Sql } from "./sql";
import { isSuppressed } from "./suppression-sql";
import { PROFILE_FEED_ON, profileFeedOn, recordProfileChanges } from "./profile-changes";
import { resolutionChanges, type ProfileChangeRow } from "../destinations/profile-changes";

export { lockIdentities };

export interface IngestMessage {
  sourceId: string;
  event: NormalizedEvent;
}

/** The rules in force: the admin's saved rules, or the defaults. */
export async function loadRules(sql: Sql): Promise<IdentityRules> {
  const rows = await sql.query<{ value: unknown }>(`SELECT value FROM settings WHERE key = $1`, [IDENTITY_RULES_KEY]);
  return rulesFromSetting(rows[0]?.value);
}

interface LoadedState {
  rules: IdentityRules;
  /** `${sourceId}\0${messageId}` of the messages already stored. */
  stored: Set<string>;
  snapshot: IdentitySnapshot;
  facts: Map<string, ProfileFacts>;
  /** identityKey of the request's identifiers on the suppression list (lib/data/privacy.ts). */
  suppressed: Set<string>;
  /** Whether profile changes are recorded (a profile-change destination exists: profile-changes.ts). */
  feed: boolean;
}

const messageKey = (sourceId: string, messageId: string) => `${sourceId}\u0000${messageId}`;

/**
 * Step 2, one statement: the rules in force, which messages are already stored, and the stored graph
 * restricted to these identifiers — their identities, the profiles they point to (identifier counts
 * and facts) and the kept-apart pairs touching those profiles.
 */
async function loadState(sql: Sql, messagesJson: string, identifiersJson: string): Promise<LoadedState> {
  const [row] = await sql.query<{
    rules: unknown;
    stored: [string, string][];
    identities: { type: string; value: string; profileId: string }[];
    profiles: { id: string; seq: number; counts: Record<string, number> | null; facts: FactsRow }[];
    kept: [string, string][];
    suppressed: [string, string][];
    feed: boolean;
  }>(
    `WITH ids AS (
       SELECT i.type, i.value, i.profile_id FROM jsonb_to_recordset($1::jsonb) AS r(type text, value text)
         JOIN identities i ON i.type = r.type AND i.value = r.value),
     ps AS (SELECT DISTINCT profile_id AS id FROM ids)
     SELECT
       (SELECT value FROM settings WHERE key = $3) AS rules,
       (SELECT coalesce(json_agg(json_build_array(e.source_id, e.message_id)), '[]')
          FROM jsonb_to_recordset($2::jsonb) AS m(source_id text, message_id text)
          JOIN events e ON e.source_id = m.source_id AND e.message_id = m.message_id) AS stored,
       (SELECT coalesce(json_agg(json_build_object('type', type, 'value', value, 'profileId', profile_id)), '[]') FROM ids) AS identities,
       (SELECT coalesce(json_agg(json_build_object('id', p.id, 'seq', p.seq,
          'counts', (SELECT jsonb_object_agg(c.type, c.n) FROM (SELECT type, count(*)::int AS n FROM identities WHERE profile_id = p.id GROUP BY type) c),
          'facts', (SELECT row_to_json(f) FROM (SELECT ${FACTS_COLUMNS} FROM profiles WHERE id = p.id) f))), '[]')
          FROM ps JOIN profiles p ON p.id = ps.id) AS profiles,
       (SELECT coalesce(json_agg(json_build_array(k.profile_a, k.profile_b)), '[]') FROM identity_kept_apart k
         WHERE k.profile_a IN (SELECT id FROM ps) OR k.profile_b IN (SELECT id FROM ps)) AS kept,
       ${suppressionCheck.enabled ? SUPPRESSED_CHECK : `'[]'::json`} AS suppressed,
       ${PROFILE_FEED_ON} AS feed`,
    [identifiersJson, messagesJson, IDENTITY_RULES_KEY],
  );
  return {
    rules: rulesFromSetting(row.rules),
    stored: new Set(row.stored.map(([source, message]) => messageKey(source, message))),
    snapshot: {
      identities: row.identities,
      profiles: row.profiles.map((p) => ({ id: p.id, seq: Number(p.seq), counts: p.counts ?? {} })),
      keptApart: row.kept,
    },
    facts: new Map(row.profiles.map((p) => [p.id, factsFromRow(reviveDates(p.facts))])),
    suppressed: new Set(row.suppressed.map(([type, value]) => identityKey({ type, value }))),
    feed: row.feed,
  };
}

/**
 * The request's identifiers ($1) whose SHA-256 of `type:value` is on the suppression list, read under
 * the identity locks with the rest of the state: a deletion holds the global lock exclusively while it
 * deletes and suppresses, so a message resolved after it commits sees the suppression. With an empty
 * list the EXISTS is false once per statement and no hash is computed; otherwise each identifier is
 * one primary-key probe (a scalar subquery: never turned into a join that reads the whole list).
 * Measured by npm run bench:suppression (README).
 */
export const SUPPRESSED_CHECK = `(SELECT coalesce(json_agg(json_build_array(r.type, r.value)), '[]')
   FROM jsonb_to_recordset($1::jsonb) AS r(type text, value text)
  WHERE EXISTS (SELECT 1 FROM suppressions)
    AND ${isSuppressed("r.type || ':' || r.value")})`;

/** Off only in scripts/bench-suppression.ts's baseline rounds (what ingest cost without the check). */
export const suppressionCheck = { enabled: true };

/** Striped mode's hint (step 1 of identity-locks.ts, no lock): the rules, which identifiers are
 * stored and where, and the kept-apart pairs touching those profiles. Only a guess at what to lock. */
async function loadHint(sql: Sql, identifiersJson: string): Promise<{ rules: IdentityRules; identities: { type: string; value: string; profileId: string }[]; keptApart: [string, string][] }> {
  const [row] = await sql.query<{ rules: unknown; identities: [string, string, string][]; kept: [string, string][] }>(
    `WITH ids AS (
       SELECT i.type, i.value, i.profile_id FROM jsonb_to_recordset($1::jsonb) AS r(type text, value text)
         JOIN identities i ON i.type = r.type AND i.value = r.value),
     ps AS (SELECT DISTINCT profile_id AS id FROM ids)
     SELECT (SELECT value FROM settings WHERE key = $2) AS rules,
       (SELECT coalesce(json_agg(json_build_array(type, value, profile_id)), '[]') FROM ids) AS identities,
       (SELECT coalesce(json_agg(json_build_array(k.profile_a, k.profile_b)), '[]') FROM identity_kept_apart k
         WHERE k.profile_a IN (SELECT id FROM ps) OR k.profile_b IN (SELECT id FROM ps)) AS kept`,
    [identifiersJson, IDENTITY_RULES_KEY],
  );
  return { rules: rulesFromSetting(row.rules), identities: row.identities.map(([type, value, profileId]) => ({ type, value, profileId })), keptApart: row.kept };
}

/** Timestamps arrive as strings when a row travels inside JSON. */
function reviveDates(r: FactsRow): FactsRow {
  const d = (v: Date | string | null) => (v === null ? null : new Date(v));
  return { ...r, first_seen_at: d(r.first_seen_at), last_seen_at: d(r.last_seen_at), first_touch_at: d(r.first_touch_at), last_event_at: d(r.last_event_at) };
}

/** Rounds of "read, lock what is missing" before striped mode gives up and restarts serially. */
const MAX_LOCK_ROUNDS = 6;

/**
 * Step 1 and 2 (identity-locks.ts): locks, then the state the locks make stable. Throws
 * IdentityLockRetry when the transaction must roll back and run again.
 */
async function lockAndLoad(sql: Sql, locking: IdentityLocking, identifiers: Identifier[], messagesJson: string): Promise<LoadedState> {
  const identifiersJson = JSON.stringify(identifiers);
  return lockAndRead(sql, locking, identifiers, () => loadState(sql, messagesJson, identifiersJson), (state) => ({ rules: state.rules, stored: state.snapshot }));
}

/**
 * Takes the locks resolving `identifiers` needs, then returns `read()` as read under them: serially
 * G exclusive; striped, G shared and the stripes of lib/identity/stripes.ts requiredStripes,
 * reading again until what `read` returns (`graph` of it) needs no stripe that is not held.
 */
async function lockAndRead<T>(
  sql: Sql,
  locking: IdentityLocking,
  identifiers: Identifier[],
  read: () => Promise<T>,
  graph: (t: T) => { rules: IdentityRules; stored: StoredGraph },
): Promise<T> {
  if (locking.mode === "serial") {
    await lockIdentities(sql);
    return read();
  }
  const hint = await loadHint(sql, JSON.stringify(identifiers));
  const held = new Set<number>([...(locking.preLock ?? []), ...requiredStripes(identifiers, hint, hint.rules)]);
  if (held.size > MAX_STRIPES_PER_TRANSACTION) {
    // Nothing is locked yet: take the global lock exclusively instead (it cannot be upgraded later).
    await lockIdentities(sql);
    return read();
  }
  await lockShared(sql, [...held].sort((a, b) => a - b));
  for (let round = 1; ; round++) {
    const t = await read();
    const { rules, stored } = graph(t);
    const missing = [...requiredStripes(identifiers, stored, rules)].filter((s) => !held.has(s));
    if (missing.length === 0) return t;
    if (round >= MAX_LOCK_ROUNDS || held.size + missing.length > MAX_STRIPES_PER_TRANSACTION)
      throw new IdentityLockRetry(SERIAL, `identity resolution needed ${held.size + missing.length} stripes after ${round} reads; running serially`);
    if (!(await acquireMore(sql, held, missing)))
      throw new IdentityLockRetry({ mode: "striped", preLock: [...held, ...missing] }, "a lower stripe was taken; restarting with every stripe learnt");
  }
}

/**
 * Before linking contacts to the profiles holding these emails (a contact created, or its email
 * changed), outside ingest: the locks ingest would take for them as identifiers. Striped, that is the
 * email's stripe while no identity holds it (no ingest can create it and link contacts meanwhile:
 * W1) and its profile's stripe once one does (no ingest can merge that profile, moving its contacts,
 * meanwhile: W2) — so the link read stays true until commit. Take it FIRST in the transaction, before
 * any row lock (identity-locks.ts, deadlocks). May throw IdentityLockRetry.
 */
export async function lockContactLinks(sql: Sql, locking: IdentityLocking, emails: string[]): Promise<void> {
  if (emails.length === 0) return;
  // The values linkContactToProfile looks up: lower(email).
  const identifiers = emails.map((e) => ({ type: "email", value: e.toLowerCase() }));
  const json = JSON.stringify(identifiers);
  await lockAndRead(sql, locking, identifiers, () => loadHint(sql, json), (hint) => ({ rules: hint.rules, stored: hint }));
}

/** The snapshot restricted to what these identifiers reach (the state was read for every message,
 * replays included). */
function restrict(state: LoadedState, identifiers: Identifier[]): { snapshot: IdentitySnapshot; facts: Map<string, ProfileFacts> } {
  const keys = new Set(identifiers.map(identityKey));
  const identities = state.snapshot.identities.filter((i) => keys.has(identityKey(i)));
  const ps = new Set(identities.map((i) => i.profileId));
  return {
    snapshot: {
      identities,
      profiles: state.snapshot.profiles.filter((p) => ps.has(p.id)),
      keptApart: state.snapshot.keptApart.filter(([a, b]) => ps.has(a) || ps.has(b)),
    },
    facts: new Map([...state.facts].filter(([id]) => ps.has(id))),
  };
}

const JOURNAL_KIND: Record<JournalEntry["kind"], string> = { merge: "merge", alias: "alias", refused: "refused", "split-honoured": "refused", split: "split" };

export const CLEARED_FACTS = `traits = '{}', trait_meta = '{}', first_seen_at = NULL, last_seen_at = NULL, first_channel = NULL,
  first_utm_source = NULL, first_utm_medium = NULL, first_utm_campaign = NULL, first_referrer = NULL, first_landing_page = NULL,
  first_touch_at = NULL, first_touch_key = NULL, event_count = 0, total_revenue = 0, last_event_name = NULL, last_event_at = NULL,
  last_event_key = NULL`;

/** Writes a plan's graph changes (everything but the events and facts). */
/**
 * Writes a plan's graph changes (everything but the events). `facts` holds the new facts of the
 * profiles they change: new profiles are inserted with theirs, in creation order (their sequence
 * follows it), before anything refers to them.
 */
async function applyGraph(
  sql: Sql,
  plan: ResolutionPlan,
  snapshot: IdentitySnapshot,
  seen: Map<string, { first: Date; last: Date }>,
  facts: Map<string, ProfileFacts>,
  actorUserId: string | null = null,
): Promise<void> {
  const order = new Map(plan.newProfiles.map((id, n) => [id, n]));
  const ids = [...new Set([...plan.newProfiles, ...facts.keys()])].sort((a, b) => (order.get(a) ?? -1) - (order.get(b) ?? -1));
  if (ids.length)
    await sql.query(
      `INSERT INTO profiles (id, ${FACT_COLUMNS.map(([c]) => c).join(", ")})
         SELECT r.id, ${FACT_COLUMNS.map(([c]) => `r.${c}`).join(", ")} FROM jsonb_to_recordset($1::jsonb) AS r(${FACTS_RECORD}, n int) ORDER BY r.n
       ON CONFLICT (id) DO UPDATE SET ${FACT_COLUMNS.map(([c]) => `${c} = excluded.${c}`).join(", ")}, updated_at = now()`,
      [JSON.stringify(factsRows(ids.map((id) => [id, facts.get(id) ?? emptyFacts()] as [string, ProfileFacts])).map((r, n) => ({ ...r, n })))],
    );

  if (plan.merges.length) {
    const m = JSON.stringify(plan.merges.map((x) => ({ from_id: x.from, into_id: x.into })));
    const from = plan.merges.map((x) => x.from);
    const M = `jsonb_to_recordset($1::jsonb) AS m(from_id text, into_id text)`;
    // Each update also names the merged ids as an array, so the planner uses the index even
    // without statistics (PGlite has no autovacuum) instead of scanning the table.
    // A merged-away row becomes a bare pointer: its facts now live in the survivor.
    await sql.query(
      `UPDATE profiles p SET merged_into_id = m.into_id, ${CLEARED_FACTS}, updated_at = now() FROM ${M}
        WHERE (p.id = m.from_id AND p.id = ANY($2::text[])) OR (p.merged_into_id = m.from_id AND p.merged_into_id = ANY($2::text[]))`,
      [m, from],
    );
    await sql.query(`UPDATE identities i SET profile_id = m.into_id FROM ${M} WHERE i.profile_id = m.from_id AND i.profile_id = ANY($2::text[])`, [m, from]);
    await sql.query(`UPDATE events e SET profile_id = m.into_id FROM ${M} WHERE e.profile_id = m.from_id AND e.profile_id = ANY($2::text[])`, [m, from]);
    await sql.query(`UPDATE contacts c SET profile_id = m.into_id FROM ${M} WHERE c.profile_id = m.from_id AND c.profile_id = ANY($2::text[])`, [m, from]);
    await sql.query(
      `WITH moved AS (DELETE FROM profile_accounts pa WHERE pa.profile_id = ANY($2::text[]) RETURNING pa.profile_id, pa.account_id, pa.joined_at)
       INSERT INTO profile_accounts (profile_id, account_id, joined_at)
         SELECT m.into_id, moved.account_id, min(moved.joined_at) FROM ${M} JOIN moved ON moved.profile_id = m.from_id
         GROUP BY m.into_id, moved.account_id
       ON CONFLICT (profile_id, account_id) DO UPDATE SET joined_at = least(profile_accounts.joined_at, excluded.joined_at)`,
      [m, from],
    );
  }

  // Kept-apart pairs follow their profiles into survivors; released ones (an alias re-merged them) go.
  const into = new Map(plan.merges.map((x) => [x.from, x.into]));
  if (snapshot.keptApart.length && (into.size || plan.releasedKeptApart.length)) {
    const released = new Set(plan.releasedKeptApart.map(([a, b]) => `${a}\u0000${b}`));
    const live = (id: string) => into.get(id) ?? id;
    const next = snapshot.keptApart
      .filter(([a, b]) => !released.has(`${a}\u0000${b}`))
      .map(([a, b]) => [live(a), live(b)])
      .filter(([a, b]) => a !== b);
    await sql.query(
      `DELETE FROM identity_kept_apart k USING jsonb_to_recordset($1::jsonb) AS r(a text, b text) WHERE k.profile_a = r.a AND k.profile_b = r.b`,
      [JSON.stringify(snapshot.keptApart.map(([a, b]) => ({ a, b })))],
    );
    if (next.length)
      await sql.query(
        `INSERT INTO identity_kept_apart (profile_a, profile_b) SELECT r.a, r.b FROM jsonb_to_recordset($1::jsonb) AS r(a text, b text) ON CONFLICT DO NOTHING`,
        [JSON.stringify(next.map(([a, b]) => ({ a, b })))],
      );
  }

  // Identities: the new ones with their profile; every one seen (new or stored) gets its first/last seen.
  const owners = new Map<string, { type: string; value: string; profileId: string }>();
  for (const i of snapshot.identities) owners.set(identityKey(i), { ...i, profileId: into.get(i.profileId) ?? i.profileId });
  for (const a of plan.attach) owners.set(identityKey(a), a);
  const rows = [...owners].flatMap(([k, i]) => {
    const s = seen.get(k);
    return s ? [{ type: i.type, value: i.value, profile_id: i.profileId, first: s.first, last: s.last }] : [];
  });
  if (rows.length)
    await sql.query(
      `INSERT INTO identities (type, value, profile_id, first_seen_at, last_seen_at)
         SELECT r.type, r.value, r.profile_id, r.first, r.last
           FROM jsonb_to_recordset($1::jsonb) AS r(type text, value text, profile_id text, first timestamptz, last timestamptz)
       ON CONFLICT (type, value) DO UPDATE SET first_seen_at = least(identities.first_seen_at, excluded.first_seen_at),
         last_seen_at = greatest(identities.last_seen_at, excluded.last_seen_at)`,
      [JSON.stringify(rows)],
    );

  if (plan.journal.length) await insertJournal(sql, plan.journal, actorUserId);
}

export async function insertJournal(sql: Sql, entries: JournalEntry[], actorUserId: string | null): Promise<void> {
  const rows = entries.map((j, n) => ({
    n,
    kind: JOURNAL_KIND[j.kind],
    into_id: j.kind === "merge" || j.kind === "alias" || j.kind === "split" ? j.profiles[0] : null,
    from_id: j.kind === "merge" || j.kind === "alias" ? (j.profiles.length === 2 ? j.profiles[1] : null) : j.kind === "split" ? j.profiles[0] : j.profiles[0],
    message_id: j.messageId,
    identifiers: j.identifiers,
    rule: j.rule,
    reason: j.reason,
    profile_ids: j.profiles,
    at: j.at,
  }));
  await sql.query(
    `INSERT INTO merge_journal (kind, into_profile_id, from_profile_id, message_id, identifiers, rule, reason, actor_user_id, profile_ids, created_at)
       SELECT r.kind::"MergeKind", r.into_id, r.from_id, r.message_id, r.identifiers, r.rule, r.reason, $2,
              ARRAY(SELECT jsonb_array_elements_text(r.profile_ids)), r.at
         FROM jsonb_to_recordset($1::jsonb) AS r(kind text, into_id text, from_id text, message_id text, identifiers jsonb,
              rule text, reason text, profile_ids jsonb, at timestamptz, n int)
        ORDER BY r.n`,
    [JSON.stringify(rows), actorUserId],
  );
}

// ───────────────────────────── facts ─────────────────────────────

interface FactsRow {
  id: string;
  traits: Record<string, unknown>;
  trait_meta: Record<string, TraitMeta>;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
  first_channel: string | null;
  first_utm_source: string | null;
  first_utm_medium: string | null;
  first_utm_campaign: string | null;
  first_referrer: string | null;
  first_landing_page: string | null;
  first_touch_at: Date | null;
  first_touch_key: string | null;
  event_count: number;
  revenue_cents: string;
  last_event_name: string | null;
  last_event_at: Date | null;
  last_event_key: string | null;
}

const FACTS_COLUMNS = `id, traits, trait_meta, first_seen_at, last_seen_at, first_channel, first_utm_source, first_utm_medium,
  first_utm_campaign, first_referrer, first_landing_page, first_touch_at, first_touch_key, event_count,
  (total_revenue * 100)::bigint::text AS revenue_cents, last_event_name, last_event_at, last_event_key`;

function factsFromRow(r: FactsRow): ProfileFacts {
  return {
    traits: r.traits ?? {},
    traitMeta: r.trait_meta ?? {},
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    firstTouch:
      r.first_touch_at && r.first_touch_key !== null
        ? {
            at: r.first_touch_at,
            key: r.first_touch_key,
            channel: r.first_channel,
            utmSource: r.first_utm_source,
            utmMedium: r.first_utm_medium,
            utmCampaign: r.first_utm_campaign,
            referrer: r.first_referrer,
            landingPage: r.first_landing_page,
          }
        : null,
    eventCount: r.event_count,
    revenueCents: Number(r.revenue_cents),
    lastEvent: r.last_event_at && r.last_event_name !== null && r.last_event_key !== null ? { name: r.last_event_name, at: r.last_event_at, key: r.last_event_key } : null,
  };
}

export async function loadFacts(sql: Sql, ids: string[]): Promise<Map<string, ProfileFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<FactsRow>(`SELECT ${FACTS_COLUMNS} FROM profiles WHERE id = ANY($1::text[])`, [ids]);
  return new Map(rows.map((r) => [r.id, factsFromRow(r)]));
}

/** The stored facts columns and their SQL types (the order of factsRows' keys after `id`). */
export const FACT_COLUMNS = [
  ["traits", "jsonb"],
  ["trait_meta", "jsonb"],
  ["first_seen_at", "timestamptz"],
  ["last_seen_at", "timestamptz"],
  ["first_channel", "text"],
  ["first_utm_source", "text"],
  ["first_utm_medium", "text"],
  ["first_utm_campaign", "text"],
  ["first_referrer", "text"],
  ["first_landing_page", "text"],
  ["first_touch_at", "timestamptz"],
  ["first_touch_key", "text"],
  ["event_count", "int"],
  ["total_revenue", "numeric"],
  ["last_event_name", "text"],
  ["last_event_at", "timestamptz"],
  ["last_event_key", "text"],
] as const;
/** `id text, traits jsonb, …`: a record definition or a table's columns. */
export const FACTS_RECORD = `id text, ${FACT_COLUMNS.map(([c, t]) => `${c} ${t}`).join(", ")}`;
/** `traits = r.traits, …` for an UPDATE … FROM a source aliased r. */
export const FACTS_SET = FACT_COLUMNS.map(([c]) => `${c} = r.${c}`).join(", ");

export function factsRows(facts: Iterable<[string, ProfileFacts]>) {
  return [...facts].map(([id, f]) => ({
    id,
    traits: f.traits,
    trait_meta: f.traitMeta,
    first_seen_at: f.firstSeenAt,
    last_seen_at: f.lastSeenAt,
    first_channel: f.firstTouch?.channel ?? null,
    first_utm_source: f.firstTouch?.utmSource ?? null,
    first_utm_medium: f.firstTouch?.utmMedium ?? null,
    first_utm_campaign: f.firstTouch?.utmCampaign ?? null,
    first_referrer: f.firstTouch?.referrer ?? null,
    first_landing_page: f.firstTouch?.landingPage ?? null,
    first_touch_at: f.firstTouch?.at ?? null,
    first_touch_key: f.firstTouch?.key ?? null,
    event_count: f.eventCount,
    total_revenue: (f.revenueCents / 100).toFixed(2),
    last_event_name: f.lastEvent?.name ?? null,
    last_event_at: f.lastEvent?.at ?? null,
    last_event_key: f.lastEvent?.key ?? null,
  }));
}

const traitsOf = (facts: ReadonlyMap<string, ProfileFacts>) => new Map([...facts].map(([id, f]) => [id, f.traits]));

/**
 * writeFacts outside ingest (a split, a deletion folding another person's facts again), recording in
 * the profile-change feed, when it is on, `first` and then the trait changes the write makes.
 */
export async function writeFactsReporting(sql: Sql, facts: Map<string, ProfileFacts>, first: ProfileChangeRow[] = []): Promise<void> {
  if (!(await profileFeedOn(sql))) return writeFacts(sql, facts);
  const before = await loadFacts(sql, [...facts.keys()]);
  await writeFacts(sql, facts);
  await recordProfileChanges(sql, [...first, ...resolutionChanges([], traitsOf(before), traitsOf(facts))], true);
}

export async function writeFacts(sql: Sql, facts: Map<string, ProfileFacts>): Promise<void> {
  if (facts.size === 0) return;
  await sql.query(
    `UPDATE profiles p SET ${FACTS_SET}, updated_at = now() FROM jsonb_to_recordset($1::jsonb) AS r(${FACTS_RECORD}) WHERE p.id = r.id`,
    [JSON.stringify(factsRows(facts))],
  );
}

const factEventOf = (sourceId: string, e: NormalizedEvent): FactEvent => ({
  sourceId,
  messageId: e.messageId,
  type: e.type,
  event: e.event,
  timestamp: e.timestamp,
  traits: e.traits,
  properties: e.properties,
  channel: e.channel,
  utmSource: e.utmSource,
  utmMedium: e.utmMedium,
  utmCampaign: e.utmCampaign,
  referrer: e.referrer,
  pageUrl: e.pageUrl,
});

/** The columns a fact needs, as stored events give them. */
const FACT_EVENT_COLUMNS = `source_id AS "sourceId", message_id AS "messageId", type::text AS type, event, timestamp,
  CASE WHEN type = 'identify' THEN traits ELSE '{}'::jsonb END AS traits, properties, channel, utm_source AS "utmSource",
  utm_medium AS "utmMedium", utm_campaign AS "utmCampaign", referrer, page_url AS "pageUrl"`;

/** The facts of these profiles folded from scratch out of their stored events (split, checks). */
export async function recomputeFacts(sql: Sql, profileIds: string[]): Promise<Map<string, ProfileFacts>> {
  const out = new Map(profileIds.map((id) => [id, emptyFacts()]));
  if (profileIds.length === 0) return out;
  const rows = await sql.query<FactEvent & { profileId: string }>(
    `SELECT profile_id AS "profileId", ${FACT_EVENT_COLUMNS} FROM events WHERE profile_id = ANY($1::text[])`,
    [profileIds],
  );
  for (const r of rows) out.set(r.profileId, combineFacts(out.get(r.profileId)!, factsOfEvent(r)));
  return out;
}

/** The new facts of the profiles a plan touches: their stored facts, the facts of the profiles
 * merged into them, and the request's events. */
function nextFacts(plan: ResolutionPlan, stored: Map<string, ProfileFacts>, rows: { sourceId: string; event: NormalizedEvent; profileId: string | null }[]): Map<string, ProfileFacts> {
  const next = new Map<string, ProfileFacts>();
  const get = (id: string) => next.get(id) ?? stored.get(id) ?? emptyFacts();
  for (const m of plan.merges) next.set(m.into, combineFacts(get(m.into), stored.get(m.from) ?? emptyFacts()));
  for (const r of rows) if (r.profileId !== null) next.set(r.profileId, combineFacts(get(r.profileId), factsOfEvent(factEventOf(r.sourceId, r.event))));
  return next;
}

// ───────────────────────────── accounts and CRM link ─────────────────────────────

/** An account's domain from its traits (`domain`, else `website`): host only, lower case, no www. */
const accountDomain = (traits: string) =>
  `lower(regexp_replace(regexp_replace(coalesce(${traits}->>'domain', ${traits}->>'website', ''), '^[a-z]+://', '', 'i'), '^www\\.|[/:?#].*$', '', 'gi'))`;

/** The other direction: a company created or given a domain later picks up its unlinked accounts. */
export async function linkAccountsToCompany(sql: Sql, companyId: string): Promise<void> {
  await sql.query(
    `UPDATE accounts a SET company_id = c.id, updated_at = now() FROM companies c
      WHERE c.id = $1 AND a.company_id IS NULL AND (a.group_id = c.external_id OR (c.domain IS NOT NULL AND ${accountDomain("a.traits")} = c.domain))`,
    [companyId],
  );
}

/** group calls: the account (traits merged, latest call last) and the profile's membership; an
 * account links to the CRM company with the same external id or domain. */
async function linkAccounts(sql: Sql, stored: { event: NormalizedEvent; profileId: string }[]): Promise<void> {
  const groups = stored.filter((s) => s.event.type === "group" && s.event.groupId).sort((a, b) => a.event.timestamp.getTime() - b.event.timestamp.getTime());
  if (groups.length === 0) return;
  const accounts = new Map<string, Record<string, unknown>>();
  for (const g of groups) accounts.set(g.event.groupId!, { ...(accounts.get(g.event.groupId!) ?? {}), ...g.event.traits });
  await sql.query(
    `INSERT INTO accounts (group_id, traits, company_id)
       SELECT r.group_id, r.traits,
              (SELECT c.id FROM companies c
                WHERE c.external_id = r.group_id
                   OR c.domain = ${accountDomain("r.traits")}
                ORDER BY (c.external_id = r.group_id) DESC LIMIT 1)
         FROM jsonb_to_recordset($1::jsonb) AS r(group_id text, traits jsonb)
     ON CONFLICT (group_id) DO UPDATE SET traits = accounts.traits || excluded.traits,
       company_id = coalesce(accounts.company_id, excluded.company_id), updated_at = now()`,
    // In group id order: two transactions upserting the same accounts lock them in one order.
    [JSON.stringify([...accounts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([group_id, traits]) => ({ group_id, traits })))],
  );
  const members = new Map<string, { profile_id: string; group_id: string; at: Date }>();
  for (const g of groups) {
    const k = `${g.profileId}\u0000${g.event.groupId}`;
    if (!members.has(k)) members.set(k, { profile_id: g.profileId, group_id: g.event.groupId!, at: g.event.timestamp });
  }
  await sql.query(
    `INSERT INTO profile_accounts (profile_id, account_id, joined_at)
       SELECT r.profile_id, a.id, r.at FROM jsonb_to_recordset($1::jsonb) AS r(profile_id text, group_id text, at timestamptz)
         JOIN accounts a ON a.group_id = r.group_id
     ON CONFLICT (profile_id, account_id) DO UPDATE SET joined_at = least(profile_accounts.joined_at, excluded.joined_at)`,
    [JSON.stringify([...members.values()])],
  );
}

/** CRM link: contacts whose email is one of these identities point at the identity's profile. */
export async function linkContactsByEmail(sql: Sql, emails: string[]): Promise<void> {
  if (emails.length === 0) return;
  await sql.query(
    `UPDATE contacts c SET profile_id = i.profile_id
       FROM identities i
      WHERE i.type = 'email' AND i.value = ANY($1::text[]) AND c.email = i.value AND c.profile_id IS DISTINCT FROM i.profile_id`,
    [emails],
  );
}

/** CRM link from the contact's side: called whenever a contact is created or its email changes. */
export async function linkContactToProfile(sql: Sql, contactId: string): Promise<void> {
  await sql.query(
    `UPDATE contacts c SET profile_id = (SELECT i.profile_id FROM identities i WHERE i.type = 'email' AND i.value = lower(c.email))
      WHERE c.id = $1`,
    [contactId],
  );
}

// ───────────────────────────── the ingest step ─────────────────────────────

interface ResolvedStore {
  /** `${sourceId}\0${messageId}` of every message newly stored. */
  inserted: Set<string>;
  plan: ResolutionPlan;
  /** The messages dropped, unstored, because they carry a suppressed identifier. */
  suppressed: IngestMessage[];
}

/** A message of this transaction was stored by another one meanwhile (it reached the database
 * through two requests at once): roll back and run again, when the replay check will see it. */
export class ConcurrentDuplicate extends Error {
  constructor(stored: number, fresh: number) {
    super(`ingest stored ${stored} of ${fresh} new messages: another transaction stored the rest first; nothing was committed`);
    this.name = "ConcurrentDuplicate";
  }
}

/**
 * Resolves and stores messages inside the caller's transaction. `insertEvents` writes the rows
 * (with their profile ids) and returns the keys it actually inserted. `locking` says how
 * (identity-locks.ts); serial unless told otherwise. May throw IdentityLockRetry or
 * ConcurrentDuplicate: the caller rolls back and runs the transaction again.
 */
export async function resolveAndStore(
  sql: Sql,
  messages: IngestMessage[],
  insertEvents: (rows: { sourceId: string; event: NormalizedEvent; profileId: string | null }[]) => Promise<Set<string>>,
  now: Date = new Date(),
  locking: IdentityLocking = SERIAL,
): Promise<ResolvedStore> {
  if (messages.length === 0) {
    const inserted = await insertEvents([]);
    return { inserted, plan: { newProfiles: [], attach: [], merges: [], releasedKeptApart: [], journal: [], resolved: [] }, suppressed: [] };
  }
  const all = new Map<string, Identifier>();
  for (const m of messages) for (const i of extractIdentifiers(m.event)) all.set(identityKey(i), i);
  const messagesJson = JSON.stringify(messages.map((m) => ({ source_id: m.sourceId, message_id: m.event.messageId })));
  const state = await lockAndLoad(sql, locking, [...all.values()], messagesJson);

  // A message carrying a suppressed identifier (a deleted or suppressed person) is dropped unstored.
  const suppressed: IngestMessage[] = [];
  const kept = state.suppressed.size === 0 ? messages : messages.filter((m) => {
    const drop = extractIdentifiers(m.event).some((i) => state.suppressed.has(identityKey(i)));
    if (drop) suppressed.push(m);
    return !drop;
  });

  // Replays resolve nothing twice: each (source, message id) once, in order, if not stored yet.
  const taken = new Set(state.stored);
  const fresh = kept.filter((m) => {
    const k = messageKey(m.sourceId, m.event.messageId);
    if (taken.has(k)) return false;
    taken.add(k);
    return true;
  });

  const seen = new Map<string, { first: Date; last: Date }>();
  const identifiers: Identifier[] = [];
  for (const m of fresh)
    for (const i of extractIdentifiers(m.event)) {
      const k = identityKey(i);
      const t = m.event.timestamp;
      const s = seen.get(k);
      if (!s) {
        seen.set(k, { first: t, last: t });
        identifiers.push(i);
      } else {
        if (t < s.first) s.first = t;
        if (t > s.last) s.last = t;
      }
    }
  const { snapshot, facts } = identifiers.length === all.size ? state : restrict(state, identifiers);
  const plan = resolveIdentities(
    snapshot,
    fresh.map((m) => m.event),
    { rules: state.rules, newProfileId: randomUUID, now },
  );
  const rows = fresh.map((m, i) => ({ sourceId: m.sourceId, event: m.event, profileId: plan.resolved[i].profileId }));
  // Facts are folded before the insert: every fresh message is stored (checked below), so the
  // profiles are written once, with the graph.
  const next = nextFacts(plan, facts, rows);
  await applyGraph(sql, plan, snapshot, seen, next);
  // The profile-change feed, when a destination reads it: merges and trait changes, with the profiles.
  if (state.feed) await recordProfileChanges(sql, resolutionChanges(plan.merges, traitsOf(facts), traitsOf(next)), true);
  const inserted = await insertEvents(rows);
  if (inserted.size !== fresh.length) throw new ConcurrentDuplicate(inserted.size, fresh.length);
  const stored = rows.filter((r): r is typeof r & { profileId: string } => r.profileId !== null);
  await linkAccounts(sql, stored);
  const emails = plan.attach.filter((a) => a.type === "email").map((a) => a.value);
  await linkContactsByEmail(sql, emails);
  return { inserted, plan, suppressed };
}
