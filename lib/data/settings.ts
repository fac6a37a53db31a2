// The `settings` table (one JSON row per setting: identity rules, lifecycle events, metric settings):
// reading one with who saved it last, and writes audited in the same transaction with what changed,
// field by field (from → to). A save or reset that changes nothing records nothing.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { changedFields, type AuditAction, type AuditActor } from "../audit/actions";
import { recordAudit } from "./audit";
import { prismaSql, type Sql } from "./sql";

export interface AuditedSetting<T> {
  key: string;
  /** How the setting is named in the audit log (the entry's target). */
  label: string;
  /** The settings a stored value stands for (the defaults when there is no valid row). */
  current: (stored: unknown) => T;
  /** Whether a stored value is valid settings (else the defaults apply). */
  schema: { safeParse(value: unknown): { success: boolean } };
  /** Taken first in the transaction, when readers must see the old value or the new one wholly. */
  lock?: (sql: Sql) => Promise<void>;
}

export interface StoredSetting<T> {
  value: T;
  /** True when no valid value is stored (never saved, reset, or a damaged row), so the defaults apply. */
  isDefault: boolean;
  updatedAt: Date | null;
  /** The name of the user who saved it last (null for the defaults, the CLI or a deleted user). */
  updatedBy: string | null;
}

export async function loadSetting<T extends object>(setting: AuditedSetting<T>): Promise<StoredSetting<T>> {
  const row = await db().setting.findUnique({ where: { key: setting.key }, select: { value: true, updatedAt: true, updatedById: true } });
  if (!row || !setting.schema.safeParse(row.value).success) return { value: setting.current(null), isDefault: true, updatedAt: null, updatedBy: null };
  const user = row.updatedById ? await db().user.findUnique({ where: { id: row.updatedById }, select: { name: true } }) : null;
  return { value: setting.current(row.value), isDefault: false, updatedAt: row.updatedAt, updatedBy: user?.name ?? null };
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
