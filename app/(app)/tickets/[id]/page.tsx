// One ticket: subject, requester and company, the conversation (public replies and internal notes,
// oldest first, plain text), the reply box and status/priority/assignee controls (tickets:write), and
// a sidebar with first-response/resolution figures and the change history.
import { Breadcrumb } from "@/components/ui/breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { getTicket, listAssigneeOptions } from "@/lib/data/tickets";
import { formatDuration, PRIORITY_LABELS, STATUS_LABELS, type TicketPriority, type TicketStatus } from "@/lib/crm/tickets";
import { formatDateTime } from "@/lib/format";
import { PriorityText, StatusBadge } from "@/components/tickets/badges";
import { ReplyBox } from "@/components/tickets/reply-box";
import { TicketControls } from "@/components/tickets/ticket-controls";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Ticket" };

const FIELD_LABELS: Record<string, string> = {
  status: "Status",
  priority: "Priority",
  assignee: "Assignee",
  public_reply: "Public reply",
  internal_note: "Internal note",
};

function historyValue(field: string, v: string | null): string {
  if (v == null) return "—";
  if (field === "status") return STATUS_LABELS[v as TicketStatus] ?? v;
  if (field === "priority") return PRIORITY_LABELS[v as TicketPriority] ?? v;
  return v;
}

export default async function TicketPage({ params }: Params) {
  const user = await requireArea("tickets");
  const { id } = await params;
  const ticket = await getTicket(id);
  if (!ticket) notFound();
  const canWrite = can(user.role, "tickets:write");
  const assignees = canWrite ? await listAssigneeOptions() : [];

  return (
    <>
      <Breadcrumb trail={[{ href: "/tickets", label: "Tickets" }]} current={`#${ticket.number}`} />
      <header className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">
            <span className="text-slate-500">#{ticket.number}</span> {ticket.subject}
          </h1>
          <StatusBadge status={ticket.status} />
        </div>
        <p className="mt-1 text-sm text-slate-600">
          Requester:{" "}
          {ticket.contact ? (
            <Link href={`/contacts/${ticket.contact.id}`} className="link" data-testid="ticket-requester">
              {ticket.contact.name}
            </Link>
          ) : (
            "—"
          )}
          {ticket.company ? (
            <>
              {" · Company: "}
              <Link href={`/companies/${ticket.company.id}`} className="link">
                {ticket.company.name}
              </Link>
            </>
          ) : null}
          {" · "}
          <PriorityText priority={ticket.priority} /> priority · {ticket.assignee ? `assigned to ${ticket.assignee.name}` : "unassigned"}
        </p>
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-4 lg:col-span-2">
          <section aria-labelledby="conversation-heading">
            <h2 id="conversation-heading" className="mb-3 text-lg font-semibold">
              Conversation
            </h2>
            <ol className="space-y-3">
              {ticket.description ? (
                <li className="rounded-lg border border-slate-200 bg-white p-3">
                  <p className="text-xs text-slate-500">
                    {ticket.contact?.name ?? "Requester"} · <time dateTime={ticket.openedAt.toISOString()}>{formatDateTime(ticket.openedAt)}</time>
                  </p>
                  <p className="mt-1 whitespace-pre-wrap break-words text-sm">{ticket.description}</p>
                </li>
              ) : null}
              {ticket.comments.map((c) => (
                <li
                  key={c.id}
                  data-testid="ticket-comment"
                  className={`rounded-lg border p-3 ${c.public ? "border-slate-200 bg-white" : "border-amber-200 bg-amber-50"}`}
                >
                  <p className="text-xs text-slate-500">
                    {c.authorName ?? (c.authorId ? "Former user" : (ticket.contact?.name ?? "Requester"))} · {c.public ? "Public reply" : "Internal note"} ·{" "}
                    <time dateTime={c.createdAt.toISOString()}>{formatDateTime(c.createdAt)}</time>
                  </p>
                  <p className="mt-1 whitespace-pre-wrap break-words text-sm">{c.body}</p>
                </li>
              ))}
              {!ticket.description && ticket.comments.length === 0 ? <li className="text-sm text-slate-500">No messages yet.</li> : null}
            </ol>
          </section>
          {canWrite && ticket.status !== "closed" ? (
            <ReplyBox ticketId={ticket.id} status={ticket.status} />
          ) : ticket.status === "closed" ? (
            <p className="text-sm text-slate-600">This ticket is closed; it takes no more replies.</p>
          ) : (
            <p className="text-sm text-slate-600" data-testid="read-only">
              You can read this ticket; customer success works it.
            </p>
          )}
        </div>

        <aside aria-label="Ticket details" className="min-w-0 space-y-4">
          {canWrite ? (
            <section aria-label="Ticket properties" className="rounded-lg border border-slate-200 bg-white p-3">
              <TicketControls ticketId={ticket.id} status={ticket.status} priority={ticket.priority} assigneeId={ticket.assignee?.id ?? null} assignees={assignees} />
            </section>
          ) : null}
          <section aria-labelledby="figures-heading" className="rounded-lg border border-slate-200 bg-white p-3">
            <h2 id="figures-heading" className="text-sm font-semibold">
              Figures
            </h2>
            <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
              <dt className="text-slate-500">Opened</dt>
              <dd>{formatDateTime(ticket.openedAt)}</dd>
              <dt className="text-slate-500">First response</dt>
              <dd data-testid="first-response-time">{formatDuration(ticket.firstResponseSeconds)}</dd>
              <dt className="text-slate-500">Resolution</dt>
              <dd data-testid="resolution-time">{formatDuration(ticket.resolutionSeconds)}</dd>
              <dt className="text-slate-500">Reopens</dt>
              <dd data-testid="reopen-count">{ticket.reopenCount}</dd>
              {ticket.closedAt ? (
                <>
                  <dt className="text-slate-500">Closed</dt>
                  <dd>{formatDateTime(ticket.closedAt)}</dd>
                </>
              ) : null}
            </dl>
          </section>
          <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-3">
            <h2 id="history-heading" className="text-sm font-semibold">
              History
            </h2>
            {ticket.history.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500">No recorded changes (tickets imported with the demo data start without history).</p>
            ) : (
              <ol className="mt-2 space-y-1.5 text-sm">
                {ticket.history.map((h) => (
                  <li key={h.id} data-testid="ticket-history">
                    <span className="font-medium">{FIELD_LABELS[h.field] ?? h.field}</span>
                    {h.field === "public_reply" || h.field === "internal_note" ? " added" : `: ${historyValue(h.field, h.oldValue)} → ${historyValue(h.field, h.newValue)}`}
                    <span className="block text-xs text-slate-500">
                      {h.changedBy ?? "Someone"} · <time dateTime={h.changedAt.toISOString()}>{formatDateTime(h.changedAt)}</time>
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </aside>
      </div>
    </>
  );
}
