"use client";
// Status, priority and assignee of one ticket (tickets:write). Each select applies at once through
// the changeTicket action; a refused change (e.g. closing an unsolved ticket) shows its message.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { changeTicket } from "@/app/(app)/tickets/actions";
import { checkTransition, PRIORITY_LABELS, STATUS_LABELS, TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from "@/lib/crm/tickets";

const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:bg-slate-50";

export function TicketControls(props: {
  ticketId: string;
  status: TicketStatus;
  priority: TicketPriority;
  assigneeId: string | null;
  assignees: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const closed = props.status === "closed";

  const apply = (patch: { status?: TicketStatus; priority?: TicketPriority; assigneeId?: string }) =>
    startTransition(async () => {
      setError(null);
      const res = await changeTicket({ ticketId: props.ticketId, ...patch });
      if (!res.ok) setError(res.message);
      router.refresh();
    });

  return (
    <div className="space-y-3" aria-busy={pending || undefined}>
      <label className="block text-sm font-medium">
        Status
        <select className={control} value={props.status} disabled={pending || closed} onChange={(e) => apply({ status: e.target.value as TicketStatus })}>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s} disabled={s !== props.status && checkTransition(props.status, s) !== null}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium">
        Priority
        <select className={control} value={props.priority} disabled={pending || closed} onChange={(e) => apply({ priority: e.target.value as TicketPriority })}>
          {TICKET_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium">
        Assignee
        <select className={control} value={props.assigneeId ?? ""} disabled={pending || closed} onChange={(e) => apply({ assigneeId: e.target.value })}>
          <option value="">Unassigned</option>
          {props.assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
