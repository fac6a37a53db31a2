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
