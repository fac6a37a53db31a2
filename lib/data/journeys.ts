// /journeys: the CRM and the CDP across all customers — coverage, hand-logged interactions against
// collected events per week, the median days from first touch to sign-up, to the first sales touch
// and to becoming a customer by channel, and the actionable gaps (the rules of personGaps in
// lib/customer360/journey.ts, in one set-based query; the integration tests compare the two).
// Every query runs through the analytics runner (bounded cost).
import "server-only";
import { Prisma } from "../generated/prisma/client";
import type { LifecycleSettings } from "../analytics/lifecycle";
import { ACTIVE_DAYS, SALES_TOUCH_KINDS, TRIAL_ACTIVE_DAYS, type GapKind } from "../customer360/journey";
import { runAnalysis, type AnalyticsQuery } from "./analytics-runner";
import { stageConditionSql } from "./lifecycle";

const DAY_MS = 86_400_000;
const touchKinds = Prisma.sql`${[...SALES_TOUCH_KINDS]}::text[]`;

/**
 * One row per person: a live profile (with its merged family) and/or a contact with no profile.
 * person_id is the live profile id, or 'contact:' || id for a contact with no profile. Columns:
 * seen (any non-CRM event), last_seen, first_touch_at, channel, signed_up_at, trial_at, customer_at,
 * has_email, has_contact, owned (a contact with an owner), first_touch_sales (first call/email/
 * meeting/demo), last_touch_sales, contact_id (the oldest contact), name, email.
 */
export function personFactsSql(settings: LifecycleSettings): Prisma.Sql {
  return Prisma.sql`
    WITH fam AS (SELECT COALESCE(p.merged_into_id, p.id) AS person_id, p.id AS profile_id FROM profiles p),
    ev AS (
      SELECT f.person_id, max(e.timestamp) AS last_seen,
        min(e.timestamp) FILTER (WHERE ${stageConditionSql(settings.signedUp)}) AS signed_up_at,
        min(e.timestamp) FILTER (WHERE ${stageConditionSql(settings.trialStarted)}) AS trial_at,
        min(e.timestamp) FILTER (WHERE ${stageConditionSql(settings.customer)}) AS customer_at
      FROM events e JOIN sources src ON src.id = e.source_id AND src.kind <> 'crm' JOIN fam f ON f.profile_id = e.profile_id
      GROUP BY f.person_id
    ),
    ct AS (
      SELECT COALESCE(f.person_id, 'contact:' || c.id) AS person_id, (array_agg(c.id ORDER BY c.created_at, c.id))[1] AS contact_id,
        bool_or(c.owner_id IS NOT NULL) AS owned,
        (array_agg(trim(concat_ws(' ', c.first_name, c.last_name)) ORDER BY c.created_at, c.id))[1] AS name,
        (array_agg(c.email ORDER BY c.created_at, c.id))[1] AS email
      FROM contacts c LEFT JOIN fam f ON f.profile_id = c.profile_id
      GROUP BY 1
    ),
    touch AS (
      SELECT COALESCE(f.person_id, 'contact:' || c.id) AS person_id, min(i.occurred_at) AS first_touch_sales, max(i.occurred_at) AS last_touch_sales
      FROM interactions i JOIN contacts c ON c.id = i.contact_id LEFT JOIN fam f ON f.profile_id = c.profile_id
      WHERE i.kind::text = ANY(${touchKinds})
      GROUP BY 1
    ),
    idn AS (
      SELECT f.person_id, (array_agg(i.value ORDER BY i.last_seen_at DESC, i.value))[1] AS email
      FROM identities i JOIN fam f ON f.profile_id = i.profile_id WHERE i.type = 'email' GROUP BY 1
    ),
    people AS (
      SELECT p.id AS person_id, p.first_touch_at, p.first_channel, p.first_seen_at, p.traits
      FROM profiles p WHERE p.merged_into_id IS NULL
      UNION ALL
      SELECT 'contact:' || c.id, NULL, NULL, NULL, NULL FROM contacts c WHERE c.profile_id IS NULL
    )
    SELECT x.person_id, ev.person_id IS NOT NULL AS seen, ev.last_seen, COALESCE(x.first_touch_at, x.first_seen_at) AS first_touch_at,
      x.first_channel AS channel, ev.signed_up_at, ev.trial_at, ev.customer_at,
      idn.person_id IS NOT NULL AS has_email,
      ct.person_id IS NOT NULL AS has_contact, COALESCE(ct.owned, false) AS owned, touch.first_touch_sales, touch.last_touch_sales,
      ct.contact_id, COALESCE(NULLIF(ct.name, ''), x.traits->>'name', ct.email) AS name,
      COALESCE(ct.email, idn.email) AS email
    FROM people x LEFT JOIN ev ON ev.person_id = x.person_id LEFT JOIN ct ON ct.person_id = x.person_id LEFT JOIN touch ON touch.person_id = x.person_id
      LEFT JOIN idn ON idn.person_id = x.person_id`;
}

/** The gap conditions over personFactsSql's columns (alias `pf`), as personGaps decides them. */
function gapConditions(now: Date): Record<GapKind, Prisma.Sql> {
  const active = new Date(now.getTime() - ACTIVE_DAYS * DAY_MS);
  const trial = new Date(now.getTime() - TRIAL_ACTIVE_DAYS * DAY_MS);
  return {
    no_owner: Prisma.sql`(pf.customer_at IS NOT NULL AND NOT pf.owned)`,
    trial_no_touch: Prisma.sql`(pf.trial_at IS NOT NULL AND pf.customer_at IS NULL AND pf.trial_at > ${trial} AND pf.trial_at <= ${now}
      AND NOT COALESCE(pf.last_touch_sales >= pf.trial_at, false))`,
    lead_no_contact: Prisma.sql`(pf.seen AND NOT pf.has_contact AND (pf.signed_up_at IS NOT NULL OR pf.has_email) AND pf.last_seen > ${active} AND pf.last_seen <= ${now})`,
    never_seen: Prisma.sql`(pf.has_contact AND NOT pf.seen)`,
  };
}

export const GAP_ORDER: GapKind[] = ["no_owner", "trial_no_touch", "lead_no_contact", "never_seen"];

export interface GapRow {
  kind: GapKind;
  personId: string;
  /** Where the person's page is: /customers/{id} or /contacts/{id}. */
  href: string;
  name: string | null;
  email: string | null;
  channel: string | null;
  lastSeen: Date | null;
  /** The moment that makes it urgent: customer since, trial since, last seen, or null. */
  since: Date | null;
}

export interface GapPage {
  rows: GapRow[];
  total: number;
  counts: Record<GapKind, number>;
}

export interface GapQuery {
  kinds?: GapKind[];
  page?: number;
  size?: number;
}

async function gapsWith(q: AnalyticsQuery, settings: LifecycleSettings, now: Date, query: GapQuery): Promise<GapPage> {
  const cond = gapConditions(now);
  const kinds = query.kinds?.length ? query.kinds : GAP_ORDER;
  const size = Math.min(200, Math.max(1, query.size ?? 25));
  const page = Math.max(1, query.page ?? 1);
  const rank = Prisma.sql`CASE ${Prisma.join(
    GAP_ORDER.map((k, i) => Prisma.sql`WHEN ${Prisma.raw(`'${k}'`)} = g.kind THEN ${i}`),
    " ",
  )} END`;
  const rows = await q.$queryRaw<
    { kind: GapKind; person_id: string; contact_id: string | null; name: string | null; email: string | null; channel: string | null; last_seen: Date | null; since: Date | null; total: number }[]
  >`
    WITH pf AS MATERIALIZED (${personFactsSql(settings)}),
    g AS (
      ${Prisma.join(
        kinds.map(
          (k) => Prisma.sql`SELECT ${k}::text AS kind, pf.person_id, pf.contact_id, pf.name, pf.email, pf.channel, pf.last_seen,
            ${k === "no_owner" ? Prisma.sql`pf.customer_at` : k === "trial_no_touch" ? Prisma.sql`pf.trial_at` : k === "lead_no_contact" ? Prisma.sql`pf.last_seen` : Prisma.sql`NULL::timestamptz`} AS since
            FROM pf WHERE ${cond[k]}`,
        ),
        " UNION ALL ",
      )}
    )
    SELECT g.*, count(*) OVER ()::int AS total FROM g
    ORDER BY ${rank}, g.since DESC NULLS LAST, g.person_id
    LIMIT ${size} OFFSET ${(page - 1) * size}`;
  const counts = await q.$queryRaw<{ kind: GapKind; n: number }[]>`
    WITH pf AS MATERIALIZED (${personFactsSql(settings)})
    ${Prisma.join(
      GAP_ORDER.map((k) => Prisma.sql`SELECT ${k}::text AS kind, count(*)::int AS n FROM pf WHERE ${cond[k]}`),
      " UNION ALL ",
    )}`;
  return {
    rows: rows.map((r) => ({
      kind: r.kind,
      personId: r.person_id,
      href: r.person_id.startsWith("contact:") ? `/contacts/${r.person_id.slice("contact:".length)}` : `/customers/${r.person_id}`,
      name: r.name,
      email: r.email,
      channel: r.channel,
      lastSeen: r.last_seen,
      since: r.since,
    })),
    total: rows[0]?.total ?? (page > 1 ? -1 : 0),
    counts: Object.fromEntries(GAP_ORDER.map((k) => [k, counts.find((c) => c.kind === k)?.n ?? 0])) as Record<GapKind, number>,
  };
}

/** The gaps, most urgent kind first, paged. */
export function listGaps(settings: LifecycleSettings, now: Date, query: GapQuery = {}): Promise<GapPage> {
  return runAnalysis((q) => gapsWith(q, settings, now, query));
}

export interface Coverage {
  contacts: number;
  contactsSeen: number;
  customers: number;
  customersUnowned: number;
  activeTrials: number;
  activeTrialsUntouched: number;
}

export interface WeekActivity {
  /** Monday, YYYY-MM-DD (UTC). */
  week: string;
  interactions: number;
  events: number;
}

export interface ChannelTiming {
  channel: string;
  people: number;
  toSignUp: { median: number | null; n: number };
  toSalesTouch: { median: number | null; n: number };
  toCustomer: { median: number | null; n: number };
}

export interface JourneysOverview {
  coverage: Coverage;
  weeks: WeekActivity[];
  timings: ChannelTiming[];
}

/** Coverage, the weekly chart over (at most) the `weeks` weeks before `now`, and the timings by channel. */
export function journeysOverview(settings: LifecycleSettings, now: Date, weeks = 26): Promise<JourneysOverview> {
  return runAnalysis(async (q) => {
    const cond = gapConditions(now);
    const trial = new Date(now.getTime() - TRIAL_ACTIVE_DAYS * DAY_MS);
    const [c] = await q.$queryRaw<Coverage[]>`
      WITH pf AS MATERIALIZED (${personFactsSql(settings)})
      SELECT (SELECT count(*) FROM contacts)::int AS contacts,
        (SELECT count(*) FROM contacts c JOIN profiles p ON p.id = c.profile_id JOIN pf ON pf.person_id = COALESCE(p.merged_into_id, p.id) WHERE pf.seen)::int AS "contactsSeen",
        (count(*) FILTER (WHERE pf.customer_at IS NOT NULL))::int AS customers,
        (count(*) FILTER (WHERE ${cond.no_owner}))::int AS "customersUnowned",
        (count(*) FILTER (WHERE pf.trial_at IS NOT NULL AND pf.customer_at IS NULL AND pf.trial_at > ${trial} AND pf.trial_at <= ${now}))::int AS "activeTrials",
        (count(*) FILTER (WHERE ${cond.trial_no_touch}))::int AS "activeTrialsUntouched"
      FROM pf`;
    const start = new Date(now.getTime() - weeks * 7 * DAY_MS);
    const weekRows = await q.$queryRaw<{ week: string; interactions: number; events: number }[]>`
      WITH w AS (
        SELECT generate_series(date_trunc('week', ${start}::timestamptz AT TIME ZONE 'UTC'), date_trunc('week', ${now}::timestamptz AT TIME ZONE 'UTC'), interval '1 week') AS week
      ),
      i AS (SELECT date_trunc('week', occurred_at AT TIME ZONE 'UTC') AS week, count(*)::int AS n FROM interactions WHERE occurred_at >= ${start} AND occurred_at <= ${now} GROUP BY 1),
      e AS (
        SELECT date_trunc('week', e.timestamp AT TIME ZONE 'UTC') AS week, count(*)::int AS n
        FROM events e JOIN sources src ON src.id = e.source_id AND src.kind <> 'crm'
        WHERE e.timestamp >= ${start} AND e.timestamp <= ${now} GROUP BY 1
      )
      SELECT to_char(w.week, 'YYYY-MM-DD') AS week, COALESCE(i.n, 0) AS interactions, COALESCE(e.n, 0) AS events
      FROM w LEFT JOIN i ON i.week = w.week LEFT JOIN e ON e.week = w.week ORDER BY w.week`;
    const timings = await q.$queryRaw<
      { channel: string; people: number; su: number | null; su_n: number; st: number | null; st_n: number; cu: number | null; cu_n: number }[]
    >`
      WITH pf AS MATERIALIZED (${personFactsSql(settings)}),
      d AS (
        SELECT COALESCE(channel, 'Direct') AS channel,
          extract(epoch FROM signed_up_at - first_touch_at) / 86400 AS su,
          extract(epoch FROM first_touch_sales - first_touch_at) / 86400 AS st,
          extract(epoch FROM customer_at - first_touch_at) / 86400 AS cu
        FROM pf WHERE pf.seen AND pf.first_touch_at IS NOT NULL
      )
      SELECT channel, count(*)::int AS people,
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY su) FILTER (WHERE su IS NOT NULL))::float8 AS su, (count(su))::int AS su_n,
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY st) FILTER (WHERE st IS NOT NULL))::float8 AS st, (count(st))::int AS st_n,
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY cu) FILTER (WHERE cu IS NOT NULL))::float8 AS cu, (count(cu))::int AS cu_n
      FROM d GROUP BY channel ORDER BY people DESC, channel`;
    // Weeks before anything happened say nothing: start at the first week with activity.
    const first = weekRows.findIndex((w) => w.interactions > 0 || w.events > 0);
    return {
      coverage: c,
      weeks: first === -1 ? weekRows : weekRows.slice(first),
      timings: timings.map((t) => ({
        channel: t.channel,
        people: t.people,
        toSignUp: { median: t.su, n: t.su_n },
        toSalesTouch: { median: t.st, n: t.st_n },
        toCustomer: { median: t.cu, n: t.cu_n },
      })),
    };
  });
}
