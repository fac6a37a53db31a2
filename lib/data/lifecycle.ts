// The lifecycle-events setting (which events mean signed up, trial started, became a customer), stored
// as one `settings` row (key `lifecycle_events`; no row = the defaults), and its SQL: the condition an
// event must meet to reach a stage, mirroring reachesStage() in lib/analytics/lifecycle.ts, which the
// integration tests compare it with. Every view that names these moments reads them through here.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import type { AuditActor } from "../audit/actions";
import { loadSetting, resetSetting, saveSetting, type StoredSetting } from "./settings";
import { DECIMAL_PATTERN } from "../identity/facts";
import { lifecycleFromSetting, lifecycleSettingsSchema, type LifecycleRule, type LifecycleSettings, type LifecycleStageKey } from "../analytics/lifecycle";

export const LIFECYCLE_KEY = "lifecycle_events";

export interface StoredLifecycle extends Omit<StoredSetting<LifecycleSettings>, "value"> {
  settings: LifecycleSettings;
}

const LIFECYCLE_SETTING = {
  key: LIFECYCLE_KEY,
  label: "Lifecycle events",
  current: lifecycleFromSetting,
  schema: lifecycleSettingsSchema,
};

export async function loadLifecycle(): Promise<StoredLifecycle> {
  const { value: settings, ...rest } = await loadSetting(LIFECYCLE_SETTING);
  return { settings, ...rest };
}

/** The settings alone (what analyses need). */
export async function lifecycleSettings(): Promise<LifecycleSettings> {
  return (await loadLifecycle()).settings;
}

export async function saveLifecycle(settings: LifecycleSettings, actor: AuditActor): Promise<void> {
  await saveSetting(LIFECYCLE_SETTING, lifecycleSettingsSchema.parse(settings), actor, "lifecycle_events.updated");
}

export async function resetLifecycle(actor: AuditActor): Promise<void> {
  await resetSetting(LIFECYCLE_SETTING, actor, "lifecycle_events.reset");
}

/**
 * An event's revenue in cents as SQL (null when `revenue` is absent, not a number or not a numeric
 * string), the same reading as revenueCentsOf(): numbers and numeric strings, rounded to cents.
 */
export function revenueCentsSql(alias: string): Prisma.Sql {
  const value = Prisma.sql`(CASE WHEN ${Prisma.raw(alias)}.type = 'track' THEN ${revenueValueSql(Prisma.sql`${Prisma.raw(`${alias}.properties`)}->'revenue'`)} END)`;
  return centsOfRevenueSql(value);
}

/** A `revenue` property's JSON value (`json`, a jsonb expression) as a number, the same reading as revenueCentsSql. */
export function revenueValueSql(json: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE jsonb_typeof(${json})
      WHEN 'number' THEN (${json} #>> '{}')::numeric
      WHEN 'string' THEN CASE WHEN btrim(${json} #>> '{}') ~ ${Prisma.raw(`'${DECIMAL_PATTERN}'`)} THEN btrim(${json} #>> '{}')::numeric END
    END)`;
}

/** A revenue value (from revenueValueSql) in cents, as revenueCentsSql gives it (null when absurdly large). */
export function centsOfRevenueSql(value: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE WHEN abs(${value}) < 1e12 THEN round(${value} * 100) END)`;
}

/**
 * The condition for an event row `alias` (events) whose source row is `sourceAlias` (sources) to reach
 * a stage: a track event, not from a CRM source, named as the rule says or (when the rule counts
 * revenue) with revenue > 0.
 */
export function stageConditionSql(rule: LifecycleRule, alias = "e", sourceAlias = "src"): Prisma.Sql {
  return Prisma.sql`(${Prisma.raw(alias)}.type = 'track' AND ${Prisma.raw(sourceAlias)}.kind <> 'crm' AND ${stageMatchSql(rule, alias, revenueCentsSql(alias))})`;
}

/**
 * The rule's own part of stageConditionSql, for a query that has already kept only track events from
 * non-CRM sources and computed each event's revenue in cents once (`centsSql`): named as the rule says,
 * or (when the rule counts revenue) with revenue > 0.
 */
export function stageMatchSql(rule: LifecycleRule, alias: string, centsSql: Prisma.Sql): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (rule.event !== null) parts.push(Prisma.sql`${Prisma.raw(alias)}.event = ${rule.event}`);
  if (rule.revenue) parts.push(Prisma.sql`${centsSql} > 0`);
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}

export type StageTimes = Record<LifecycleStageKey, Date | null>;

/** When each stage was first reached by the person whose profile family is `familyIds`. */
export async function stageTimes(familyIds: string[], settings: LifecycleSettings): Promise<StageTimes> {
  const [row] = await db().$queryRaw<{ signed_up: Date | null; trial_started: Date | null; customer: Date | null }[]>`
    SELECT min(e.timestamp) FILTER (WHERE ${stageConditionSql(settings.signedUp)}) AS signed_up,
           min(e.timestamp) FILTER (WHERE ${stageConditionSql(settings.trialStarted)}) AS trial_started,
           min(e.timestamp) FILTER (WHERE ${stageConditionSql(settings.customer)}) AS customer
    FROM events e JOIN sources src ON src.id = e.source_id
    WHERE e.profile_id = ANY(${familyIds}::text[]) AND e.type = 'track'`;
  return { signedUp: row?.signed_up ?? null, trialStarted: row?.trial_started ?? null, customer: row?.customer ?? null };
}
