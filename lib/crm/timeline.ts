// The relationship timeline's shared shapes and pure helpers: the item every source (interactions,
// tickets, tasks) is turned into, the opaque keyset cursor and its headline.
import { KIND_LABELS, OUTCOME_LABELS, type CallOutcome } from "./interactions";
import type { InteractionKind } from "./crm-events";

export const TIMELINE_KINDS = ["note", "call", "email", "meeting", "demo", "form_fill", "ticket", "task"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  note: "Notes",
  call: "Calls",
  email: "Emails",
  meeting: "Meetings",
  demo: "Demos",
  form_fill: "Form fills",
  ticket: "Tickets",
  task: "Tasks",
};

/** What happened to a ticket or task at this point of the timeline (null for interactions). */
export type TimelineVerb = "opened" | "solved" | "created" | "completed" | null;

export interface TimelineItem {
  /** Unique across sources: "interaction:<id>", "ticket-opened:<id>", "task-completed:<id>", … */
  key: string;
  kind: TimelineKind;
  verb: TimelineVerb;
  /** The interaction, ticket or task id. */
  refId: string;
  /** ISO timestamp: where the item sits on the timeline. */
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  title: string | null;
  body: string | null;
  outcome: string | null;
  durationSeconds: number | null;
  pinned: boolean;
  /** Ticket number, for ticket items. */
  number: number | null;
  /** Task due date (ISO), for task items. */
  dueAt: string | null;
  /** Shown before the server confirmed it (optimistic update). */
  pending?: boolean;
}

export interface TimelineCursor {
  occurredAt: string;
  key: string;
}

export interface TimelinePage {
  items: TimelineItem[];
  nextCursor: string | null;
}

export interface TimelineFilters {
  kinds?: TimelineKind[];
  authorId?: string;
}

/** Timeline order: newest first, then by key (byte order) descending — the SQL's ORDER BY. */
export function compareTimeline(a: Pick<TimelineItem, "occurredAt" | "key">, b: Pick<TimelineItem, "occurredAt" | "key">): number {
  const t = new Date(b.occurredAt).getTime() - new Date(a.occurredAt).getTime();
  if (t !== 0) return t;
  return a.key < b.key ? 1 : a.key > b.key ? -1 : 0;
}

/** "4 min", "1 h 5 min", "45 s". */
export function formatDuration(seconds: number | null): string | null {
  if (seconds == null) return null;
  if (seconds < 60) return `${seconds} s`;
  const m = Math.round(seconds / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ""}`;
}

/** "Call · Connected · 4 min — Renewal", "Ticket #12 opened: Export fails", "Task completed: Send deck". */
export function timelineHeadline(item: Pick<TimelineItem, "kind" | "verb" | "number" | "title" | "outcome" | "durationSeconds">): string {
  if (item.kind === "ticket") return `Ticket #${item.number} ${item.verb === "solved" ? "solved" : "opened"}: ${item.title ?? ""}`;
  if (item.kind === "task") return `Task ${item.verb === "completed" ? "completed" : "created"}: ${item.title ?? ""}`;
  const parts = [KIND_LABELS[item.kind as InteractionKind]];
  if (item.outcome) parts.push(OUTCOME_LABELS[item.outcome as CallOutcome] ?? item.outcome);
  const d = formatDuration(item.durationSeconds);
  if (d) parts.push(d);
  return parts.join(" · ") + (item.title ? ` — ${item.title}` : "");
}
