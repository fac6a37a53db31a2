// The identity-resolution rules an admin edits in Settings, stored as one row of `settings`
// (key `identity_rules`, value exactly the IdentityRules JSON). No row means the built-in defaults.
// Ingest reads the row itself inside its transaction and passes the value to `rulesFromSetting`.
import { db } from "../db/prisma";
import type { AuditActor } from "../audit/actions";
import { resetSetting, saveSetting } from "./settings";
import { DEFAULT_RULES, identityRulesSchema, parseIdentityRules, type IdentityRules } from "../identity/rules";
import { lockIdentities } from "./identity-locks";

export const IDENTITY_RULES_KEY = "identity_rules";

const IDENTITY_RULES_SETTING = {
  key: IDENTITY_RULES_KEY,
  label: "Identity resolution rules",
  current: rulesFromSetting,
  // Under the identity lock, exclusively: every ingest transaction resolves wholly under the old
  // rules or wholly under the new ones (identity-locks.ts, W3).
  lock: lockIdentities,
};

function copyOf(rules: IdentityRules): IdentityRules {
  return { ...rules, limits: { ...rules.limits }, priority: [...rules.priority], blockedValues: [...rules.blockedValues], blockedPatterns: [...rules.blockedPatterns] };
}

/**
 * The rules a stored `settings.value` stands for: the value itself when it passes the schema, else
 * the defaults — a missing or damaged row must never stop ingest. Pure; never throws.
 */
export function rulesFromSetting(value: unknown): IdentityRules {
  const parsed = value === null || value === undefined ? null : identityRulesSchema.safeParse(value);
  return parsed?.success ? copyOf(parsed.data as IdentityRules) : copyOf(DEFAULT_RULES);
}

export interface StoredIdentityRules {
  rules: IdentityRules;
  /** True when no valid rules are stored (never edited, reset, or a damaged row), so the defaults apply. */
  isDefault: boolean;
  updatedAt: Date | null;
  /** The name of the user who saved them last (null for the defaults or a deleted user). */
  updatedBy: string | null;
}

export async function loadIdentityRules(): Promise<StoredIdentityRules> {
  const row = await db().setting.findUnique({ where: { key: IDENTITY_RULES_KEY }, select: { value: true, updatedAt: true, updatedById: true } });
  if (!row || !identityRulesSchema.safeParse(row.value).success) return { rules: copyOf(DEFAULT_RULES), isDefault: true, updatedAt: null, updatedBy: null };
  const user = row.updatedById ? await db().user.findUnique({ where: { id: row.updatedById }, select: { name: true } }) : null;
  return { rules: rulesFromSetting(row.value), isDefault: false, updatedAt: row.updatedAt, updatedBy: user?.name ?? null };
}

/** Validates again (the stored JSON must stay exactly the IdentityRules shape, unknown keys dropped) and upserts. */
export async function saveIdentityRules(rules: IdentityRules, actor: AuditActor): Promise<void> {
  const parsed = parseIdentityRules(rules);
  const value: IdentityRules = {
    limits: parsed.limits,
    defaultLimit: parsed.defaultLimit,
    priority: parsed.priority,
    blockedValues: parsed.blockedValues,
    blockedPatterns: parsed.blockedPatterns,
  };
  await saveSetting(IDENTITY_RULES_SETTING, value, actor, "identity_rules.updated");
}

/** Back to the built-in defaults: the row goes, so a later change to DEFAULT_RULES applies too. */
export async function resetIdentityRules(actor: AuditActor): Promise<void> {
  await resetSetting(IDENTITY_RULES_SETTING, actor, "identity_rules.reset");
}
