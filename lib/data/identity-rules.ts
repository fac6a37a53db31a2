// The identity-resolution rules an admin edits in Settings, stored as one row of `settings`
// (key `identity_rules`, value exactly the IdentityRules JSON). No row means the built-in defaults.
// Ingest reads the row itself inside its transaction and passes the value to `rulesFromSetting`.
import type { AuditActor } from "../audit/actions";
import { loadSetting, resetSetting, saveSetting, type StoredSetting } from "./settings";
import { DEFAULT_RULES, identityRulesSchema, parseIdentityRules, type IdentityRules } from "../identity/rules";
import { lockIdentities } from "./identity-locks";

export const IDENTITY_RULES_KEY = "identity_rules";

const IDENTITY_RULES_SETTING = {
  key: IDENTITY_RULES_KEY,
  label: "Identity resolution rules",
  current: rulesFromSetting,
  schema: identityRulesSchema,
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

export interface StoredIdentityRules extends Omit<StoredSetting<IdentityRules>, "value"> {
  rules: IdentityRules;
}

export async function loadIdentityRules(): Promise<StoredIdentityRules> {
  const { value: rules, ...rest } = await loadSetting(IDENTITY_RULES_SETTING);
  return { rules, ...rest };
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
