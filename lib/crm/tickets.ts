// Support tickets: the status rules (Zendesk-style: closed is terminal, only solved closes, reopening
// counts), the figures computed from a ticket's history (first response, full resolution, reopens),
// medians and per-contact/company stats, the ticket list's view in the URL, the inputs of the ticket
// actions and the CRM events a ticket writes. Pure: the clock and ids are passed in.
import { z } from "zod";
import { CRM_SOURCE_ID, contactAnonymousId, type CrmEventRow } from "./crm-events";

export const TICKET_STATUSES = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const UNSOLVED_STATUSES = ["new", "open", "pending", "on_hold"] as const satisfies readonly TicketStatus[];

export const STATUS_LABELS: Record<TicketStatus, string> = {
  new: "New",
  open: "Open",
  pending: "Pending",
  on_hold: "On hold",
  solved: "Solved",
  closed: "Closed",
};
export const PRIORITY_LABELS: Record<TicketPriority, string> = { low: "Low", normal: "Normal", high: "High", urgent: "Urgent" };

export const isUnsolved = (s: TicketStatus) => (UNSOLVED_STATUSES as readonly TicketStatus[]).includes(s);

// ── status rules ──

export type TransitionError = "same_status" | "closed_is_terminal" | "close_needs_solved";

/** Whether a ticket may go from one status to another, and why not. */
export function checkTransition(from: TicketStatus, to: TicketStatus): TransitionError | null {
  if (from === to) return "same_status";
  if (from === "closed") return "closed_is_terminal";
  if (to === "closed" && from !== "solved") return "close_needs_solved";
  return null;
}

export const TRANSITION_MESSAGES: Record<TransitionError, string> = {
  same_status: "The ticket already has that status.",
  closed_is_terminal: "A closed ticket cannot change; open a new ticket instead.",
  close_needs_solved: "Only a solved ticket can be closed: solve it first.",
};

/** The denormalised figures kept on the ticket row. */
export interface TicketState {
  status: TicketStatus;
  resolvedAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
}

/** The state after a status change at `now` (call checkTransition first). */
export function applyStatusChange(state: TicketState, to: TicketStatus, now: Date): TicketState {
  if (to === "solved") return { ...state, status: to, resolvedAt: now };
  if (to === "closed") return { ...state, status: to, closedAt: now };
  if (state.status === "solved") return { ...state, status: to, resolvedAt: null, reopenCount: state.reopenCount + 1 };
  return { ...state, status: to };
}

/** Whether solving this change counts as a reopen (solved → an unsolved status). */
export const isReopen = (from: TicketStatus, to: TicketStatus) => from === "solved" && isUnsolved(to);

// ── figures from the history ──

export interface CommentFact {
  at: Date;
  public: boolean;
  /** Null for the customer (the requester); staff replies have an author. */
  authorId: string | null;
}

export interface StatusChangeFact {
  at: Date;
  from: TicketStatus | null;
  to: TicketStatus;
}

export interface TicketMetrics {
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
  firstResponseSeconds: number | null;
  resolutionSeconds: number | null;
}

const seconds = (from: Date, to: Date | null) => (to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : null);

/**
 * A ticket's figures from its history: first response = the first public reply by staff at or after
 * opening; resolution = the last transition to solved, if the ticket is (still) solved or closed (a
 * reopened ticket counts to its final solve — Zendesk's full resolution); reopens = solved → unsolved.
 */
export function computeTicketMetrics(input: { openedAt: Date; comments: CommentFact[]; statusChanges: StatusChangeFact[] }): TicketMetrics {
  const { openedAt } = input;
  let firstResponseAt: Date | null = null;
  for (const c of input.comments) {
    if (!c.public || !c.authorId || c.at < openedAt) continue;
    if (!firstResponseAt || c.at < firstResponseAt) firstResponseAt = c.at;
  }
  const changes = [...input.statusChanges].sort((a, b) => a.at.getTime() - b.at.getTime());
  let resolvedAt: Date | null = null;
  let closedAt: Date | null = null;
  let reopenCount = 0;
  for (const ch of changes) {
    if (ch.to === "solved") resolvedAt = ch.at;
    else if (ch.to === "closed") closedAt = ch.at;
    else {
      if (ch.from === "solved") reopenCount++;
      resolvedAt = null;
    }
  }
  return {
    firstResponseAt,
    resolvedAt,
    closedAt,
    reopenCount,
    firstResponseSeconds: seconds(openedAt, firstResponseAt),
    resolutionSeconds: seconds(openedAt, resolvedAt),
  };
}

/** The median of a list (mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface TicketStats {
  ticketCount: number;
  openCount: number;
  /** Median hours from opening to (final) resolution over resolved tickets; null when none is resolved. */
  medianResolutionHours: number | null;
}

/** Stats of one contact's or company's tickets (the reference for the SQL in lib/data/tickets.ts). */
export function ticketStats(tickets: readonly { status: TicketStatus; openedAt: Date; resolvedAt: Date | null }[]): TicketStats {
  const hours = tickets.filter((t) => t.resolvedAt).map((t) => (t.resolvedAt!.getTime() - t.openedAt.getTime()) / 3_600_000);
  return { ticketCount: tickets.length, openCount: tickets.filter((t) => isUnsolved(t.status)).length, medianResolutionHours: median(hours) };
}

/** "45 min", "3.5 h", "2.1 d" — or "—". */
export function formatDuration(secondsValue: number | null | undefined): string {
  if (secondsValue == null) return "—";
  const m = secondsValue / 60;
  if (m < 60) return `${Math.max(0, Math.round(m))} min`;
  const h = m / 60;
  if (h < 48) return `${Math.round(h * 10) / 10} h`;
  return `${Math.round((h / 24) * 10) / 10} d`;
}

export const formatHours = (hours: number | null) => (hours == null ? "—" : formatDuration(hours * 3600));

// ── CRM events ──

export const ticketOpenedMessageId = (ticketId: string) => `crm-ticket-opened-${ticketId}`;
/** One per solve: a reopened ticket solved again is a new event. */
export const ticketSolvedMessageId = (ticketId: string, reopenCount: number) => `crm-ticket-solved-${ticketId}-${reopenCount}`;

export interface TicketForEvent {
  id: string;
  number: number;
  subject: string;
  priority: TicketPriority;
  contactId: string | null;
  contactEmail: string | null;
}

function ticketEvent(t: TicketForEvent, event: string, messageId: string, properties: Record<string, unknown>, at: Date, receivedAt: Date): CrmEventRow {
  const traits: Record<string, unknown> = t.contactEmail ? { email: t.contactEmail } : {};
  return {
    sourceId: CRM_SOURCE_ID,
    messageId,
    type: "track",
    event,
    userId: null,
    anonymousId: t.contactId ? contactAnonymousId(t.contactId) : `crm-ticket-${t.id}`,
    properties: { ticket_id: t.id, number: t.number, priority: t.priority, ...properties },
    traits,
    context: { traits, library: { name: "tandem-crm" } },
    channel: null,
    timestamp: at,
    receivedAt,
  };
}

export function ticketOpenedEvent(t: TicketForEvent, at: Date, receivedAt = at): CrmEventRow {
  return ticketEvent(t, "Ticket Opened", ticketOpenedMessageId(t.id), { subject: t.subject }, at, receivedAt);
}

export function ticketSolvedEvent(t: TicketForEvent & { openedAt: Date; reopenCount: number }, at: Date, receivedAt = at): CrmEventRow {
  return ticketEvent(t, "Ticket Solved", ticketSolvedMessageId(t.id, t.reopenCount), { resolution_seconds: seconds(t.openedAt, at), reopen_count: t.reopenCount }, at, receivedAt);
}

// ── inputs of the ticket actions ──

const uuidish = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid id.");

export const createTicketInput = z.object({
  contactId: uuidish,
  subject: z.string().trim().min(1, "Give the ticket a subject.").max(200),
  description: z.string().max(20_000).optional(),
  priority: z.enum(TICKET_PRIORITIES).default("normal"),
  assigneeId: z.union([uuidish, z.literal("")]).optional(),
});
export type CreateTicketInput = z.infer<typeof createTicketInput>;

export const replyTicketInput = z.object({
  ticketId: uuidish,
  body: z.string().max(20_000).refine((s) => s.trim().length > 0, "Write a reply first."),
  public: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
  /** "Submit as": the status to leave the ticket in (empty: unchanged). */
  status: z.union([z.enum(TICKET_STATUSES), z.literal("")]).optional(),
});
export type ReplyTicketInput = z.infer<typeof replyTicketInput>;

export const updateTicketInput = z.object({
  ticketId: uuidish,
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  /** A user id, or "" to unassign. */
  assigneeId: z.union([uuidish, z.literal("")]).optional(),
});
export type UpdateTicketInput = z.infer<typeof updateTicketInput>;

export const findContactsInput = z.object({ q: z.string().trim().min(1).max(200) });

/** The status a reply is submitted as by default (Zendesk: a new ticket becomes open when answered). */
export function defaultSubmitStatus(current: TicketStatus): TicketStatus {
  return current === "new" ? "open" : current;
}

// ── the ticket list's view ──

export const TICKET_PAGE_SIZES = [25, 50, 100] as const;
export const TICKET_COLUMNS = ["number", "subject", "status", "priority", "assignee", "contact", "company", "opened", "firstResponse", "resolution", "reopens"] as const;
export type TicketColumn = (typeof TICKET_COLUMNS)[number];
export const TICKET_SORTS = ["number", "subject", "status", "priority", "assignee", "contact", "company", "opened", "firstResponse", "resolution", "reopens"] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];
export const TICKET_COLUMN_LABELS: Record<TicketColumn, string> = {
  number: "#",
  subject: "Subject",
  status: "Status",
  priority: "Priority",
  assignee: "Assignee",
  contact: "Requester",
  company: "Company",
  opened: "Opened",
  firstResponse: "First response",
  resolution: "Resolution",
  reopens: "Reopens",
};
/** The status filter: "unsolved" (default), "all", or one status. */
export const STATUS_FILTERS = ["unsolved", "all", ...TICKET_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

type Params = Record<string, string | string[] | undefined> | URLSearchParams;
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const ticketsViewSchema = z.object({
  page: z.preprocess(first, z.coerce.number().int().min(1).max(10_000_000)).catch(1),
  size: z
    .preprocess(first, z.coerce.number().int())
    .refine((n) => (TICKET_PAGE_SIZES as readonly number[]).includes(n))
    .catch(50),
  sort: z.preprocess(first, z.enum(TICKET_SORTS)).catch("opened"),
  dir: z.preprocess(first, z.enum(["asc", "desc"])).catch("desc"),
  q: z.preprocess(first, z.string().trim().max(200)).catch(""),
  status: z.preprocess(first, z.enum(STATUS_FILTERS)).catch("unsolved"),
  priority: z.preprocess(first, z.enum(TICKET_PRIORITIES).optional()).catch(undefined),
  /** A user id, "me", or "none" (unassigned). */
  assignee: z.preprocess(first, z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/).optional()).catch(undefined),
});
export type TicketsView = z.infer<typeof ticketsViewSchema>;

export function parseTicketsView(params: Params): TicketsView {
  const rec: Record<string, string | string[] | undefined> = {};
  if (params instanceof URLSearchParams) {
    for (const [k, v] of params) if (!(k in rec)) rec[k] = v;
  } else Object.assign(rec, params);
  return ticketsViewSchema.parse(rec);
}

/** The statuses a status filter selects. */
export function statusesOf(filter: StatusFilter): TicketStatus[] {
  if (filter === "all") return [...TICKET_STATUSES];
  if (filter === "unsolved") return [...UNSOLVED_STATUSES];
  return [filter];
}

/** The assignee filter resolved for a user: "me" becomes their id. */
export function resolveAssignee(filter: string | undefined, userId: string): { kind: "any" } | { kind: "none" } | { kind: "user"; id: string } {
  if (!filter) return { kind: "any" };
  if (filter === "none") return { kind: "none" };
  return { kind: "user", id: filter === "me" ? userId : filter };
}

/** A search for "#123" or "123" also matches the ticket number. */
export function searchNumber(q: string): number | null {
  const m = /^#?(\d{1,9})$/.exec(q.trim());
  return m ? Number(m[1]) : null;
}
