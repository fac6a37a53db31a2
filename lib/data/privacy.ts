// Deletion and suppression of a person (issue 12, item 5), found by any identifier (`type:value`).
//
// One transaction per request, under the global identity lock taken exclusively FIRST (as a split
// does, identity-locks.ts), so no ingest transaction can resolve into the person half-deleted: ingest
// waits, and once this commits it sees the suppression list (identity-store.ts loadState) and drops
// the person's messages. The work is DELETION_STEPS, a list of named set-based steps run in order;
// each returns how many rows it removed (or unlinked), which the request keeps as its result. A
// feature that stores more of a person (quarantine, outbox, deliveries) adds its step here.
//
// The request row (privacy_requests) is written in the same transaction as the work: "done" exists
// only if the deletion committed. It keeps the SHA-256 of the identifier, never the value; the audit
// entry holds the request id, types and counts, never an identifier.
import "server-only";
import { pool } from "../db/pool";
import type { Identifier } from "../identity/identifiers";
import { identifierHash } from "../privacy/identifier";
import type { AuditActor } from "../audit/actions";
import { recordAudit } from "./audit";
import { lockIdentities, recomputeFacts, writeFactsReporting } from "./identity-store";
import { inTransaction, type Sql } from "./sql";
import { payloadIdentifiers } from "./suppression-sql";
import { releaseHeld } from "./plan-store";
import { deletePersonPlanData } from "./tracking-plans";
import { eraseFromOutbox, eraseSeqs } from "./destination-outbox";
import { CHANGES_OF_PROFILES, deleteProfileChanges, PROFILE_DESTINATION_KIND, recordProfileChanges } from "./profile-changes";

export type ContactMode = "keep" | "delete";
export type PrivacyRequestKind = "deletion" | "suppression";
export type PrivacyRequestStatus = "pending" | "running" | "done" | "nothing_found" | "failed";

/** Who the request is about, as found under the lock. */
export interface DeletionTarget {
  /** The live profile and every profile merged into it. */
  profileIds: string[];
  /** The live one of them (null when only a contact was found). */
  liveProfileId: string | null;
  /** Every identifier of the person (their identities, plus the one asked for). */
  identifiers: Identifier[];
  /** Contacts linked to those profiles or sharing one of their emails. */
  contactIds: string[];
  contactMode: ContactMode;
}

export interface DeletionStep {
  /** The key of the count in the request's result (`removed.<kind>`). */
  kind: string;
  run(sql: Sql, target: DeletionTarget): Promise<number>;
}

const valuesOf = (t: DeletionTarget, type: string) => t.identifiers.filter((i) => i.type === type).map((i) => i.value);
const typed = (t: DeletionTarget) => t.identifiers.map((i) => `${i.type}:${i.value}`);
const count = async (sql: Sql, text: string, params: unknown[]) => (await sql.query<{ n: number }>(`WITH gone AS (${text} RETURNING 1) SELECT count(*)::int AS n FROM gone`, params))[0]!.n;

/**
 * The deletion, step by step. Order matters: rejected messages are matched against the person's
 * events before those go; the CRM before the profiles (contacts point at them).
 */
export const DELETION_STEPS: DeletionStep[] = [
  {
    // Refused messages whose payload carries one of the person's identifiers, or whose message id is
    // one of their stored events' (a retried message refused once).
    kind: "rejectedMessages",
    run: (sql, t) =>
      count(
        sql,
        `DELETE FROM rejected_messages r
          WHERE (jsonb_typeof(r.payload) = 'object' AND ${payloadIdentifiers("r.payload")} && $1::text[])
             OR (r.message_id IS NOT NULL AND EXISTS (SELECT 1 FROM events e
                  WHERE e.source_id = r.source_id AND e.message_id = r.message_id AND e.profile_id = ANY($2::text[])))`,
        [typed(t), t.profileIds],
      ),
  },
  {
    // Messages a tracking plan blocked (quarantined) and the plan violations recorded for messages,
    // with their example payloads: by user id, anonymous id, email or their events' message ids
    // (deletePersonPlanData), and quarantined payloads carrying any other of their identifiers.
    // Before the events go: their message ids are read from them. Counts both kinds of rows.
    kind: "quarantine",
    run: async (sql, t) => {
      const messageIds = (await sql.query<{ message_id: string }>(`SELECT message_id FROM events WHERE profile_id = ANY($1::text[])`, [t.profileIds])).map((r) => r.message_id);
      const plan = await deletePersonPlanData(sql, {
        messageIds,
        userIds: valuesOf(t, "user_id"),
        anonymousIds: valuesOf(t, "anonymous_id"),
        emails: valuesOf(t, "email"),
      });
      // Quarantined payloads carrying another of their identifiers (a phone, an external id), and the
      // violations recorded for those messages.
      const rows = await sql.query<{ source_id: string | null; n: number }>(
        `WITH gone AS (DELETE FROM quarantined_messages q WHERE jsonb_typeof(q.raw) = 'object' AND ${payloadIdentifiers("q.raw")} && $1::text[] RETURNING source_id, message_id),
              vio AS (DELETE FROM plan_violations v USING gone WHERE v.source_id = gone.source_id AND v.message_id = gone.message_id RETURNING 1)
         SELECT source_id, count(*)::int AS n FROM gone GROUP BY source_id
         UNION ALL SELECT NULL, (SELECT count(*) FROM vio)::int`,
        [typed(t)],
      );
      await releaseHeld(sql, new Map(rows.filter((r) => r.source_id !== null).map((r) => [r.source_id!, r.n])));
      return plan.quarantined + plan.violations + rows.reduce((n, r) => n + r.n, 0);
    },
  },
  {
    // The outbox and delivery log of every destination: their events leave the deliveries that hold
    // them (one holding nothing else goes with its attempts) and those deliveries' response excerpts
    // are cleared (an endpoint may echo what it was sent). Before the events go: found through them.
    kind: "deliveries",
    run: async (sql, t) => {
      const named = await sql.query<{ message_id: string }>(`SELECT message_id FROM events WHERE user_id = ANY($1::text[]) OR anonymous_id = ANY($2::text[])`, [
        valuesOf(t, "user_id"),
        valuesOf(t, "anonymous_id"),
      ]);
      const erased = await eraseFromOutbox({ messageIds: named.map((r) => r.message_id), profileIds: t.profileIds }, sql);
      return erased.deliveriesDeleted + erased.deliveriesTrimmed;
    },
  },
  {
    // The profile-change feed: every change about their profiles (trait values, merges, splits) and
    // the deliveries of profile-change destinations holding them, as for events. Counts both.
    kind: "profileChanges",
    run: async (sql, t) => {
      const erased = await eraseSeqs(sql, PROFILE_DESTINATION_KIND, CHANGES_OF_PROFILES, [t.profileIds]);
      return (await deleteProfileChanges(sql, t.profileIds)) + erased.deliveriesDeleted + erased.deliveriesTrimmed;
    },
  },
  {
    // Their events (every source, the CRM's included), and any other event naming their user or
    // anonymous id (a message whose merge was refused lives on the other person's profile): that
    // profile's facts are folded again from what is left.
    kind: "events",
    run: async (sql, t) => {
      const rows = await sql.query<{ profile_id: string | null; n: number }>(
        `WITH gone AS (DELETE FROM events WHERE profile_id = ANY($1::text[]) OR user_id = ANY($2::text[]) OR anonymous_id = ANY($3::text[]) RETURNING profile_id)
         SELECT profile_id, count(*)::int AS n FROM gone GROUP BY profile_id`,
        [t.profileIds, valuesOf(t, "user_id"), valuesOf(t, "anonymous_id")],
      );
      const others = rows.map((r) => r.profile_id).filter((id): id is string => id !== null && !t.profileIds.includes(id));
      if (others.length) await writeFactsReporting(sql, await recomputeFacts(sql, others));
      return rows.reduce((n, r) => n + r.n, 0);
    },
  },
  {
    kind: "mergeJournal",
    run: (sql, t) =>
      count(
        sql,
        `DELETE FROM merge_journal WHERE profile_ids && $1::text[] OR from_profile_id = ANY($1::text[]) OR into_profile_id = ANY($1::text[])`,
        [t.profileIds],
      ),
  },
  {
    kind: "keptApart",
    run: (sql, t) => count(sql, `DELETE FROM identity_kept_apart WHERE profile_a = ANY($1::text[]) OR profile_b = ANY($1::text[])`, [t.profileIds]),
  },
  {
    // Memberships only: the account (a company, from group calls) is not personal data.
    kind: "accountLinks",
    run: (sql, t) => count(sql, `DELETE FROM profile_accounts WHERE profile_id = ANY($1::text[])`, [t.profileIds]),
  },
  // The CRM, when asked to delete the contact: what hangs off it first (field history of it, its
  // interactions and tickets; tasks about it or its tickets, ticket comments, tickets, interactions,
  // stage dates), then the contact.
  {
    // The history of the contact, of its interactions and of its tickets (before those go).
    kind: "fieldHistory",
    run: (sql, t) =>
      t.contactMode === "delete"
        ? count(
            sql,
            `DELETE FROM field_history WHERE (entity = 'contact' AND entity_id = ANY($1::text[]))
                OR (entity = 'interaction' AND entity_id IN (SELECT id FROM interactions WHERE contact_id = ANY($1::text[])))
                OR (entity = 'ticket' AND entity_id IN (SELECT id FROM tickets WHERE contact_id = ANY($1::text[])))`,
            [t.contactIds],
          )
        : Promise.resolve(0),
  },
  {
    kind: "tasks",
    run: (sql, t) =>
      t.contactMode === "delete"
        ? count(sql, `DELETE FROM tasks WHERE contact_id = ANY($1::text[]) OR ticket_id IN (SELECT id FROM tickets WHERE contact_id = ANY($1::text[]))`, [t.contactIds])
        : Promise.resolve(0),
  },
  {
    kind: "ticketComments",
    run: (sql, t) =>
      t.contactMode === "delete"
        ? count(sql, `DELETE FROM ticket_comments WHERE ticket_id IN (SELECT id FROM tickets WHERE contact_id = ANY($1::text[]))`, [t.contactIds])
        : Promise.resolve(0),
  },
  {
    kind: "tickets",
    run: (sql, t) => (t.contactMode === "delete" ? count(sql, `DELETE FROM tickets WHERE contact_id = ANY($1::text[])`, [t.contactIds]) : Promise.resolve(0)),
  },
  {
    kind: "interactions",
    run: (sql, t) => (t.contactMode === "delete" ? count(sql, `DELETE FROM interactions WHERE contact_id = ANY($1::text[])`, [t.contactIds]) : Promise.resolve(0)),
  },
  {
    kind: "contactStages",
    run: (sql, t) => (t.contactMode === "delete" ? count(sql, `DELETE FROM contact_stages WHERE contact_id = ANY($1::text[])`, [t.contactIds]) : Promise.resolve(0)),
  },
  {
    kind: "contacts",
    run: (sql, t) => (t.contactMode === "delete" ? count(sql, `DELETE FROM contacts WHERE id = ANY($1::text[])`, [t.contactIds]) : Promise.resolve(0)),
  },
  {
    // Kept contacts lose their link to the CDP profile (they keep their CRM record).
    kind: "contactsUnlinked",
    run: (sql, t) =>
      t.contactMode === "keep" ? count(sql, `UPDATE contacts SET profile_id = NULL WHERE profile_id = ANY($1::text[])`, [t.profileIds]) : Promise.resolve(0),
  },
  {
    kind: "identities",
    run: (sql, t) => count(sql, `DELETE FROM identities WHERE profile_id = ANY($1::text[])`, [t.profileIds]),
  },
  {
    // The live profile (traits, facts) and the bare pointers of the profiles merged into it.
    kind: "profiles",
    run: (sql, t) => count(sql, `DELETE FROM profiles WHERE id = ANY($1::text[])`, [t.profileIds]),
  },
];

/** Finds the person under the lock: null when no profile holds the identifier and no contact to
 * delete has it. */
async function findTarget(sql: Sql, identifier: Identifier, contactMode: ContactMode): Promise<DeletionTarget | null> {
  const profiles = await sql.query<{ id: string; live: boolean }>(
    `WITH live AS (SELECT coalesce(p.merged_into_id, p.id) AS id FROM identities i JOIN profiles p ON p.id = i.profile_id WHERE i.type = $1 AND i.value = $2)
     SELECT id, merged_into_id IS NULL AS live FROM profiles WHERE id IN (SELECT id FROM live) OR merged_into_id IN (SELECT id FROM live)`,
    [identifier.type, identifier.value],
  );
  const profileIds = profiles.map((p) => p.id);
  const identities = profileIds.length
    ? await sql.query<Identifier>(`SELECT type, value FROM identities WHERE profile_id = ANY($1::text[]) ORDER BY type, value`, [profileIds])
    : [];
  const identifiers = [...new Map([identifier, ...identities].map((i) => [`${i.type}:${i.value}`, { type: i.type, value: i.value }])).values()];
  const emails = identifiers.filter((i) => i.type === "email").map((i) => i.value);
  const contacts = await sql.query<{ id: string }>(`SELECT id FROM contacts WHERE profile_id = ANY($1::text[]) OR lower(email) = ANY($2::text[])`, [profileIds, emails]);
  const contactIds = contacts.map((c) => c.id);
  if (profileIds.length === 0 && (contactMode === "keep" || contactIds.length === 0)) return null;
  return { profileIds, liveProfileId: profiles.find((p) => p.live)?.id ?? null, identifiers, contactIds, contactMode };
}

/** Adds the identifiers' hashes to the suppression list; returns how many the person has there. */
async function suppress(sql: Sql, identifiers: Identifier[], requestId: string): Promise<number> {
  await sql.query(
    `INSERT INTO suppressions (hash, identifier_type, request_id) SELECT r.hash, r.type, $2 FROM jsonb_to_recordset($1::jsonb) AS r(hash text, type text)
     ON CONFLICT (hash) DO NOTHING`,
    [JSON.stringify(identifiers.map((i) => ({ hash: identifierHash(i), type: i.type }))), requestId],
  );
  return identifiers.length;
}

export interface DeletionOptions {
  contact: ContactMode;
  suppress: boolean;
}

export interface PrivacyRequestView {
  id: string;
  kind: PrivacyRequestKind;
  status: PrivacyRequestStatus;
  identifierType: string;
  identifierHash: string;
  contact: ContactMode | null;
  suppress: boolean;
  /** Rows removed per kind (deletions; zeros included), empty for suppressions. */
  removed: Record<string, number>;
  /** Identifiers added to (or already on) the suppression list. */
  suppressedIdentifiers: number;
  requestedBy: string;
  requestedAt: string;
  completedAt: string | null;
  error: string | null;
}

interface RequestRow {
  id: string;
  kind: PrivacyRequestKind;
  status: PrivacyRequestStatus;
  identifier_type: string;
  identifier_hash: string;
  contact_mode: string | null;
  suppress: boolean;
  result: { removed?: Record<string, number>; suppressed?: number } | null;
  error: string | null;
  actor_label: string;
  requested_at: Date;
  completed_at: Date | null;
}

const REQUEST_COLUMNS = `id, kind::text AS kind, status::text AS status, identifier_type, identifier_hash, contact_mode, suppress, result, error, actor_label, requested_at, completed_at`;

/** Counts in the order the steps run (JSON columns do not keep key order). */
const inStepOrder = (removed: Record<string, number>): Record<string, number> => {
  const known = DELETION_STEPS.filter((s) => s.kind in removed).map((s) => [s.kind, removed[s.kind]!] as const);
  return Object.fromEntries([...known, ...Object.entries(removed).filter(([k]) => !known.some(([kk]) => kk === k))]);
};

const toView = (r: RequestRow): PrivacyRequestView => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  identifierType: r.identifier_type,
  identifierHash: r.identifier_hash,
  contact: r.contact_mode === "keep" || r.contact_mode === "delete" ? r.contact_mode : null,
  suppress: r.suppress,
  removed: inStepOrder(r.result?.removed ?? {}),
  suppressedIdentifiers: r.result?.suppressed ?? 0,
  requestedBy: r.actor_label,
  requestedAt: new Date(r.requested_at).toISOString(),
  completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
  error: r.error,
});

/** Runs the steps on a found person; the counts per kind. */
async function runSteps(sql: Sql, target: DeletionTarget): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const step of DELETION_STEPS) removed[step.kind] = await step.run(sql, target);
  return removed;
}

class DryRun extends Error {
  constructor(readonly removed: Record<string, number> | null) {
    super("dry run");
  }
}

/** What a deletion would remove now (counts per kind), or null when nothing is found: the real
 * steps, rolled back. */
export async function previewDeletion(identifier: Identifier, contact: ContactMode): Promise<Record<string, number> | null> {
  try {
    await inTransaction(pool(), async (sql) => {
      await lockIdentities(sql);
      const target = await findTarget(sql, identifier, contact);
      throw new DryRun(target ? await runSteps(sql, target) : null);
    });
  } catch (err) {
    if (err instanceof DryRun) return err.removed;
    throw err;
  }
  return null;
}

async function insertRequest(sql: Sql, kind: PrivacyRequestKind, identifier: Identifier, opts: { contact: ContactMode | null; suppress: boolean }, actor: AuditActor): Promise<string> {
  const [row] = await sql.query<{ id: string }>(
    `INSERT INTO privacy_requests (kind, status, identifier_type, identifier_hash, contact_mode, suppress, actor_user_id, actor_token_id, actor_label)
     VALUES ($1::"PrivacyRequestKind", 'running', $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [kind, identifier.type, identifierHash(identifier), opts.contact, opts.suppress, actor.userId, actor.tokenId ?? null, actor.label],
  );
  return row!.id;
}

async function finishRequest(sql: Sql, id: string, status: PrivacyRequestStatus, result: object, error: string | null = null): Promise<void> {
  await sql.query(`UPDATE privacy_requests SET status = $2::"PrivacyRequestStatus", result = $3::jsonb, error = $4, completed_at = now() WHERE id = $1`, [
    id,
    status,
    JSON.stringify(result),
    error,
  ]);
}

/** Records a request that could not run (its transaction rolled back): the truth for GET. */
async function recordFailure(kind: PrivacyRequestKind, identifier: Identifier, opts: { contact: ContactMode | null; suppress: boolean }, actor: AuditActor, err: unknown): Promise<PrivacyRequestView> {
  console.error(`[privacy] ${kind} failed`, err);
  return inTransaction(pool(), async (sql) => {
    const id = await insertRequest(sql, kind, identifier, opts, actor);
    await finishRequest(sql, id, "failed", {}, `The ${kind} failed and changed nothing (the error was logged); send the request again.`);
    await recordAudit(sql, actor, {
      action: kind === "deletion" ? "privacy.deletion_requested" : "privacy.suppression_requested",
      target: { type: "privacy_request", id, label: null },
      details: { identifierType: identifier.type, status: "failed" },
    });
    return (await getPrivacyRequest(id, sql))!;
  });
}

/**
 * Deletes the person holding `identifier` (and suppresses their identifiers unless told not to), in
 * one transaction with its request row and audit entry. An unknown identifier is "nothing_found" —
 * still suppressed when asked, so data about it is never collected from now on.
 */
export async function deletePerson(identifier: Identifier, opts: DeletionOptions, actor: AuditActor): Promise<PrivacyRequestView> {
  try {
    return await inTransaction(pool(), async (sql) => {
      await lockIdentities(sql);
      const id = await insertRequest(sql, "deletion", identifier, opts, actor);
      const target = await findTarget(sql, identifier, opts.contact);
      const removed = target ? await runSteps(sql, target) : Object.fromEntries(DELETION_STEPS.map((s) => [s.kind, 0]));
      // The profile-change feed (when on) says the profiles were deleted: ids only, so receivers can
      // delete their copies. This notice is the one row that keeps her (random) profile ids.
      if (target?.liveProfileId)
        await recordProfileChanges(sql, [{ kind: "deleted", profile_id: target.liveProfileId, related_profile_ids: target.profileIds, traits: null, previous: null }]);
      const suppressed = opts.suppress ? await suppress(sql, target?.identifiers ?? [identifier], id) : 0;
      const status = target ? "done" : "nothing_found";
      await finishRequest(sql, id, status, { removed, suppressed });
      await recordAudit(sql, actor, {
        action: "privacy.deletion_requested",
        target: { type: "privacy_request", id, label: null },
        details: { identifierType: identifier.type, contact: opts.contact, suppress: opts.suppress, status, removed, suppressedIdentifiers: suppressed },
      });
      return (await getPrivacyRequest(id, sql))!;
    });
  } catch (err) {
    return recordFailure("deletion", identifier, opts, actor, err);
  }
}

/** Suppresses every identifier of the person holding `identifier` (or that identifier alone when
 * none holds it: "nothing_found"), keeping their stored data. */
export async function suppressPerson(identifier: Identifier, actor: AuditActor): Promise<PrivacyRequestView> {
  const opts = { contact: null, suppress: true };
  try {
    return await inTransaction(pool(), async (sql) => {
      await lockIdentities(sql);
      const id = await insertRequest(sql, "suppression", identifier, opts, actor);
      const target = await findTarget(sql, identifier, "keep");
      const suppressed = await suppress(sql, target?.identifiers ?? [identifier], id);
      const status = target ? "done" : "nothing_found";
      await finishRequest(sql, id, status, { suppressed });
      await recordAudit(sql, actor, {
        action: "privacy.suppression_requested",
        target: { type: "privacy_request", id, label: null },
        details: { identifierType: identifier.type, status, suppressedIdentifiers: suppressed },
      });
      return (await getPrivacyRequest(id, sql))!;
    });
  } catch (err) {
    return recordFailure("suppression", identifier, opts, actor, err);
  }
}

export async function getPrivacyRequest(id: string, sql?: Sql): Promise<PrivacyRequestView | null> {
  const run = (s: Sql) => s.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM privacy_requests WHERE id = $1`, [id]);
  const rows = sql ? await run(sql) : await inTransaction(pool(), run);
  return rows[0] ? toView(rows[0]) : null;
}

/** The newest requests first (the Privacy page). */
export async function listPrivacyRequests(limit = 50): Promise<PrivacyRequestView[]> {
  const rows = await inTransaction(pool(), (sql) => sql.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM privacy_requests ORDER BY requested_at DESC, seq DESC LIMIT $1`, [limit]));
  return rows.map(toView);
}

export interface SuppressionRow {
  hash: string;
  identifierType: string;
  createdAt: string;
}

/** The suppression list, newest first: hashes and types, never values; and how many in all. */
export async function listSuppressions(limit = 100): Promise<{ total: number; rows: SuppressionRow[] }> {
  return inTransaction(pool(), async (sql) => {
    const [{ n }] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM suppressions`);
    const rows = await sql.query<{ hash: string; identifier_type: string; created_at: Date }>(
      `SELECT hash, identifier_type, created_at FROM suppressions ORDER BY created_at DESC, hash LIMIT $1`,
      [limit],
    );
    return { total: n, rows: rows.map((r) => ({ hash: r.hash, identifierType: r.identifier_type, createdAt: new Date(r.created_at).toISOString() })) };
  });
}
