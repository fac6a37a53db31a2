// Rebuilding every profile from the raw events (`npm run profiles:rebuild`): after a rules change, or
// to check that incremental resolution and a replay agree.
//
// 1. Replay (no lock, one short read per page): events in ingest order (`seq`), a page at a time,
//    through the same pure code as ingest — resolveIdentities over an in-memory graph
//    (lib/identity/memory.ts) and the same facts fold (lib/identity/facts.ts). Ingest keeps running;
//    pages continue until the replay has caught up with it.
// 2. Swap (one transaction under the identity lock, so ingest waits for it and nothing is missed):
//    replay the few events that arrived meanwhile — above the last seq read, and in the holes the
//    pages showed below it (on PostgreSQL ingest transactions about different people commit in
//    parallel, so a lower seq can commit after a higher one was read) — then write the new graph
//    over the old one —
//    identities, profiles (each new profile keeps the id of the old profile its earliest event had,
//    so links and bookmarks survive and, with the same rules, nothing changes id), events whose
//    profile changed, the journal, account memberships, and CRM links by email.
// Same rules and no manual splits ⇒ the same grouping and facts as incremental processing (tested on
// the demo data). Admin splits are not replayed: a rebuild refuses to discard them unless told to.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { extractIdentifiers, identityKey, type IdentityMessage } from "../identity/identifiers";
import { createMemoryGraph, ingestRequest } from "../identity/memory";
import { combineFacts, emptyFacts, factsOfEvent, type FactEvent, type ProfileFacts } from "../identity/facts";
import type { JournalEntry } from "../identity/resolve";
import { CLEARED_FACTS, FACT_COLUMNS, FACTS_RECORD, FACTS_SET, factsRows, insertJournal, lockIdentities, loadRules } from "./identity-store";
import { pgSql, type Sql } from "./sql";
import { profileFeedOn, recordProfileChanges } from "./profile-changes";

export interface RebuildOptions {
  /** Events per replay page. */
  pageSize?: number;
  /** Rebuild even though admins split profiles (the splits are lost). */
  discardSplits?: boolean;
  onProgress?: (p: { phase: "replay" | "swap" | "done"; events: number; total: number }) => void;
  /** Test hook: runs after each replay page with its row count (e.g. to ingest while the rebuild runs). */
  afterPage?: (rows: number) => Promise<void>;
  now?: Date;
}

export interface RebuildResult {
  events: number;
  profiles: number;
  identities: number;
  merges: number;
  refused: number;
  /** Events whose profile id changed. */
  changedEvents: number;
  /** How long ingest waited for the swap. */
  swapMs: number;
  elapsedMs: number;
}

export class RebuildRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RebuildRefused";
  }
}

type ReplayRow = IdentityMessage & FactEvent & { seq: string; oldProfileId: string | null };

const REPLAY_SQL = `
  SELECT seq::text AS seq, profile_id AS "oldProfileId", source_id AS "sourceId", message_id AS "messageId", type::text AS type,
         event, user_id AS "userId", anonymous_id AS "anonymousId", previous_id AS "previousId", timestamp,
         CASE WHEN type = 'identify' THEN traits ELSE '{}'::jsonb END AS traits,
         jsonb_strip_nulls(jsonb_build_object('traits', context->'traits', 'externalIds', context->'externalIds')) AS context,
         CASE WHEN properties ? 'revenue' THEN jsonb_build_object('revenue', properties->'revenue') ELSE '{}'::jsonb END AS properties,
         channel, utm_source AS "utmSource", utm_medium AS "utmMedium", utm_campaign AS "utmCampaign", referrer, page_url AS "pageUrl"
    FROM events e WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`;

/** The replay's state: the in-memory graph plus what the swap writes. */
class Replay {
  readonly graph = createMemoryGraph();
  readonly facts = new Map<string, ProfileFacts>();
  /** Per replay profile, the earliest event's (seq, old profile id): whose id the profile inherits. */
  readonly firstOld = new Map<string, { seq: number; old: string | null }>();
  readonly seen = new Map<string, { first: Date; last: Date }>();
  readonly journal: JournalEntry[] = [];
  readonly eventSeq: number[] = [];
  readonly eventOld: (string | null)[] = [];
  readonly eventProfile: (string | null)[] = [];
  lastSeq = 0;
  /** Seq ranges the in-order pages skipped: rolled back, deleted, or not committed yet when read. */
  readonly holes: [number, number][] = [];
  constructor(
    private readonly rules: Awaited<ReturnType<typeof loadRules>>,
    private readonly now: Date,
  ) {}

  /** Replays a page read in seq order after lastSeq, noting the holes before and between its rows. */
  applyPage(rows: ReplayRow[]): Set<string> {
    let last = this.lastSeq;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq > last + 1) this.holes.push([last + 1, seq - 1]);
      last = seq;
    }
    return this.apply(rows);
  }

  /** Replays rows; returns the replay profiles they touched (created, merged into, or given events). */
  apply(rows: ReplayRow[]): Set<string> {
    const touched = new Set<string>();
    if (rows.length === 0) return touched;
    const plan = ingestRequest(this.graph, rows, { rules: this.rules, newProfileId: randomUUID, now: this.now });
    for (const id of plan.newProfiles) touched.add(id);
    for (const m of plan.merges) {
      touched.add(m.into);
      const from = this.facts.get(m.from);
      if (from) this.facts.set(m.into, combineFacts(this.facts.get(m.into) ?? emptyFacts(), from));
      this.facts.delete(m.from);
      const a = this.firstOld.get(m.from);
      const b = this.firstOld.get(m.into);
      if (a && (!b || a.seq < b.seq)) this.firstOld.set(m.into, a);
      this.firstOld.delete(m.from);
    }
    // Profiles merged in this page: earlier events' profiles are mapped at the end (live()).
    rows.forEach((r, i) => {
      const p = plan.resolved[i].profileId;
      const seq = Number(r.seq);
      this.eventSeq.push(seq);
      this.eventOld.push(r.oldProfileId);
      this.eventProfile.push(p);
      if (seq > this.lastSeq) this.lastSeq = seq;
      for (const id of extractIdentifiers(r)) {
        const k = identityKey(id);
        const s = this.seen.get(k);
        if (!s) this.seen.set(k, { first: r.timestamp, last: r.timestamp });
        else {
          if (r.timestamp < s.first) s.first = r.timestamp;
          if (r.timestamp > s.last) s.last = r.timestamp;
        }
      }
      if (p === null) return;
      touched.add(p);
      this.facts.set(p, combineFacts(this.facts.get(p) ?? emptyFacts(), factsOfEvent(r)));
      if (!this.firstOld.has(p) || this.firstOld.get(p)!.seq > seq) this.firstOld.set(p, { seq, old: r.oldProfileId });
    });
    this.journal.push(...plan.journal);
    return touched;
  }

  /** The live replay profile an id stands for now. */
  live(id: string): string {
    let p = this.graph.profiles.get(id);
    while (p?.mergedInto) p = this.graph.profiles.get(p.mergedInto);
    return p!.id;
  }
}

async function readPage(sql: Sql, after: number, limit: number): Promise<ReplayRow[]> {
  return sql.query<ReplayRow>(REPLAY_SQL, [after, limit]);
}

/** The events now in the holes the pages skipped (under the swap's lock every writer is done). */
async function readHoles(sql: Sql, holes: [number, number][]): Promise<ReplayRow[]> {
  if (holes.length === 0) return [];
  return sql.query<ReplayRow>(REPLAY_SQL.replace(/WHERE e\.seq > \$1 ORDER BY e\.seq LIMIT \$2/, "JOIN unnest($1::bigint[], $2::bigint[]) AS h(lo, hi) ON e.seq BETWEEN h.lo AND h.hi ORDER BY e.seq"), [
    holes.map(([lo]) => lo),
    holes.map(([, hi]) => hi),
  ]);
}

async function insertChunks(sql: Sql, rows: unknown[], statement: string, size = 5000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await sql.query(statement, [JSON.stringify(rows.slice(i, i + size))]);
}

export async function rebuildProfiles(pool: pg.Pool, opts: RebuildOptions = {}): Promise<RebuildResult> {
  const started = performance.now();
  const pageSize = opts.pageSize ?? 10_000;
  const now = opts.now ?? new Date();
  const client = await pool.connect();
  try {
    const sql = pgSql(client);
    const [{ splits }] = await sql.query<{ splits: number }>(`SELECT count(*)::int AS splits FROM identity_kept_apart`);
    if (splits > 0 && !opts.discardSplits)
      throw new RebuildRefused(
        `Admins split ${splits} profile pair${splits === 1 ? "" : "s"}; a rebuild replays events without those splits. Re-run with --discard-splits to rebuild anyway.`,
      );
    const [{ total }] = await sql.query<{ total: number }>(`SELECT count(*)::int AS total FROM events`);
    const replay = new Replay(await loadRules(sql), now);

    // 1. Replay until caught up with ingest.
    for (;;) {
      const rows = await readPage(sql, replay.lastSeq, pageSize);
      replay.applyPage(rows);
      opts.onProgress?.({ phase: "replay", events: replay.eventSeq.length, total: Math.max(total, replay.eventSeq.length) });
      if (opts.afterPage) await opts.afterPage(rows.length);
      if (rows.length < pageSize) break;
    }

    // 2. Stage the result in session tables (no lock: ingest runs on).
    const ids = new FinalIds(replay);
    ids.assign();
    opts.onProgress?.({ phase: "swap", events: replay.eventSeq.length, total: replay.eventSeq.length });
    await stage(sql, replay, ids, null);

    // 3. Swap under the identity lock: replay what arrived meanwhile, restage what it touched, then
    //    apply the staged state as set-based differences.
    await client.query("BEGIN");
    try {
      const swapStarted = performance.now();
      await lockIdentities(sql);
      const touched = new Set<string>();
      for (const id of replay.apply(await readHoles(sql, replay.holes))) touched.add(id);
      for (let rows = await readPage(sql, replay.lastSeq, pageSize); rows.length; rows = await readPage(sql, replay.lastSeq, pageSize))
        for (const id of replay.applyPage(rows)) touched.add(id);
      if (touched.size) {
        ids.assign();
        await stage(sql, replay, ids, touched);
      }
      const result = await swap(sql, replay, ids);
      await client.query("COMMIT");
      const swapMs = performance.now() - swapStarted;
      opts.onProgress?.({ phase: "done", events: replay.eventSeq.length, total: replay.eventSeq.length });
      return { ...result, events: replay.eventSeq.length, swapMs, elapsedMs: performance.now() - started };
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      await sql.query(`DROP TABLE IF EXISTS rebuild_facts, rebuild_identities`).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

/** Which id each live replay profile gets: the old id of its earliest event, once; else its own. */
class FinalIds {
  private readonly claimed = new Map<string, string>();
  readonly ids = new Map<string, string>();
  constructor(private readonly replay: Replay) {}

  assign(): void {
    const live = [...this.replay.graph.profiles.values()].filter((p) => !p.mergedInto).map((p) => p.id);
    // A replay profile merged away since the last call frees the id it had.
    for (const [id, final] of [...this.ids]) {
      if (!this.replay.graph.profiles.get(id)?.mergedInto) continue;
      this.ids.delete(id);
      if (this.claimed.get(final) === id) this.claimed.delete(final);
    }
    const pending = live.filter((id) => !this.ids.has(id));
    pending.sort((a, b) => (this.replay.firstOld.get(a)?.seq ?? Infinity) - (this.replay.firstOld.get(b)?.seq ?? Infinity));
    for (const id of pending) {
      const old = this.replay.firstOld.get(id)?.old;
      if (old && !this.claimed.has(old)) {
        this.claimed.set(old, id);
        this.ids.set(id, old);
      } else this.ids.set(id, id);
    }
  }

  /** The final id of whatever live replay profile `replayId` now stands for. */
  of(replayId: string): string {
    return this.ids.get(this.replay.live(replayId))!;
  }
}

/**
 * Writes the replay's profiles' facts and identities into session tables: everything (touched =
 * null), or only what `touched` replay profiles hold, after dropping rows of vanished final ids.
 */
async function stage(sql: Sql, replay: Replay, ids: FinalIds, touched: Set<string> | null): Promise<void> {
  if (touched === null) {
    await sql.query(`DROP TABLE IF EXISTS rebuild_facts, rebuild_identities`);
    await sql.query(`CREATE TEMP TABLE rebuild_facts (${FACTS_RECORD.replace("id text", "id text PRIMARY KEY")}, n bigint)`);
    await sql.query(`CREATE TEMP TABLE rebuild_identities (type text, value text, profile_id text, first timestamptz, last timestamptz, PRIMARY KEY (type, value))`);
  } else {
    const finals = new Set(ids.ids.values());
    const gone = (await sql.query<{ id: string }>(`SELECT id FROM rebuild_facts`)).map((r) => r.id).filter((id) => !finals.has(id));
    if (gone.length) await sql.query(`DELETE FROM rebuild_facts WHERE id = ANY($1::text[])`, [gone]);
  }
  const live = [...replay.graph.profiles.values()].filter((p) => !p.mergedInto && (touched === null || touched.has(p.id) || touched.has(replay.live(p.id))));
  const rows = factsRows(live.map((p) => [ids.of(p.id), replay.facts.get(p.id) ?? emptyFacts()] as [string, ProfileFacts])).map((r, i) => ({ ...r, n: live[i].seq }));
  await insertChunks(
    sql,
    rows,
    `INSERT INTO rebuild_facts SELECT r.* FROM jsonb_to_recordset($1::jsonb) AS r(${FACTS_RECORD}, n bigint)
       ON CONFLICT (id) DO UPDATE SET ${FACTS_SET}, n = excluded.n`.replace(/= r\./g, "= excluded."),
  );
  const liveSet = new Set(live.map((p) => p.id));
  const identities = [...replay.graph.identities.values()].filter((i) => touched === null || liveSet.has(i.profileId));
  await insertChunks(
    sql,
    identities.map((i) => {
      const s = replay.seen.get(identityKey(i))!;
      return { type: i.type, value: i.value, profile_id: ids.of(i.profileId), first: s.first, last: s.last };
    }),
    `INSERT INTO rebuild_identities SELECT r.* FROM jsonb_to_recordset($1::jsonb) AS r(type text, value text, profile_id text, first timestamptz, last timestamptz)
       ON CONFLICT (type, value) DO UPDATE SET profile_id = excluded.profile_id, first = excluded.first, last = excluded.last`,
  );
}

/** Applies the staged state to the live tables as differences (inside the locked transaction). */
async function swap(sql: Sql, replay: Replay, ids: FinalIds): Promise<Omit<RebuildResult, "events" | "swapMs" | "elapsedMs">> {
  // Where each event is NOW, before anything changes: ingest may have merged a profile the replay
  // read an event on since it read it (the merge moved its events to the survivor, and merged-away
  // rows point straight at the live survivor). Every such profile, whenever its merge happened —
  // by time alone a transaction begun before the rebuild but committed during the replay is missed —
  // and read before the revival below, which would hide the merge of a kept id.
  const readIds = [...new Set(replay.eventOld.filter((p): p is string => p !== null))];
  const movedSince = new Map<string, string>();
  for (let i = 0; i < readIds.length; i += 20_000)
    for (const r of await sql.query<{ id: string; into: string }>(`SELECT id, merged_into_id AS into FROM profiles WHERE id = ANY($1::text[]) AND merged_into_id IS NOT NULL`, [
      readIds.slice(i, i + 20_000),
    ]))
      movedSince.set(r.id, r.into);

  // The profile-change feed, when a destination reads it: a revived id is split off the profile it
  // had been merged into, each kept profile whose traits differ changes them, and redirects below merge.
  const feed = await profileFeedOn(sql);
  if (feed)
    await sql.query(
      `INSERT INTO profile_changes (kind, profile_id, related_profile_ids)
       SELECT 'split', p.merged_into_id, ARRAY[p.id] FROM profiles p JOIN rebuild_facts r ON r.id = p.id WHERE p.merged_into_id IS NOT NULL ORDER BY r.n`,
    );

  // Profiles: new ids inserted in replay order, kept ids revived if ingest had merged them away.
  await sql.query(`INSERT INTO profiles (id) SELECT r.id FROM rebuild_facts r WHERE NOT EXISTS (SELECT 1 FROM profiles p WHERE p.id = r.id) ORDER BY r.n`);
  await sql.query(`UPDATE profiles p SET merged_into_id = NULL FROM rebuild_facts r WHERE p.id = r.id AND p.merged_into_id IS NOT NULL`);
  // Trait changes as lib/destinations/profile-changes.ts traitDiff makes them (jsonb equality ignores key order).
  if (feed)
    await sql.query(
      `INSERT INTO profile_changes (kind, profile_id, traits, previous)
       SELECT 'traits_changed', p.id, d.traits, d.previous
       FROM profiles p JOIN rebuild_facts r ON r.id = p.id
       CROSS JOIN LATERAL (
         SELECT jsonb_object_agg(k, r.traits -> k) AS traits, jsonb_object_agg(k, p.traits -> k) AS previous
         FROM (SELECT jsonb_object_keys(p.traits) UNION SELECT jsonb_object_keys(r.traits)) ks(k)
         WHERE (p.traits -> k) IS DISTINCT FROM (r.traits -> k)) d
       WHERE p.traits IS DISTINCT FROM r.traits
       ORDER BY r.n`,
    );
  await sql.query(
    `UPDATE profiles p SET ${FACTS_SET}, updated_at = now() FROM rebuild_facts r
      WHERE p.id = r.id AND (${FACT_COLUMNS.map(([c]) => `p.${c}`).join(", ")}) IS DISTINCT FROM (${FACT_COLUMNS.map(([c]) => `r.${c}`).join(", ")})`,
  );

  // Events: compare each event's new profile with its current one (movedSince, above).
  const changes = new Map<string, string[]>();
  const affected = new Set<string>();
  const oldTo = new Map<string, Map<string, number>>();
  replay.eventSeq.forEach((seq, i) => {
    const p = replay.eventProfile[i];
    const target = p === null ? null : ids.of(p);
    const read = replay.eventOld[i];
    const current = read === null ? null : (movedSince.get(read) ?? read);
    if (current !== null && target !== null) {
      const m = oldTo.get(current) ?? new Map<string, number>();
      m.set(target, (m.get(target) ?? 0) + 1);
      oldTo.set(current, m);
    }
    if (target !== current) {
      const k = target ?? "";
      const list = changes.get(k);
      if (list) list.push(String(seq));
      else changes.set(k, [String(seq)]);
      if (target) affected.add(target);
      if (current) affected.add(current);
    }
  });
  let changedEvents = 0;
  for (const [target, seqs] of changes) {
    changedEvents += seqs.length;
    for (let i = 0; i < seqs.length; i += 20_000)
      await sql.query(`UPDATE events SET profile_id = $1 WHERE seq = ANY($2::bigint[])`, [target || null, seqs.slice(i, i + 20_000)]);
  }

  // Old ids that are not kept: merged into the profile that took most of their events; pointers to
  // them follow; rows with no events left go.
  const keep = new Set(ids.ids.values());
  const redirect = [...oldTo]
    .filter(([old]) => !keep.has(old))
    .map(([old, targets]) => ({ from_id: old, into_id: [...targets].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0] }));
  for (const r of redirect) {
    affected.add(r.from_id);
    affected.add(r.into_id);
  }
  await insertChunks(
    sql,
    redirect,
    `UPDATE profiles p SET merged_into_id = r.into_id, ${CLEARED_FACTS}, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS r(from_id text, into_id text) WHERE p.id = r.from_id`,
  );
  await sql.query(`UPDATE profiles p SET merged_into_id = t.merged_into_id FROM profiles t WHERE p.merged_into_id = t.id AND t.merged_into_id IS NOT NULL`);
  if (feed && redirect.length) {
    const into = new Map<string, string[]>();
    for (const r of redirect) into.set(r.into_id, [...(into.get(r.into_id) ?? []), r.from_id]);
    const rows = [...into].map(([id, from]) => ({ kind: "merged" as const, profile_id: id, related_profile_ids: from, traits: null, previous: null }));
    for (let i = 0; i < rows.length; i += 5000) await recordProfileChanges(sql, rows.slice(i, i + 5000), true);
  }
  await sql.query(
    `DELETE FROM profiles p WHERE NOT EXISTS (SELECT 1 FROM rebuild_facts k WHERE k.id = p.id)
        AND (p.merged_into_id IS NULL OR NOT EXISTS (SELECT 1 FROM rebuild_facts k WHERE k.id = p.merged_into_id))`,
  );

  // Identities: differences only.
  await sql.query(`DELETE FROM identities i WHERE NOT EXISTS (SELECT 1 FROM rebuild_identities r WHERE r.type = i.type AND r.value = i.value)`);
  await sql.query(
    `UPDATE identities i SET profile_id = r.profile_id, first_seen_at = r.first, last_seen_at = r.last FROM rebuild_identities r
      WHERE r.type = i.type AND r.value = i.value AND (i.profile_id, i.first_seen_at, i.last_seen_at) IS DISTINCT FROM (r.profile_id, r.first, r.last)`,
  );
  await sql.query(
    `INSERT INTO identities (type, value, profile_id, first_seen_at, last_seen_at)
       SELECT r.type, r.value, r.profile_id, r.first, r.last FROM rebuild_identities r
        WHERE NOT EXISTS (SELECT 1 FROM identities i WHERE i.type = r.type AND i.value = r.value)`,
  );

  // The journal is the replay's decisions; kept-apart pairs are gone with the splits.
  await sql.query(`DELETE FROM merge_journal`);
  await sql.query(`DELETE FROM identity_kept_apart`);
  const journal = replay.journal.map((j) => ({ ...j, profiles: j.profiles.map((p) => (replay.graph.profiles.has(p) ? ids.of(p) : p)) }));
  for (let i = 0; i < journal.length; i += 5000) await insertJournal(sql, journal.slice(i, i + 5000), null);

  // Memberships of the profiles whose events changed; CRM links by email.
  if (affected.size) {
    const list = [...affected];
    await sql.query(`DELETE FROM profile_accounts WHERE profile_id = ANY($1::text[])`, [list]);
    await sql.query(
      `INSERT INTO profile_accounts (profile_id, account_id, joined_at)
         SELECT e.profile_id, a.id, min(e.timestamp) FROM events e JOIN accounts a ON a.group_id = e.group_id
          WHERE e.type = 'group' AND e.profile_id = ANY($1::text[]) GROUP BY e.profile_id, a.id`,
      [list],
    );
  }
  await sql.query(
    `UPDATE contacts c SET profile_id = i.profile_id FROM identities i
      WHERE i.type = 'email' AND i.value = c.email AND c.profile_id IS DISTINCT FROM i.profile_id`,
  );
  await sql.query(
    `UPDATE contacts c SET profile_id = NULL WHERE c.profile_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM identities i WHERE i.type = 'email' AND i.value = c.email)`,
  );

  return {
    profiles: keep.size,
    identities: replay.graph.identities.size,
    merges: replay.journal.filter((j) => j.kind === "merge" || j.kind === "alias").length,
    refused: replay.journal.filter((j) => j.kind === "refused" || j.kind === "split-honoured").length,
    changedEvents,
  };
}
