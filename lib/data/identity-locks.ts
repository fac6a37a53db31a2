// The locks that let ingest transactions resolve identities in parallel on PostgreSQL.
//
// ── Locks ──────────────────────────────────────────────────────────────────────────────────────
// G, the global identity lock (pg_advisory_xact_lock 746341001), in two modes:
//   shared     — every ingest transaction on PostgreSQL (striped mode, below), and a contact created
//                or given a new email, which links it to a profile (identity-store.ts
//                lockContactLinks: the stripes ingest would take for that email);
//   exclusive  — whatever changes the graph in bulk or cannot know its identifiers before it locks
//                rows: an admin split, the rebuild's swap, a change of the identity rules, CRM writes
//                that log an event (interactions, web forms, tickets), the embedded database's
//                ingest (serial mode) and any ingest transaction that gave up on stripes.
// Stripes (pg_advisory_xact_lock(746341002, s), 0 ≤ s < 4,096; lib/identity/stripes.ts): a stripe
// stands for every identifier and every profile hashed to it. A transaction only takes stripes while
// holding G shared, at most 1,024 of them (more: it takes G exclusively instead), and a stripe is
// held by one transaction at a time, so all sessions together never hold more than 4,096 stripes
// however large the requests are. (A server whose lock table is smaller than that — few
// max_connections — may still run out: such a transaction is retried serially, isLockTableFull.)
//
// ── Invariants (kept by every writer) ─────────────────────────────────────────────────────────
//   W1  an identity row is created only by a transaction holding its identifier's stripe;
//   W2  a profile's row (facts, merge pointer), the identities pointing at it, the events pointing
//       at it, its kept-apart pairs and its account memberships change only in a transaction holding
//       the profile's stripe — or holding G exclusively (split, swap);
//   W3  a kept-apart pair changes only in a transaction holding both profiles' stripes (or G
//       exclusively); the identity rules change only under G exclusive.
// Ingest keeps them because everything it writes is of this kind and covered by what it locked:
// profiles it reads (their stripes), profiles it creates (new ids nobody else knows), identities it
// creates (W1: the stripes of the unstored identifiers), identities, events, contacts, memberships
// and pairs of profiles it merges (all in its snapshot, so locked).
//
// ── Striped mode, one transaction ─────────────────────────────────────────────────────────────
//   1. hint (no lock): which of the request's identifiers are stored, on which profiles, and their
//      kept-apart partners;
//   2. take G shared, then the stripes the hint says are needed (lib/identity/stripes.ts
//      requiredStripes: unstored unblocked identifiers, their profiles, the partners), ascending;
//   3. read the state for real (rules, replays, snapshot) and recompute the required stripes from
//      it; if all are held, the snapshot is stable: go on. Otherwise take the missing ones — waiting
//      only for stripes above every stripe held, merely trying the ones below (pg_try_…) — and
//      read again. A stripe below that is taken by someone else means: roll back and start again
//      with every stripe learnt locked up front (IdentityLockRetry). After a few rounds, or past
//      1,024 stripes, the retry runs in serial mode, which always finishes.
//
// ── Why the snapshot read in step 3 cannot change before commit ──────────────────────────────
// It holds G shared (the rules are fixed: W3), the stripe of every unstored identifier (nobody can
// create one: W1; a stored identity is never deleted while ingest runs), and the stripe of every
// profile a stored identifier points at (nobody can move that identity, merge or change the
// profile, change its identity counts or pairs: W2), and of every partner in those pairs (W3). So
// the read and everything it implies stay true until the transaction commits, exactly as if it had
// run alone — and two transactions that both pass step 3 touch disjoint profiles and identifiers,
// so their order does not matter: any schedule gives the grouping of some serial order.
//
// ── Why two transactions cannot deadlock ──────────────────────────────────────────────────────
//   - Advisory waits: a transaction waits for G first (holding nothing), and afterwards only for a
//     stripe above every stripe it holds. Along a cycle of such waits the awaited stripes would
//     strictly increase back to the first: impossible. Exclusive G holders never wait for a stripe.
//   - A transaction waiting for an advisory lock holds no row lock: steps 1–3 only read (reads
//     never lock rows in PostgreSQL), and exclusive G is taken first in every CRM/admin transaction,
//     before any row. So no cycle mixes advisory and row waits.
//   - Row waits among ingest transactions in their write phase: profiles, identities, events and
//     contacts of a profile are only written by the holder of its stripe (disjoint); shared rows are
//     written in key order (accounts by group id, the event catalog by key) at the end. (A contact
//     write takes its advisory locks before any row and then locks only its own contact row; one
//     that only unlinks or takes no new email takes none: either way it closes no cycle.) The one
//     left is the events' unique (source, message id) when the same message is in two concurrent
//     requests with different identifiers: PostgreSQL then reports a deadlock (or the insert finds
//     the message already stored); either way the transaction rolls back and is retried
//     (storeRequests), never answered 500.
//
// The embedded database runs one transaction at a time, so it uses serial mode: G exclusive and one
// snapshot read, nothing else (lockingFor asks database-kind.ts).
import type pg from "pg";
import { planAcquisition, STRIPES } from "../identity/stripes";
import { env } from "../env";
import { isEmbeddedDatabase } from "./database-kind";
import type { Sql } from "./sql";

/** pg_advisory_xact_lock key for identity resolution ("tandem" identity): G. */
const IDENTITY_LOCK = 746_341_001;
/** First key of the two-key advisory locks naming stripes. */
const STRIPE_SPACE = 746_341_002;

export type IdentityLocking =
  /** G exclusive: one resolving transaction at a time. */
  | { mode: "serial" }
  /** G shared and stripes; `preLock` are stripes a restarted attempt takes up front. */
  | { mode: "striped"; preLock?: readonly number[] };

export const SERIAL: IdentityLocking = { mode: "serial" };
export const STRIPED: IdentityLocking = { mode: "striped" };

/** Roll back and run the transaction again with `next` (see the header, step 3). */
export class IdentityLockRetry extends Error {
  constructor(
    readonly next: IdentityLocking,
    message: string,
  ) {
    super(message);
    this.name = "IdentityLockRetry";
  }
}

/**
 * Takes G exclusively for the rest of the transaction. Any transaction that will change the graph
 * outside ingest's own protocol (a split, the rebuild's swap, a rules change, a CRM write that logs
 * an event) takes it FIRST, before locking rows.
 */
export async function lockIdentities(sql: Sql): Promise<void> {
  // Selected through a subquery: the function returns void, which some drivers cannot decode.
  await sql.query(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${IDENTITY_LOCK})) AS l`);
}

const checkStripes = (stripes: readonly number[]) => {
  for (const s of stripes) if (!Number.isInteger(s) || s < 0 || s >= STRIPES) throw new Error(`not a stripe: ${s}`);
};

/** G shared, then `stripes` in the order given (ascending), in one statement: unnest hands them to
 * the lock function one by one, in array order. */
export async function lockShared(sql: Sql, stripes: readonly number[]): Promise<void> {
  checkStripes(stripes);
  await sql.query(
    `SELECT count(*)::int AS n FROM (SELECT CASE WHEN k < 0 THEN pg_advisory_xact_lock_shared(${IDENTITY_LOCK}) ELSE pg_advisory_xact_lock(${STRIPE_SPACE}, k) END
       FROM unnest($1::int[]) AS k) AS l`,
    [[-1, ...stripes]],
  );
}

/** Waits for each stripe in the order given (ascending, all above those held). */
export async function lockStripes(sql: Sql, stripes: readonly number[]): Promise<void> {
  if (stripes.length === 0) return;
  checkStripes(stripes);
  await sql.query(`SELECT count(*)::int AS n FROM (SELECT pg_advisory_xact_lock(${STRIPE_SPACE}, k) FROM unnest($1::int[]) AS k) AS l`, [stripes]);
}

/** Tries each stripe without waiting; true when all were free (the ones obtained stay held). */
export async function tryStripes(sql: Sql, stripes: readonly number[]): Promise<boolean> {
  if (stripes.length === 0) return true;
  checkStripes(stripes);
  const [row] = await sql.query<{ ok: boolean }>(
    `SELECT bool_and(ok) AS ok FROM (SELECT pg_try_advisory_xact_lock(${STRIPE_SPACE}, k) AS ok FROM unnest($1::int[]) AS k) AS l`,
    [stripes],
  );
  return row.ok;
}

/**
 * Takes `missing` stripes while holding `held` (updated in place), by the rule that keeps waits
 * deadlock-free: false when a stripe below the highest held one is taken (the caller restarts).
 */
export async function acquireMore(sql: Sql, held: Set<number>, missing: Iterable<number>): Promise<boolean> {
  const { tryLock, block } = planAcquisition(held, missing);
  if (tryLock.length) {
    const ok = await tryStripes(sql, tryLock);
    for (const s of tryLock) held.add(s);
    if (!ok) return false;
  }
  await lockStripes(sql, block);
  for (const s of block) held.add(s);
  return true;
}

/**
 * Serial on the embedded database (one transaction at a time anyway), striped on PostgreSQL — or
 * serial everywhere under TANDEM_INGEST_PATH=previous, the one-lock path bench:ingest compares with.
 */
export async function lockingFor(pool: pg.Pool): Promise<IdentityLocking> {
  if (env().TANDEM_INGEST_PATH === "previous") return SERIAL;
  return (await isEmbeddedDatabase(pool)) ? SERIAL : STRIPED;
}

/** PostgreSQL's deadlock_detected: the transaction was rolled back and may simply run again. */
export const isDeadlock = (err: unknown): boolean => (err as { code?: string } | null)?.code === "40P01";

/**
 * PostgreSQL's "out of shared memory" (53200, hint: increase max_locks_per_transaction): the lock
 * table, max_locks_per_transaction × (max_connections + max_prepared_transactions) entries shared by
 * every session, filled up. Stripes are exclusive, so all transactions together hold at most 4,096
 * of them — but a server with few connections allowed has a smaller table than that (64 × 20 =
 * 1,280). The transaction was rolled back; run serially (one lock) it needs no stripe.
 */
export const isLockTableFull = (err: unknown): boolean => (err as { code?: string } | null)?.code === "53200";
