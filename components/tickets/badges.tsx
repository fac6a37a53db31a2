// Status and priority badges for tickets (server and client safe: no hooks).
import { PRIORITY_LABELS, STATUS_LABELS, type TicketPriority, type TicketStatus } from "@/lib/crm/tickets";

const STATUS_STYLES: Record<TicketStatus, string> = {
  new: "bg-amber-100 text-amber-900",
  open: "bg-red-50 text-red-800",
  pending: "bg-sky-50 text-sky-800",
  on_hold: "bg-slate-200 text-slate-800",
  solved: "bg-emerald-50 text-emerald-800",
  closed: "bg-slate-100 text-slate-600",
};
const PRIORITY_STYLES: Record<TicketPriority, string> = {
  low: "text-slate-600",
  normal: "text-slate-800",
  high: "font-medium text-orange-700",
  urgent: "font-semibold text-red-700",
};

export function StatusBadge({ status }: { status: TicketStatus }) {
  return <span data-testid="ticket-status" className={`whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLES[status]}`}>{STATUS_LABELS[status]}</span>;
}

export function PriorityText({ priority }: { priority: TicketPriority }) {
  return <span className={PRIORITY_STYLES[priority]}>{PRIORITY_LABELS[priority]}</span>;
}
