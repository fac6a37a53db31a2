// The contact's CRM reads: the header (with stage dates), open tickets and tasks, and the relationship
// timeline — one set-based UNION ALL of
// interactions, tickets (opened/solved) and tasks (created/completed), keyset-paginated by
// (occurred_at desc, key desc) with each branch limited on its own index before the merge.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { TIMELINE_KINDS, type TimelineFilters, type TimelineItem, type TimelineKind, type TimelinePage, type TimelineVerb } from "../crm/timeline";
import { decodeCursor, encodeCursor } from "../crm/timeline-cursor";

export const TIMELINE_PAGE_SIZE = 25;

export interface ContactHeader {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  company: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
  lifecycleStage: string;
  stages: { stage: string; enteredAt: Date }[];
  profileId: string | null;
  lastInteractionAt: Date | null;
}

export function contactDisplayName(c: { firstName: string | null; lastName: string | null; email: string | null }): string {
  return [c.firstName, c.lastName].filter(Boolean).join(" ") || c.email || "Unnamed contact";
}

export async function getContactHeader(id: string): Promise<ContactHeader | null> {
  const c = await db().contact.findUnique({
    where: { id },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      email: true,
      phone: true,
      jobTitle: true,
      lifecycleStage: true,
      profileId: true,
      lastInteractionAt: true,
      company: { select: { id: true, name: true } },
      owner: { select: { id: true, name: true } },
      stageHistory: { select: { stage: true, enteredAt: true }, orderBy: { enteredAt: "asc" } },
    },
  });
  if (!c) return null;
  return {
    id: c.id,
    name: contactDisplayName(c),
    email: c.email,
    phone: c.phone,
    jobTitle: c.jobTitle,
    company: c.company,
    owner: c.owner,
    lifecycleStage: c.lifecycleStage,
    stages: c.stageHistory,
    profileId: c.profileId,
    lastInteractionAt: c.lastInteractionAt,
  };
}

export interface ContactSidePanel {
  openTickets: number;
  openTasks: number;
}

export async function getContactSidePanel(id: string): Promise<ContactSidePanel> {
  const [row] = await db().$queryRaw<ContactSidePanel[]>`
    SELECT
      (SELECT count(*)::int FROM tickets WHERE contact_id = ${id} AND status IN ('new', 'open', 'pending', 'on_hold')) AS "openTickets",
      (SELECT count(*)::int FROM tasks WHERE contact_id = ${id} AND completed_at IS NULL) AS "openTasks"`;
  return row;
}

interface TimelineRow {
  key: string;
  kind: string;
  verb: string | null;
  ref_id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  title: string | null;
  body: string | null;
  outcome: string | null;
  duration_seconds: number | null;
  pinned: boolean;
  number: number | null;
  due_at: Date | null;
}

function toItem(r: TimelineRow): TimelineItem {
  return {
    key: r.key,
    kind: r.kind as TimelineKind,
    verb: r.verb as TimelineVerb,
    refId: r.ref_id,
    occurredAt: r.occurred_at.toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    title: r.title,
    body: r.body,
    outcome: r.outcome,
    durationSeconds: r.duration_seconds,
    pinned: r.pinned,
    number: r.number,
    dueAt: r.due_at ? r.due_at.toISOString() : null,
  };
}

interface Branch {
  kind: TimelineKind | "interaction";
  time: Prisma.Sql;
  key: Prisma.Sql;
  actor: Prisma.Sql;
  select: Prisma.Sql;
  from: Prisma.Sql;
}

const BRANCHES: Branch[] = [
  {
    kind: "interaction",
    time: Prisma.sql`i.occurred_at`,
    key: Prisma.sql`('interaction:' || i.id)`,
    actor: Prisma.sql`i.author_id`,
    select: Prisma.sql`i.kind::text AS kind, NULL::text AS verb, i.id AS ref_id, i.subject AS title, i.body, i.outcome::text AS outcome,
      i.duration_seconds, i.pinned, NULL::int AS number, NULL::timestamptz AS due_at`,
    from: Prisma.sql`FROM interactions i WHERE i.contact_id = `,
  },
  {
    kind: "ticket",
    time: Prisma.sql`t.opened_at`,
    key: Prisma.sql`('ticket-opened:' || t.id)`,
    actor: Prisma.sql`t.assignee_id`,
    select: Prisma.sql`'ticket'::text AS kind, 'opened'::text AS verb, t.id AS ref_id, t.subject AS title, t.description AS body, NULL::text AS outcome,
      NULL::int AS duration_seconds, false AS pinned, t.number AS number, NULL::timestamptz AS due_at`,
    from: Prisma.sql`FROM tickets t WHERE t.contact_id = `,
  },
  {
    kind: "ticket",
    time: Prisma.sql`t.resolved_at`,
    key: Prisma.sql`('ticket-solved:' || t.id)`,
    actor: Prisma.sql`t.assignee_id`,
    select: Prisma.sql`'ticket'::text AS kind, 'solved'::text AS verb, t.id AS ref_id, t.subject AS title, NULL::text AS body, NULL::text AS outcome,
      NULL::int AS duration_seconds, false AS pinned, t.number AS number, NULL::timestamptz AS due_at`,
    from: Prisma.sql`FROM tickets t WHERE t.resolved_at IS NOT NULL AND t.contact_id = `,
  },
  {
    kind: "task",
    time: Prisma.sql`k.created_at`,
    key: Prisma.sql`('task-created:' || k.id)`,
    actor: Prisma.sql`k.created_by_id`,
    select: Prisma.sql`'task'::text AS kind, 'created'::text AS verb, k.id AS ref_id, k.title AS title, k.notes AS body, NULL::text AS outcome,
      NULL::int AS duration_seconds, false AS pinned, NULL::int AS number, k.due_at AS due_at`,
    from: Prisma.sql`FROM tasks k WHERE k.contact_id = `,
  },
  {
    kind: "task",
    time: Prisma.sql`k.completed_at`,
    key: Prisma.sql`('task-completed:' || k.id)`,
    actor: Prisma.sql`k.assignee_id`,
    select: Prisma.sql`'task'::text AS kind, 'completed'::text AS verb, k.id AS ref_id, k.title AS title, NULL::text AS body, NULL::text AS outcome,
      NULL::int AS duration_seconds, false AS pinned, NULL::int AS number, k.due_at AS due_at`,
    from: Prisma.sql`FROM tasks k WHERE k.completed_at IS NOT NULL AND k.contact_id = `,
  },
];

const INTERACTION_TIMELINE_KINDS = TIMELINE_KINDS.filter((k) => k !== "ticket" && k !== "task");

/** Where a CRM read starts: strictly after (at, key) in timeline order, or (keyInclusive false and
 *  key null) strictly before the instant `at` — what a merged stream needs when its cursor is a CDP item. */
export interface CrmAfter {
  at: Date;
  /** null: skip every item at `at` (they came earlier in the merged order). */
  key: string | null;
}

/**
 * Timeline items of one or more contacts, newest first (occurred_at desc, key desc), at most `limit`,
 * each branch limited on its own index before the merge. `range`: occurred_at in [from, to).
 */
export async function crmTimelineItems(
  contactIds: string[],
  filters: TimelineFilters,
  after: CrmAfter | null,
  limit: number,
  range: { from?: Date; to?: Date } = {},
): Promise<TimelineItem[]> {
  if (!contactIds.length) return [];
  const kinds = filters.kinds?.length ? new Set(filters.kinds) : null;
  const ids = Prisma.sql`ANY(${contactIds}::text[])`;
  const parts: Prisma.Sql[] = [];
  for (const b of BRANCHES) {
    let kindCond = Prisma.empty;
    if (b.kind === "interaction") {
      if (kinds) {
        const wanted = INTERACTION_TIMELINE_KINDS.filter((k) => kinds.has(k));
        if (!wanted.length) continue;
        kindCond = Prisma.sql`AND i.kind::text IN (${Prisma.join(wanted)})`;
      }
    } else if (kinds && !kinds.has(b.kind)) continue;
    const authorCond = filters.authorId ? Prisma.sql`AND ${b.actor} = ${filters.authorId}` : Prisma.empty;
    const keyset = !after
      ? Prisma.empty
      : after.key === null
        ? Prisma.sql`AND ${b.time} < ${after.at}`
        : Prisma.sql`AND (${b.time} < ${after.at} OR (${b.time} = ${after.at} AND ${b.key} COLLATE "C" < ${after.key}))`;
    const fromCond = range.from ? Prisma.sql`AND ${b.time} >= ${range.from}` : Prisma.empty;
    const toCond = range.to ? Prisma.sql`AND ${b.time} < ${range.to}` : Prisma.empty;
    parts.push(Prisma.sql`(SELECT ${b.key} AS key, ${b.time} AS occurred_at, ${b.actor} AS actor_id, ${b.select}
      ${b.from}${ids} ${kindCond} ${authorCond} ${keyset} ${fromCond} ${toCond}
      ORDER BY ${b.time} DESC, ${b.key} COLLATE "C" DESC
      LIMIT ${limit})`);
  }
  if (!parts.length) return [];
  const rows = await db().$queryRaw<TimelineRow[]>`
    SELECT x.*, u.name AS actor_name
    FROM (${Prisma.join(parts, " UNION ALL ")}) x
    LEFT JOIN users u ON u.id = x.actor_id
    ORDER BY x.occurred_at DESC, x.key COLLATE "C" DESC
    LIMIT ${limit}`;
  return rows.map(toItem);
}

/**
 * One page of a contact's timeline, newest first. `cursor` is the opaque value of a previous page's
 * `nextCursor`; an unreadable cursor starts from the top.
 */
export async function contactTimeline(
  contactId: string,
  filters: TimelineFilters = {},
  cursor: string | null = null,
  limit = TIMELINE_PAGE_SIZE,
): Promise<TimelinePage> {
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await crmTimelineItems([contactId], filters, after ? { at: new Date(after.occurredAt), key: after.key } : null, limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ occurredAt: last.occurredAt, key: last.key }) : null };
}

/** The contact's pinned notes, newest first (shown above the timeline). */
export async function pinnedNotes(contactId: string): Promise<TimelineItem[]> {
  const rows = await db().$queryRaw<TimelineRow[]>`
    SELECT 'interaction:' || i.id AS key, i.kind::text AS kind, NULL::text AS verb, i.id AS ref_id, i.occurred_at, i.author_id AS actor_id,
      u.name AS actor_name, i.subject AS title, i.body, i.outcome::text AS outcome, i.duration_seconds, i.pinned, NULL::int AS number,
      NULL::timestamptz AS due_at
    FROM interactions i LEFT JOIN users u ON u.id = i.author_id
    WHERE i.contact_id = ${contactId} AND i.pinned
    ORDER BY i.occurred_at DESC, i.id DESC
    LIMIT 20`;
  return rows.map(toItem);
}

/** Everyone who appears on the contact's timeline (the author filter's choices). */
export async function timelineAuthors(contactId: string): Promise<{ id: string; name: string }[]> {
  return db().$queryRaw<{ id: string; name: string }[]>`
    SELECT u.id, u.name FROM users u
    WHERE u.id IN (
      SELECT author_id FROM interactions WHERE contact_id = ${contactId}
      UNION SELECT assignee_id FROM tickets WHERE contact_id = ${contactId}
      UNION SELECT created_by_id FROM tasks WHERE contact_id = ${contactId}
      UNION SELECT assignee_id FROM tasks WHERE contact_id = ${contactId} AND completed_at IS NOT NULL)
    ORDER BY u.name`;
}
