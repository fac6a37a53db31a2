// Counts and small summaries the dashboard areas show before their full views exist.
import { db } from "../db/prisma";

export interface RecordCounts {
  contacts: number;
  companies: number;
  tickets: number;
  openTickets: number;
  interactions: number;
  profiles: number;
  events: number;
  sources: number;
}

export async function countRecords(): Promise<RecordCounts> {
  const [row] = await db().$queryRaw<RecordCounts[]>`
    SELECT
      (SELECT count(*) FROM contacts)::int AS contacts,
      (SELECT count(*) FROM companies)::int AS companies,
      (SELECT count(*) FROM tickets)::int AS tickets,
      (SELECT count(*) FROM tickets WHERE status IN ('new', 'open', 'pending', 'on_hold'))::int AS "openTickets",
      (SELECT count(*) FROM interactions)::int AS interactions,
      (SELECT count(*) FROM profiles WHERE merged_into_id IS NULL)::int AS profiles,
      (SELECT count(*) FROM events)::int AS events,
      (SELECT count(*) FROM sources)::int AS sources`;
  return row!;
}

export interface MonthlyMoney {
  month: string; // YYYY-MM
  spend: number;
  revenue: number;
  newCustomers: number;
}

/**
 * Spend (marketing_spend), revenue (sum of `revenue` on track events) and first-time payers per
 * calendar month (UTC), oldest first, for months with any of them.
 */
export async function monthlySpendAndRevenue(): Promise<MonthlyMoney[]> {
  return db().$queryRaw<MonthlyMoney[]>`
    WITH spend AS (
      SELECT to_char(month, 'YYYY-MM') AS month, sum(amount)::float8 AS spend
      FROM marketing_spend GROUP BY 1
    ),
    paid AS (
      SELECT coalesce(profile_id, user_id, anonymous_id) AS who, timestamp,
             (properties->>'revenue')::numeric AS revenue
      FROM events
      WHERE type = 'track' AND jsonb_typeof(properties->'revenue') = 'number'
    ),
    revenue AS (
      SELECT to_char(date_trunc('month', timestamp AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
             sum(revenue)::float8 AS revenue
      FROM paid GROUP BY 1
    ),
    firsts AS (
      SELECT to_char(date_trunc('month', min(timestamp) AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, who
      FROM paid WHERE revenue > 0 GROUP BY who
    ),
    customers AS (SELECT month, count(*)::int AS new_customers FROM firsts GROUP BY 1)
    SELECT m.month,
           coalesce(s.spend, 0) AS spend,
           coalesce(r.revenue, 0) AS revenue,
           coalesce(c.new_customers, 0) AS "newCustomers"
    FROM (SELECT month FROM spend UNION SELECT month FROM revenue UNION SELECT month FROM customers) m
    LEFT JOIN spend s USING (month)
    LEFT JOIN revenue r USING (month)
    LEFT JOIN customers c USING (month)
    ORDER BY m.month`;
}
