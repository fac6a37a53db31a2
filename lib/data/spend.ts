// Marketing spend: the cells of the month × channel × source grid, upserts and deletions that record
// every change in marketing_spend_changes (before, after, who, how) in the same statement, and the
// change history. Writes are set-based and all-or-nothing; each save is one audit-log entry.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import type { Month } from "../metrics/months";
import type { SpendInput } from "../metrics/spend";
import type { AuditActor } from "../audit/actions";
import { recordAudit } from "./audit";
import { prismaSql } from "./sql";

export interface SpendCell {
  month: Month;
  channel: string;
  source: string;
  amount: number;
  currency: string;
  updatedAt: Date;
}

export type SpendVia = "grid" | "csv" | "api";

export interface SpendActor {
  userId?: string | null;
  tokenId?: string | null;
  name: string;
}

export interface SpendWriteResult {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
}

export async function listSpend(from: Month, to: Month): Promise<SpendCell[]> {
  const rows = await db().$queryRaw<{ month: string; channel: string; source: string; amount: string; currency: string; updated_at: Date }[]>`
    SELECT to_char(month, 'YYYY-MM') AS month, channel, source, amount::text AS amount, currency, updated_at
    FROM marketing_spend WHERE month BETWEEN ${`${from}-01`}::date AND ${`${to}-01`}::date
    ORDER BY month, channel, source`;
  return rows.map((r) => ({ month: r.month, channel: r.channel, source: r.source, amount: Number(r.amount), currency: r.currency, updatedAt: r.updated_at }));
}

/** The cells stored under these keys (for an import's preview). */
export async function spendAt(keys: Pick<SpendInput, "month" | "channel" | "source">[]): Promise<SpendCell[]> {
  if (keys.length === 0) return [];
  const rows = await db().$queryRaw<{ month: string; channel: string; source: string; amount: string; currency: string; updated_at: Date }[]>`
    SELECT to_char(s.month, 'YYYY-MM') AS month, s.channel, s.source, s.amount::text AS amount, s.currency, s.updated_at
    FROM marketing_spend s
    JOIN jsonb_to_recordset(${JSON.stringify(keys.map((k) => ({ month: `${k.month}-01`, channel: k.channel, source: k.source })))}::jsonb) AS k(month date, channel text, source text)
      ON s.month = k.month AND s.channel = k.channel AND s.source = k.source`;
  return rows.map((r) => ({ month: r.month, channel: r.channel, source: r.source, amount: Number(r.amount), currency: r.currency, updatedAt: r.updated_at }));
}

/** Upserts every row in one statement; a change to a cell (not a rewrite of the same value) is recorded. */
export async function upsertSpend(rows: SpendInput[], actor: SpendActor, via: SpendVia, client: Prisma.TransactionClient = db()): Promise<SpendWriteResult> {
  const input = JSON.stringify(rows.map((r) => ({ month: `${r.month}-01`, channel: r.channel, source: r.source, amount: r.amount.toFixed(2), currency: r.currency })));
  const [res] = await client.$queryRaw<{ created: number; updated: number }[]>`
    WITH input AS (
      SELECT i.month, i.channel, i.source, i.amount::numeric(14, 2) AS amount, i.currency
      FROM jsonb_to_recordset(${input}::jsonb) AS i(month date, channel text, source text, amount text, currency text)
    ),
    -- Every part of one statement sees the table as it was before the statement: these are the old
    -- values (no FOR UPDATE: a row this statement updates would then be skipped as self-modified).
    old AS MATERIALIZED (
      SELECT s.month, s.channel, s.source, s.amount, s.currency FROM marketing_spend s JOIN input USING (month, channel, source)
    ),
    up AS (
      INSERT INTO marketing_spend (month, channel, source, amount, currency)
      SELECT month, channel, source, amount, currency FROM input
      ON CONFLICT (month, channel, source) DO UPDATE SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, updated_at = now()
      WHERE (marketing_spend.amount, marketing_spend.currency) IS DISTINCT FROM (EXCLUDED.amount, EXCLUDED.currency)
      RETURNING month, channel, source, amount, currency
    ),
    logged AS (
      INSERT INTO marketing_spend_changes (month, channel, source, old_amount, new_amount, old_currency, new_currency, via, actor_user_id, actor_token_id, actor_name)
      SELECT up.month, up.channel, up.source, old.amount, up.amount, old.currency, up.currency, ${via}, ${actor.userId ?? null}, ${actor.tokenId ?? null}, ${actor.name}
      FROM up LEFT JOIN old USING (month, channel, source)
      RETURNING old_amount
    )
    SELECT count(*) FILTER (WHERE old_amount IS NULL)::int AS created, count(*) FILTER (WHERE old_amount IS NOT NULL)::int AS updated FROM logged`;
  const created = res?.created ?? 0;
  const updated = res?.updated ?? 0;
  return { received: rows.length, created, updated, unchanged: rows.length - created - updated };
}

/** Deletes cells (a cleared grid cell); each deletion is recorded. Returns how many existed. */
export async function deleteSpend(keys: SpendKey[], actor: SpendActor, via: SpendVia, client: Prisma.TransactionClient = db()): Promise<number> {
  if (keys.length === 0) return 0;
  const input = JSON.stringify(keys.map((k) => ({ month: `${k.month}-01`, channel: k.channel, source: k.source })));
  const [res] = await client.$queryRaw<{ n: number }[]>`
    WITH gone AS (
      DELETE FROM marketing_spend s USING jsonb_to_recordset(${input}::jsonb) AS k(month date, channel text, source text)
      WHERE s.month = k.month AND s.channel = k.channel AND s.source = k.source
      RETURNING s.month, s.channel, s.source, s.amount, s.currency
    ),
    logged AS (
      INSERT INTO marketing_spend_changes (month, channel, source, old_amount, new_amount, old_currency, new_currency, via, actor_user_id, actor_token_id, actor_name)
      SELECT month, channel, source, amount, NULL, currency, NULL, ${via}, ${actor.userId ?? null}, ${actor.tokenId ?? null}, ${actor.name} FROM gone
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM logged`;
  return res?.n ?? 0;
}

export type SpendKey = Pick<SpendInput, "month" | "channel" | "source">;

/**
 * One save of the grid, CSV import or API call: cells set and cells cleared in one transaction, all or
 * nothing, with one audit entry counting what changed (each cell's before/after is in the history).
 */
export async function writeSpend(changes: { set: SpendInput[]; clear: SpendKey[] }, actor: AuditActor, via: SpendVia): Promise<SpendWriteResult & { deleted: number }> {
  const who: SpendActor = { userId: actor.userId, tokenId: actor.tokenId ?? null, name: actor.label };
  return db().$transaction(async (tx) => {
    const written = changes.set.length ? await upsertSpend(changes.set, who, via, tx) : { received: 0, created: 0, updated: 0, unchanged: 0 };
    const deleted = await deleteSpend(changes.clear, who, via, tx);
    if (written.created + written.updated + deleted > 0) {
      const months = [...new Set([...changes.set, ...changes.clear].map((c) => c.month))].sort();
      await recordAudit(prismaSql(tx), actor, {
        action: "spend.updated",
        target: { type: "spend", id: null, label: months.length > 1 ? `${months[0]} – ${months[months.length - 1]}` : (months[0] ?? null) },
        details: { via, created: written.created, updated: written.updated, deleted, months },
      });
    }
    return { ...written, deleted };
  });
}

export interface SpendChange {
  id: string;
  month: Month;
  channel: string;
  source: string;
  oldAmount: number | null;
  newAmount: number | null;
  oldCurrency: string | null;
  newCurrency: string | null;
  via: SpendVia;
  actorName: string;
  changedAt: Date;
}

export interface SpendHistoryPage {
  rows: SpendChange[];
  /** Pass back as `before` for the next (older) page; null at the end. */
  next: string | null;
}

/** Newest first, keyset-paged by the change's sequence number. */
export async function spendHistory(opts: { limit?: number; before?: string | null; channel?: string | null } = {}): Promise<SpendHistoryPage> {
  const limit = Math.min(200, Math.max(1, opts.limit ?? 50));
  const before = opts.before && /^\d+$/.test(opts.before) ? Prisma.sql`AND seq < ${opts.before}::bigint` : Prisma.empty;
  const channel = opts.channel ? Prisma.sql`AND channel = ${opts.channel}` : Prisma.empty;
  const rows = await db().$queryRaw<
    { id: string; seq: bigint; month: string; channel: string; source: string; old_amount: string | null; new_amount: string | null; old_currency: string | null; new_currency: string | null; via: SpendVia; actor_name: string; changed_at: Date }[]
  >`
    SELECT id, seq, to_char(month, 'YYYY-MM') AS month, channel, source, old_amount::text AS old_amount, new_amount::text AS new_amount,
      old_currency, new_currency, via, actor_name, changed_at
    FROM marketing_spend_changes WHERE TRUE ${before} ${channel}
    ORDER BY seq DESC LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  return {
    rows: page.map((r) => ({
      id: r.id,
      month: r.month,
      channel: r.channel,
      source: r.source,
      oldAmount: r.old_amount === null ? null : Number(r.old_amount),
      newAmount: r.new_amount === null ? null : Number(r.new_amount),
      oldCurrency: r.old_currency,
      newCurrency: r.new_currency,
      via: r.via,
      actorName: r.actor_name,
      changedAt: r.changed_at,
    })),
    next: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
  };
}
