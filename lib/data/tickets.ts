// Support tickets: the server-paged queue, one ticket with its conversation and history, opening,
// replying (public reply / internal note, "submit as" a status), status/priority/assignee changes,
// and the per-contact/company stats. Every change writes its field-history rows, updates the
// denormalised figures (first_response_at, resolved_at, closed_at, reopen_count) and — on opening and
// solving — the CRM-source event, all in ONE transaction. The only module that writes tickets.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { lockIdentities } from "./identity-store";
import { prismaSql } from "./sql";
import { insertCrmEvent } from "./crm-events";
import { PERMISSIONS } from "../auth/permissions";
import { displayName, likePattern } from "./contacts";
import {
  applyStatusChange,
  checkTransition,
  computeTicketMetrics,
  resolveAssignee,
  searchNumber,
  statusesOf,
  ticketOpenedEvent,
  ticketSolvedEvent,
  TRANSITION_MESSAGES,
  type CreateTicketInput,
  type ReplyTicketInput,
  type TicketMetrics,
  type TicketPriority,
  type TicketSort,
  type TicketStats,
  type TicketStatus,
  type TicketsView,
  type UpdateTicketInput,
} from "../crm/tickets";

export class TicketError extends Error {
  constructor(
    readonly code: "not_found" | "invalid_transition" | "invalid_assignee" | "closed",
    message: string,
  ) {
    super(message);
  }
}

export interface Actor {
  id: string;
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

// ── the queue ──

export interface TicketRow {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  assigneeId: string | null;
  assigneeName: string | null;
  contactId: string | null;
  contactName: string | null;
  companyId: string | null;
  companyName: string | null;
  openedAt: Date;
  firstResponseSeconds: number | null;
  resolutionSeconds: number | null;
  reopenCount: number;
}

const SORT_KEYS: Record<TicketSort, Prisma.Sql> = {
  number: Prisma.sql`t.number`,
  subject: Prisma.sql`lower(t.subject)`,
  status: Prisma.sql`t.status`,
  priority: Prisma.sql`t.priority`,
  assignee: Prisma.sql`lower(u.name)`,
  contact: Prisma.sql`lower(coalesce(nullif(concat_ws(' ', c.first_name, c.last_name), ''), c.email))`,
  company: Prisma.sql`lower(co.name)`,
  opened: Prisma.sql`t.opened_at`,
  firstResponse: Prisma.sql`(t.first_response_at - t.opened_at)`,
  resolution: Prisma.sql`(t.resolved_at - t.opened_at)`,
  reopens: Prisma.sql`t.reopen_count`,
};

function ticketWhere(view: TicketsView, userId: string): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  const statuses = statusesOf(view.status);
  if (statuses.length < 6) parts.push(Prisma.sql`t.status IN (${Prisma.join(statuses.map((s) => Prisma.sql`${s}::"TicketStatus"`))})`);
  if (view.priority) parts.push(Prisma.sql`t.priority = ${view.priority}::"TicketPriority"`);
  const a = resolveAssignee(view.assignee, userId);
  if (a.kind === "none") parts.push(Prisma.sql`t.assignee_id IS NULL`);
  else if (a.kind === "user") parts.push(Prisma.sql`t.assignee_id = ${a.id}`);
  if (view.q) {
    const n = searchNumber(view.q);
    const p = likePattern(view.q);
    parts.push(n == null ? Prisma.sql`t.subject ILIKE ${p}` : Prisma.sql`(t.number = ${n} OR t.subject ILIKE ${p})`);
  }
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

interface RawTicketRow {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  assignee_id: string | null;
  assignee_name: string | null;
  contact_id: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  company_id: string | null;
  company_name: string | null;
  opened_at: Date;
  first_response_seconds: number | null;
  resolution_seconds: number | null;
  reopen_count: number;
}

/** One page of the queue and its total: two set-based statements. */
export async function listTickets(view: TicketsView, userId: string): Promise<{ rows: TicketRow[]; total: number }> {
  const where = ticketWhere(view, userId);
  const dir = view.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  // One after another: the embedded server mixes up concurrent extended-protocol statements.
  const rows = await db().$queryRaw<RawTicketRow[]>`
    SELECT t.id, t.number, t.subject, t.status::text AS status, t.priority::text AS priority, t.assignee_id, u.name AS assignee_name,
      t.contact_id, c.first_name, c.last_name, c.email, t.company_id, co.name AS company_name, t.opened_at,
      round(extract(epoch FROM t.first_response_at - t.opened_at))::int AS first_response_seconds,
      round(extract(epoch FROM t.resolved_at - t.opened_at))::int AS resolution_seconds, t.reopen_count
    FROM tickets t
    LEFT JOIN users u ON u.id = t.assignee_id
    LEFT JOIN contacts c ON c.id = t.contact_id
    LEFT JOIN companies co ON co.id = t.company_id
    ${where}
    ORDER BY ${SORT_KEYS[view.sort]} ${dir} NULLS LAST, t.number ${dir}
    LIMIT ${view.size} OFFSET ${(view.page - 1) * view.size}`;
  const [count] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM tickets t ${where}`;
  return {
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      subject: r.subject,
      status: r.status,
      priority: r.priority,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      contactId: r.contact_id,
      contactName: r.contact_id ? displayName(r.first_name, r.last_name, r.email) : null,
      companyId: r.company_id,
      companyName: r.company_name,
      openedAt: r.opened_at,
      firstResponseSeconds: r.first_response_seconds,
      resolutionSeconds: r.resolution_seconds,
      reopenCount: r.reopen_count,
    })),
    total: count?.n ?? 0,
  };
}

// ── one ticket ──

export interface TicketComment {
  id: string;
  body: string;
  public: boolean;
  createdAt: Date;
  authorId: string | null;
  authorName: string | null;
}

export interface TicketHistoryEntry {
  id: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  changedAt: Date;
  changedBy: string | null;
}

export interface TicketDetail {
  id: string;
  number: number;
  subject: string;
  description: string | null;
  status: TicketStatus;
  priority: TicketPriority;
  contact: { id: string; name: string; email: string | null } | null;
  company: { id: string; name: string } | null;
  assignee: { id: string; name: string } | null;
  openedAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
  firstResponseSeconds: number | null;
  resolutionSeconds: number | null;
  comments: TicketComment[];
  history: TicketHistoryEntry[];
}

const secondsBetween = (a: Date, b: Date | null) => (b ? Math.max(0, Math.round((b.getTime() - a.getTime()) / 1000)) : null);

export async function getTicket(id: string): Promise<TicketDetail | null> {
  const t = await db().ticket.findUnique({
    where: { id },
    include: {
      contact: { select: { id: true, firstName: true, lastName: true, email: true } },
      company: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      comments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { author: { select: { name: true } } } },
    },
  });
  if (!t) return null;
  const history = await db().fieldHistory.findMany({
    where: { entity: "ticket", entityId: id },
    orderBy: [{ changedAt: "desc" }, { id: "desc" }],
    select: { id: true, field: true, oldValue: true, newValue: true, changedAt: true, changedBy: { select: { name: true } } },
  });
  // Assignee history stores user ids; show names.
  const userIds = [...new Set(history.filter((h) => h.field === "assignee").flatMap((h) => [h.oldValue, h.newValue]).filter((v): v is string => !!v))];
  const names = new Map((userIds.length ? await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]));
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    description: t.description,
    status: t.status,
    priority: t.priority,
    contact: t.contact ? { id: t.contact.id, name: displayName(t.contact.firstName, t.contact.lastName, t.contact.email), email: t.contact.email } : null,
    company: t.company,
    assignee: t.assignee,
    openedAt: t.openedAt,
    firstResponseAt: t.firstResponseAt,
    resolvedAt: t.resolvedAt,
    closedAt: t.closedAt,
    reopenCount: t.reopenCount,
    firstResponseSeconds: secondsBetween(t.openedAt, t.firstResponseAt),
    resolutionSeconds: secondsBetween(t.openedAt, t.resolvedAt),
    comments: t.comments.map((c) => ({ id: c.id, body: c.body, public: c.public, createdAt: c.createdAt, authorId: c.authorId, authorName: c.author?.name ?? null })),
    history: history.map((h) => ({
      id: h.id,
      field: h.field,
      oldValue: h.field === "assignee" && h.oldValue ? (names.get(h.oldValue) ?? h.oldValue) : h.oldValue,
      newValue: h.field === "assignee" && h.newValue ? (names.get(h.newValue) ?? h.newValue) : h.newValue,
      changedAt: h.changedAt,
      changedBy: h.changedBy?.name ?? null,
    })),
  };
}

/** The figures recomputed from the stored comments and status history (checks the denormalised columns). */
export async function recomputeTicketMetrics(id: string): Promise<TicketMetrics | null> {
  const t = await db().ticket.findUnique({ where: { id }, select: { openedAt: true, comments: { select: { createdAt: true, public: true, authorId: true } } } });
  if (!t) return null;
  const changes = await db().fieldHistory.findMany({ where: { entity: "ticket", entityId: id, field: "status" }, select: { oldValue: true, newValue: true, changedAt: true } });
  return computeTicketMetrics({
    openedAt: t.openedAt,
    comments: t.comments.map((c) => ({ at: c.createdAt, public: c.public, authorId: c.authorId })),
    statusChanges: changes.map((h) => ({ at: h.changedAt, from: (h.oldValue as TicketStatus | null) ?? null, to: h.newValue as TicketStatus })),
  });
}

// ── writes ──

async function assertAssignable(tx: Tx, userId: string): Promise<void> {
  const u = await tx.user.findUnique({ where: { id: userId }, select: { role: true, disabled: true } });
  if (!u || u.disabled || !(PERMISSIONS["tickets:write"] as readonly string[]).includes(u.role)) {
    throw new TicketError("invalid_assignee", "Tickets can only be assigned to an active admin or customer-success user.");
  }
}

const history = (ticketId: string, field: string, oldValue: string | null, newValue: string | null, actor: Actor, now: Date) => ({
  entity: "ticket",
  entityId: ticketId,
  field,
  oldValue,
  newValue,
  changedById: actor.id,
  changedAt: now,
});

/** Opens a ticket for a contact (status new) with its history row and "Ticket Opened" event. */
export async function createTicket(input: CreateTicketInput, actor: Actor, now = new Date()): Promise<{ id: string; number: number }> {
  return db().$transaction(async (tx) => {
    // Before any row lock: this transaction logs a CRM event, which resolves identities.
    await lockIdentities(prismaSql(tx));
    const contact = await tx.contact.findUnique({ where: { id: input.contactId }, select: { id: true, email: true, companyId: true } });
    if (!contact) throw new TicketError("not_found", "That contact does not exist (it may have been deleted).");
    if (input.assigneeId) await assertAssignable(tx, input.assigneeId);
    const t = await tx.ticket.create({
      data: {
        subject: input.subject.trim(),
        description: input.description?.trim() ? input.description : null,
        priority: input.priority,
        status: "new",
        contactId: contact.id,
        companyId: contact.companyId,
        assigneeId: input.assigneeId || null,
        openedAt: now,
      },
      select: { id: true, number: true, subject: true, priority: true },
    });
    await tx.fieldHistory.createMany({
      data: [history(t.id, "status", null, "new", actor, now), ...(input.assigneeId ? [history(t.id, "assignee", null, input.assigneeId, actor, now)] : [])],
    });
    await insertCrmEvent(tx, ticketOpenedEvent({ ...t, contactId: contact.id, contactEmail: contact.email }, now));
    return { id: t.id, number: t.number };
  });
}

async function lockTicket(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM tickets WHERE id = ${id} FOR UPDATE`;
  const t = await tx.ticket.findUnique({
    where: { id },
    select: {
      id: true,
      number: true,
      subject: true,
      status: true,
      priority: true,
      assigneeId: true,
      openedAt: true,
      firstResponseAt: true,
      resolvedAt: true,
      closedAt: true,
      reopenCount: true,
      contactId: true,
      contact: { select: { email: true } },
    },
  });
  if (!t) throw new TicketError("not_found", "That ticket does not exist.");
  return t;
}

type Locked = Awaited<ReturnType<typeof lockTicket>>;

/** A status change inside a transaction: the rules, the figures, the history row and (on solve) the event. */
async function changeStatus(tx: Tx, t: Locked, to: TicketStatus, actor: Actor, now: Date): Promise<Prisma.TicketUpdateInput> {
  const err = checkTransition(t.status, to);
  if (err) throw new TicketError("invalid_transition", TRANSITION_MESSAGES[err]);
  const next = applyStatusChange({ status: t.status, resolvedAt: t.resolvedAt, closedAt: t.closedAt, reopenCount: t.reopenCount }, to, now);
  await tx.fieldHistory.create({ data: history(t.id, "status", t.status, to, actor, now) });
  if (to === "solved") {
    await insertCrmEvent(
      tx,
      ticketSolvedEvent({ id: t.id, number: t.number, subject: t.subject, priority: t.priority, contactId: t.contactId, contactEmail: t.contact?.email ?? null, openedAt: t.openedAt, reopenCount: next.reopenCount }, now),
    );
  }
  return { status: next.status, resolvedAt: next.resolvedAt, closedAt: next.closedAt, reopenCount: next.reopenCount };
}

/** Changes status, priority and/or assignee; each change is a history row. */
export async function updateTicket(input: UpdateTicketInput, actor: Actor, now = new Date()): Promise<{ id: string; contactId: string | null; changed: string[] }> {
  return db().$transaction(async (tx) => {
    // Before any row lock: this transaction logs a CRM event, which resolves identities.
    await lockIdentities(prismaSql(tx));
    const t = await lockTicket(tx, input.ticketId);
    const data: Prisma.TicketUpdateInput = {};
    const changed: string[] = [];
    if (t.status === "closed" && (input.priority !== undefined || input.assigneeId !== undefined || input.status !== undefined)) {
      const anyChange = (input.status !== undefined && input.status !== t.status) || (input.priority !== undefined && input.priority !== t.priority) || (input.assigneeId !== undefined && (input.assigneeId || null) !== t.assigneeId);
      if (anyChange) throw new TicketError("closed", TRANSITION_MESSAGES.closed_is_terminal);
    }
    if (input.priority !== undefined && input.priority !== t.priority) {
      data.priority = input.priority;
      changed.push("priority");
      await tx.fieldHistory.create({ data: history(t.id, "priority", t.priority, input.priority, actor, now) });
    }
    if (input.assigneeId !== undefined && (input.assigneeId || null) !== t.assigneeId) {
      const to = input.assigneeId || null;
      if (to) await assertAssignable(tx, to);
      data.assignee = to ? { connect: { id: to } } : { disconnect: true };
      changed.push("assignee");
      await tx.fieldHistory.create({ data: history(t.id, "assignee", t.assigneeId, to, actor, now) });
    }
    if (input.status !== undefined && input.status !== t.status) {
      Object.assign(data, await changeStatus(tx, { ...t, priority: input.priority ?? t.priority }, input.status, actor, now));
      changed.push("status");
    }
    if (changed.length) await tx.ticket.update({ where: { id: t.id }, data });
    return { id: t.id, contactId: t.contactId, changed };
  });
}

/** Adds a public reply or an internal note, optionally "submitted as" a new status. */
export async function replyToTicket(input: ReplyTicketInput, actor: Actor, now = new Date()): Promise<{ id: string; contactId: string | null; commentId: string }> {
  return db().$transaction(async (tx) => {
    // Before any row lock: this transaction logs a CRM event, which resolves identities.
    await lockIdentities(prismaSql(tx));
    const t = await lockTicket(tx, input.ticketId);
    if (t.status === "closed") throw new TicketError("closed", "A closed ticket takes no more replies; open a follow-up ticket instead.");
    const c = await tx.ticketComment.create({ data: { ticketId: t.id, authorId: actor.id, body: input.body, public: input.public, createdAt: now }, select: { id: true } });
    await tx.fieldHistory.create({ data: history(t.id, input.public ? "public_reply" : "internal_note", null, c.id, actor, now) });
    const data: Prisma.TicketUpdateInput = {};
    if (input.public && !t.firstResponseAt && now >= t.openedAt) data.firstResponseAt = now;
    if (input.status && input.status !== t.status) Object.assign(data, await changeStatus(tx, t, input.status, actor, now));
    await tx.ticket.update({ where: { id: t.id }, data });
    return { id: t.id, contactId: t.contactId, commentId: c.id };
  });
}

// ── stats and options ──

interface StatsRow {
  ticket_count: number;
  open_count: number;
  median_seconds: number | null;
}

/** Ticket count, open tickets and median resolution time of a contact's or a company's tickets: one query. */
export async function ticketStatsFor(scope: { contactId: string } | { companyId: string }): Promise<TicketStats> {
  const where = "contactId" in scope ? Prisma.sql`contact_id = ${scope.contactId}` : Prisma.sql`company_id = ${scope.companyId}`;
  const [r] = await db().$queryRaw<StatsRow[]>`
    SELECT count(*)::int AS ticket_count,
      (count(*) FILTER (WHERE status IN ('new', 'open', 'pending', 'on_hold')))::int AS open_count,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at)) FILTER (WHERE resolved_at IS NOT NULL))::float8 AS median_seconds
    FROM tickets WHERE ${where}`;
  return {
    ticketCount: r?.ticket_count ?? 0,
    openCount: r?.open_count ?? 0,
    medianResolutionHours: r?.median_seconds == null ? null : r.median_seconds / 3600,
  };
}

/** Who tickets can be assigned to: active admin and customer-success users. */
export function listAssigneeOptions(): Promise<{ id: string; name: string; email: string }[]> {
  return db().user.findMany({
    where: { disabled: false, role: { in: [...PERMISSIONS["tickets:write"]] } },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}

/** Contacts matching a search (the new-ticket form's requester picker). */
export async function findContactOptions(q: string, limit = 10): Promise<{ id: string; name: string; email: string | null }[]> {
  const p = likePattern(q);
  const rows = await db().$queryRaw<{ id: string; first_name: string | null; last_name: string | null; email: string | null }[]>`
    SELECT id, first_name, last_name, email FROM contacts
    WHERE email ILIKE ${p} OR concat_ws(' ', first_name, last_name) ILIKE ${p}
    ORDER BY lower(concat_ws(' ', first_name, last_name, email)), id
    LIMIT ${limit}`;
  return rows.map((r) => ({ id: r.id, name: displayName(r.first_name, r.last_name, r.email), email: r.email }));
}

/** A contact's name for the new-ticket form when opened from a contact (?contact=id). */
export async function getContactOption(id: string): Promise<{ id: string; name: string; email: string | null } | null> {
  const c = await db().contact.findUnique({ where: { id }, select: { id: true, firstName: true, lastName: true, email: true } });
  return c ? { id: c.id, name: displayName(c.firstName, c.lastName, c.email), email: c.email } : null;
}
