// The profile-change feed's storage (README, "Profile changes"): the rows lib/destinations/
// profile-changes.ts computes, written in the transaction that made the change, and read back for a
// delivery. The feed is recorded only while at least one profile-change destination exists (paused
// or not): without a reader nothing is written, so ingest pays nothing for it; creating the first
// one takes the identity lock exclusively (destinations.ts), so every transaction either committed
// before its cursor's horizon or sees it and records.
import type { ProfileChangeRow, ProfileChangeView } from "../destinations/profile-changes";
import { changeView } from "../destinations/profile-changes";
import type { Sql } from "./sql";

export const PROFILE_DESTINATION_KIND = "profile_webhook";

/** SQL: whether changes are recorded now (a boolean expression). */
export const PROFILE_FEED_ON = `EXISTS (SELECT 1 FROM destinations WHERE kind = '${PROFILE_DESTINATION_KIND}')`;

export async function profileFeedOn(sql: Sql): Promise<boolean> {
  const [row] = await sql.query<{ on: boolean }>(`SELECT ${PROFILE_FEED_ON} AS on`);
  return row?.on ?? false;
}

/**
 * Appends changes in the order given (their seqs follow it). `always`: the caller already knows the
 * feed is on (ingest reads it with its state); otherwise the statement checks it itself.
 */
export async function recordProfileChanges(sql: Sql, rows: readonly ProfileChangeRow[], always = false): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO profile_changes (kind, profile_id, related_profile_ids, traits, previous)
     SELECT r.kind, r.profile_id, ARRAY(SELECT jsonb_array_elements_text(r.related_profile_ids)), r.traits, r.previous
     FROM jsonb_to_recordset($1::jsonb) AS r(kind text, profile_id text, related_profile_ids jsonb, traits jsonb, previous jsonb, n int)
     ${always ? "" : `WHERE ${PROFILE_FEED_ON}`}
     ORDER BY r.n`,
    [JSON.stringify(rows.map((r, n) => ({ ...r, n })))],
  );
}

/** SQL selecting (as `seqs`, one array) the changes about these profiles ($1): what a deletion erases. */
export const CHANGES_OF_PROFILES = `SELECT array_agg(seq) AS seqs FROM profile_changes WHERE profile_id = ANY($1::text[]) OR related_profile_ids && $1::text[]`;

/** Deletes the changes about these profiles; how many. Erase them from deliveries first (privacy.ts). */
export async function deleteProfileChanges(sql: Sql, profileIds: readonly string[]): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `WITH gone AS (DELETE FROM profile_changes WHERE profile_id = ANY($1::text[]) OR related_profile_ids && $1::text[] RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [profileIds],
  );
  return row?.n ?? 0;
}

/** The changes with these seqs, in feed order: a delivery's batch. */
export async function changesBySeq(sql: Sql, seqs: readonly string[]): Promise<ProfileChangeView[]> {
  const rows = await sql.query<ProfileChangeRow & { seq: string; created_at: Date }>(
    `SELECT seq::text, kind, profile_id, related_profile_ids, traits, previous, created_at FROM profile_changes
     WHERE seq = ANY($1::bigint[]) ORDER BY txid, seq`,
    [seqs],
  );
  return rows.map(changeView);
}
