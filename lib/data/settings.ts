// Writes to the `settings` table (one JSON row per setting: identity rules, lifecycle events, metric
// settings), each audited in the same transaction with what changed, field by field (from → to).
// A save or reset that changes nothing records nothing.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { changedFields, type AuditAction, type AuditActor } from "../audit/actions";
import { recordAudit } from "./audit";
import { prismaSql, type Sql } from "./sql";

interface AuditedSetting<T> {
  key: string;
  /** How the setting is named in the audit log (the entry's target). */
  label: string;
  /** The settings a stored value stands for (the defaults when there is no valid row). */
  current: (stored: unknown) => T;
  /** Taken first in the transaction, when readers must see the old value or the new one wholly. */
  lock?: (sql: Sql) => Promise<void>;
}

export async function saveSetting<T extends object>(setting: AuditedSetting<T>, value: T, actor: AuditActor, action: AuditAction): Promise<void> {
  await db().$transaction(async (tx) => {
    await setting.lock?.(prismaSql(tx));
    const row = await tx.setting.findUnique({ where: { key: setting.key }, select: { value: true } });
    const json = value as unknown as Prisma.InputJsonValue;
    await tx.setting.upsert({
      where: { key: setting.key },
      create: { key: setting.key, value: json, updatedById: actor.userId },
      update: { value: json, updatedById: actor.userId },
    });
    const changes = changedFields(setting.current(row?.value ?? null), value);
    if (Object.keys(changes).length) await recordAudit(prismaSql(tx), actor, { action, target: { type: "setting", id: setting.key, label: setting.label }, details: changes });
  });
}

/** Back to the defaults: the row goes, so a later change to the defaults applies too. */
export async function resetSetting<T extends object>(setting: AuditedSetting<T>, actor: AuditActor, action: AuditAction): Promise<void> {
  await db().$transaction(async (tx) => {
    await setting.lock?.(prismaSql(tx));
    const row = await tx.setting.findUnique({ where: { key: setting.key }, select: { value: true } });
    if (!row) return;
    await tx.setting.delete({ where: { key: setting.key } });
    const changes = changedFields(setting.current(row.value), setting.current(null));
    if (Object.keys(changes).length) await recordAudit(prismaSql(tx), actor, { action, target: { type: "setting", id: setting.key, label: setting.label }, details: changes });
  });
}
