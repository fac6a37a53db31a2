// Audiences in SQL and saved audiences. The compiler turns a definition (lib/analytics/audiences.ts,
// whose reference the integration tests compare it with) into ONE set-based condition on the live
// profile `p`: every behavioural or CRM leaf is an uncorrelated `p.id IN (SELECT person …)` over
// events, contacts or interactions (a hashed semi-join, never a query per person), traits and
// profile fields are plain expressions on `p`, and groups are AND / OR of their parts.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { DECIMAL_PATTERN } from "../identity/facts";
import {
  PROFILE_FIELDS,
  windowBounds,
  type AudienceCondition,
  type AudienceDefinition,
  type AudienceInput,
  type ProfileField,
  type TimeWindow,
  type TraitOp,
} from "../analytics/audiences";
import { runAnalysis, type AnalyticsQuery } from "./analytics-runner";
import { listCustomers, type CustomersPage } from "./profiles";

const PERSON = Prisma.sql`COALESCE(f.merged_into_id, f.id)`;

function windowSql(column: Prisma.Sql, w: TimeWindow, now: Date): Prisma.Sql {
  const b = windowBounds(w, now);
  const parts = [Prisma.sql`${column} <= ${now}`];
  if (b.start) parts.push(Prisma.sql`${column} >= ${b.start}`);
  if (b.before) parts.push(Prisma.sql`${column} < ${b.before}`);
  return Prisma.join(parts, " AND ");
}

const inSet = (people: Prisma.Sql, positive: boolean) => (positive ? Prisma.sql`p.id IN (${people})` : Prisma.sql`NOT (p.id IN (${people}))`);

/** A text value compared under an operator; `present` says whether it has a value at all. */
function textCompare(value: Prisma.Sql, present: Prisma.Sql, op: TraitOp, target: string | number | undefined): Prisma.Sql {
  const t = String(target ?? "");
  switch (op) {
    case "is_set":
      return present;
    case "not_set":
      return Prisma.sql`NOT (${present})`;
    case "eq":
      return Prisma.sql`COALESCE(${value} = ${t}, FALSE)`;
    case "neq":
      return Prisma.sql`NOT COALESCE(${value} = ${t}, FALSE)`;
    case "contains":
      return Prisma.sql`COALESCE(strpos(lower(${value}), lower(${t})) > 0, FALSE)`;
    case "not_contains":
      return Prisma.sql`NOT COALESCE(strpos(lower(${value}), lower(${t})) > 0, FALSE)`;
    default:
      return numberCompare(Prisma.sql`NULL::numeric`, op, target);
  }
}

const NUMBER_SQL_OPS: Partial<Record<TraitOp, string>> = { gt: ">", gte: ">=", lt: "<", lte: "<=", eq: "=" };

function numberCompare(value: Prisma.Sql, op: TraitOp, target: string | number | undefined): Prisma.Sql {
  const t = String(target ?? "").trim();
  if (op === "neq") return Prisma.sql`NOT ${numberCompare(value, "eq", target)}`;
  return Prisma.sql`COALESCE(${value} ${Prisma.raw(NUMBER_SQL_OPS[op]!)} ${t}::numeric, FALSE)`;
}

function traitSql(key: string, op: TraitOp, target: string | number | undefined): Prisma.Sql {
  const json = Prisma.sql`(p.traits -> ${key})`;
  const text = Prisma.sql`(p.traits ->> ${key})`;
  const present = Prisma.sql`(COALESCE(jsonb_typeof(${json}), 'null') <> 'null')`;
  if (op === "gt" || op === "gte" || op === "lt" || op === "lte") {
    const numeric = Prisma.sql`(CASE jsonb_typeof(${json}) WHEN 'number' THEN ${text}::numeric
      WHEN 'string' THEN CASE WHEN btrim(${text}) ~ ${Prisma.raw(`'${DECIMAL_PATTERN}'`)} THEN btrim(${text})::numeric END END)`;
    return numberCompare(numeric, op, target);
  }
  return textCompare(text, present, op, target);
}

const PROFILE_COLUMNS: Record<ProfileField, Prisma.Sql> = {
  revenue: Prisma.sql`p.total_revenue`,
  event_count: Prisma.sql`p.event_count`,
  first_channel: Prisma.sql`p.first_channel`,
  first_utm_source: Prisma.sql`p.first_utm_source`,
  first_utm_campaign: Prisma.sql`p.first_utm_campaign`,
};

function profileSql(field: ProfileField, op: TraitOp, target: string | number | undefined): Prisma.Sql {
  const column = PROFILE_COLUMNS[field];
  if (PROFILE_FIELDS[field].type === "number") {
    if (op === "is_set") return Prisma.sql`TRUE`;
    if (op === "not_set") return Prisma.sql`FALSE`;
    return numberCompare(column, op, target);
  }
  return textCompare(column, Prisma.sql`(${column} IS NOT NULL)`, op, target);
}

/** The people with a linked CRM contact meeting `where` (on contacts `c`). */
const contactPeople = (where: Prisma.Sql) => Prisma.sql`SELECT ${PERSON} FROM contacts c JOIN profiles f ON f.id = c.profile_id WHERE ${where}`;

/** The condition `c` as SQL on the live profile row `p`, evaluated at `now`. */
export function audienceConditionSql(c: AudienceCondition, now: Date): Prisma.Sql {
  switch (c.type) {
    case "group": {
      if (!c.conditions.length) return c.match === "all" ? Prisma.sql`TRUE` : Prisma.sql`FALSE`;
      return Prisma.sql`(${Prisma.join(
        c.conditions.map((x) => audienceConditionSql(x, now)),
        c.match === "all" ? " AND " : " OR ",
      )})`;
    }
    case "event": {
      const times = c.did ? (c.times ?? 1) : 1;
      const people = Prisma.sql`SELECT ${PERSON} FROM events e JOIN profiles f ON f.id = e.profile_id
        WHERE e.type = 'track' AND e.event = ${c.event} AND ${windowSql(Prisma.sql`e.timestamp`, c.window, now)}
        ${times > 1 ? Prisma.sql`GROUP BY 1 HAVING count(*) >= ${times}` : Prisma.empty}`;
      return inSet(people, c.did);
    }
    case "interaction": {
      const kind = c.kind === "any" ? Prisma.empty : Prisma.sql`AND i.kind = ${c.kind}::"InteractionKind"`;
      const people = Prisma.sql`SELECT ${PERSON} FROM interactions i JOIN contacts c ON c.id = i.contact_id JOIN profiles f ON f.id = c.profile_id
        WHERE ${windowSql(Prisma.sql`i.occurred_at`, c.window, now)} ${kind}`;
      return inSet(people, c.did);
    }
    case "trait":
      return traitSql(c.key, c.op, c.value);
    case "profile":
      return profileSql(c.field, c.op, c.value);
    case "crm": {
      const positive = c.op === "eq" || c.op === "is_set";
      if (c.field === "contact") return inSet(contactPeople(Prisma.sql`TRUE`), positive);
      if (c.field === "owner") return inSet(contactPeople(c.op === "is_set" || c.op === "not_set" ? Prisma.sql`c.owner_id IS NOT NULL` : Prisma.sql`c.owner_id = ${c.value ?? ""}`), positive);
      return inSet(contactPeople(Prisma.sql`c.lifecycle_stage = ${c.value ?? ""}::"LifecycleStage"`), positive);
    }
  }
}

/** The ids (column `person_id`) of the live people the definition selects at `now` — one query. */
export function audienceMembersSql(definition: AudienceDefinition, now: Date): Prisma.Sql {
  return Prisma.sql`SELECT p.id AS person_id FROM profiles p WHERE p.merged_into_id IS NULL AND ${audienceConditionSql(definition, now)}`;
}

export function countAudienceWith(q: AnalyticsQuery, definition: AudienceDefinition, now: Date): Promise<number> {
  return q.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${audienceMembersSql(definition, now)}) m`.then((r) => r[0]?.n ?? 0);
}

/** How many people the definition selects at `now`. */
export function countAudience(definition: AudienceDefinition, now: Date): Promise<number> {
  return runAnalysis((q) => countAudienceWith(q, definition, now));
}



/** One page of members (the Customers table's rows), most recently seen first, and the total. */
export function audienceMembers(definition: AudienceDefinition, now: Date, page: number, size: number): Promise<CustomersPage> {
  return runAnalysis((q) => listCustomers({ q: "", sort: "lastSeen", dir: "desc", page, size }, { within: audienceMembersSql(definition, now), q }));
}

/** Every member's id, for an export (evaluated once, then read in batches by id). */
export function audienceMemberIds(definition: AudienceDefinition, now: Date): Promise<string[]> {
  return runAnalysis(async (q) => (await q.$queryRaw<{ person_id: string }[]>`${audienceMembersSql(definition, now)} ORDER BY p.id`).map((r) => r.person_id));
}

/** The members' rows for an export, in batches of `size` (plain lookups by id). */
export async function* memberBatches(ids: string[], size = 1000): AsyncGenerator<CustomersPage["rows"]> {
  for (let i = 0; i < ids.length; i += size) {
    const batch = ids.slice(i, i + size);
    const page = await listCustomers({ q: "", sort: "name", dir: "asc", page: 1, size: batch.length }, { within: Prisma.sql`SELECT unnest(${batch}::text[])` });
    yield page.rows;
  }
}

// ───────────────────────────── saved audiences ─────────────────────────────

export interface SavedAudience {
  id: string;
  name: string;
  description: string | null;
  definition: AudienceDefinition;
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

const savedSelect = {
  id: true,
  name: true,
  description: true,
  definition: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { id: true, name: true } },
} as const;

type SavedRow = Omit<SavedAudience, "definition"> & { definition: unknown };
const toSaved = (r: SavedRow): SavedAudience => ({ ...r, definition: r.definition as AudienceDefinition });

export async function listAudiences(): Promise<SavedAudience[]> {
  return (await db().audience.findMany({ select: savedSelect, orderBy: [{ updatedAt: "desc" }, { id: "asc" }] })).map(toSaved);
}

export async function getAudience(id: string): Promise<SavedAudience | null> {
  const row = await db().audience.findUnique({ where: { id }, select: savedSelect });
  return row ? toSaved(row) : null;
}

export async function createAudience(input: AudienceInput, authorId: string): Promise<SavedAudience> {
  const row = await db().audience.create({
    data: { name: input.name, description: input.description, definition: input.definition as unknown as Prisma.InputJsonValue, createdById: authorId },
    select: savedSelect,
  });
  return toSaved(row);
}

export async function updateAudience(id: string, input: AudienceInput): Promise<SavedAudience> {
  const row = await db().audience.update({
    where: { id },
    data: { name: input.name, description: input.description, definition: input.definition as unknown as Prisma.InputJsonValue },
    select: savedSelect,
  });
  return toSaved(row);
}

export async function deleteAudience(id: string): Promise<void> {
  await db().audience.delete({ where: { id } });
}
