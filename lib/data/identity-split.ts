// Undoing a bad merge: an admin moves some identifiers of a profile to a new profile. Their events
// follow them, both profiles' facts, accounts and CRM links are recomputed, the pair is kept apart
// (later messages carrying identifiers of both are refused, journaled "kept_apart", until an admin or
// an explicit alias links them), and the split is journaled with the admin's name and audited.
import { randomUUID } from "node:crypto";
import { pool } from "../db/pool";
import { extractIdentifiers, identityKey, type Identifier, type IdentityMessage } from "../identity/identifiers";
import { planSplit } from "../identity/resolve";
import { priorityOf } from "../identity/rules";
import { insertJournal, lockIdentities, loadRules, recomputeFacts, writeFactsReporting } from "./identity-store";
import { inTransaction, type Sql } from "./sql";
import { recordAudit } from "./audit";
import type { AuditActor } from "../audit/actions";

export class SplitError extends Error {
  constructor(
    readonly code: "not_found" | "merged" | "invalid_input",
    message: string,
  ) {
    super(message);
    this.name = "SplitError";
  }
}

export interface SplitResult {
  newProfileId: string;
  movedEvents: number;
}

/** The columns resolution reads from a stored event, as an IdentityMessage. */
const MESSAGE_COLUMNS = `seq::text AS seq, message_id AS "messageId", type::text AS type, user_id AS "userId", anonymous_id AS "anonymousId",
  previous_id AS "previousId", traits, context`;

/** Splits under the actor's name (journal) and audits it, identifier types and counts only (no values). */
export async function splitProfile(profileId: string, move: Identifier[], actor: AuditActor, now = new Date()): Promise<SplitResult> {
  return inTransaction(pool(), (sql) => splitIn(sql, profileId, move, actor, now));
}

async function splitIn(sql: Sql, profileId: string, move: Identifier[], actor: AuditActor, now: Date): Promise<SplitResult> {
  await lockIdentities(sql);
  const [profile] = await sql.query<{ merged_into_id: string | null }>(`SELECT merged_into_id FROM profiles WHERE id = $1`, [profileId]);
  if (!profile) throw new SplitError("not_found", "This profile does not exist.");
  if (profile.merged_into_id) throw new SplitError("merged", `This profile was merged into ${profile.merged_into_id}; split that one instead.`);
  const held = await sql.query<{ type: string; value: string }>(`SELECT type, value FROM identities WHERE profile_id = $1`, [profileId]);
  const heldKeys = new Set(held.map(identityKey));
  const moving = [...new Map(move.map((i) => [identityKey(i), i])).values()];
  if (moving.length === 0) throw new SplitError("invalid_input", "Choose at least one identifier to move to the new profile.");
  const foreign = moving.filter((i) => !heldKeys.has(identityKey(i)));
  if (foreign.length) throw new SplitError("invalid_input", `${foreign.map((i) => `${i.type}:${i.value}`).join(", ")} is not on this profile; reload and try again.`);
  if (moving.length === held.length) throw new SplitError("invalid_input", "Leave at least one identifier on this profile: moving all of them would only rename it.");

  const plan = planSplit(profileId, moving, { newProfileId: randomUUID, now, actor: actor.label });
  const newId = plan.newProfile;
  await sql.query(`INSERT INTO profiles (id) VALUES ($1)`, [newId]);
  await sql.query(
    `UPDATE identities i SET profile_id = $1 FROM jsonb_to_recordset($2::jsonb) AS r(type text, value text) WHERE i.type = r.type AND i.value = r.value AND i.profile_id = $3`,
    [newId, JSON.stringify(moving), profileId],
  );

  // Each event goes to the profile of its highest-priority identifier (what resolution did when the
  // message arrived), now that the identifiers are divided.
  const rules = await loadRules(sql);
  const movedKeys = new Set(moving.map(identityKey));
  const events = await sql.query<IdentityMessage & { seq: string }>(`SELECT ${MESSAGE_COLUMNS} FROM events WHERE profile_id = $1`, [profileId]);
  const toMove: string[] = [];
  for (const e of events) {
    const own = extractIdentifiers(e)
      .filter((i) => heldKeys.has(identityKey(i)))
      .sort((a, b) => priorityOf(a.type, rules) - priorityOf(b.type, rules));
    if (own.length && movedKeys.has(identityKey(own[0]))) toMove.push(e.seq);
  }
  if (toMove.length) await sql.query(`UPDATE events SET profile_id = $1 WHERE seq = ANY($2::bigint[])`, [newId, toMove]);

  // The profile-change feed (when on): the split, then both profiles' trait changes.
  await writeFactsReporting(sql, await recomputeFacts(sql, [profileId, newId]), [
    { kind: "split", profile_id: profileId, related_profile_ids: [newId], traits: null, previous: null },
  ]);
  await sql.query(`DELETE FROM profile_accounts WHERE profile_id = ANY($1::text[])`, [[profileId, newId]]);
  await sql.query(
    `INSERT INTO profile_accounts (profile_id, account_id, joined_at)
       SELECT e.profile_id, a.id, min(e.timestamp) FROM events e JOIN accounts a ON a.group_id = e.group_id
        WHERE e.profile_id = ANY($1::text[]) AND e.type = 'group' GROUP BY e.profile_id, a.id`,
    [[profileId, newId]],
  );
  // CRM link: contacts follow the profile that now holds their email.
  await sql.query(
    `UPDATE contacts c SET profile_id = (SELECT i.profile_id FROM identities i WHERE i.type = 'email' AND i.value = c.email)
      WHERE c.profile_id = $1`,
    [profileId],
  );

  await insertJournal(sql, [plan.journal], actor.userId);
  const [journal] = await sql.query<{ id: string }>(`SELECT id FROM merge_journal WHERE kind = 'split' AND $1 = ANY(profile_ids) ORDER BY seq DESC LIMIT 1`, [newId]);
  await sql.query(`INSERT INTO identity_kept_apart (profile_a, profile_b, journal_id) VALUES ($1, $2, $3)`, [plan.keptApart[0], plan.keptApart[1], journal.id]);
  const movedIdentifiers: Record<string, number> = {};
  for (const i of moving) movedIdentifiers[i.type] = (movedIdentifiers[i.type] ?? 0) + 1;
  await recordAudit(sql, actor, {
    action: "profile.split",
    target: { type: "profile", id: profileId, label: null },
    details: { newProfileId: newId, movedIdentifiers, movedEvents: toMove.length },
  });
  return { newProfileId: newId, movedEvents: toMove.length };
}
