"use client";
// The ticket queue: filters (status — default unsolved —, priority, assignee incl. me/unassigned),
// search by subject or number, the server-paged table and the "New ticket" dialog (tickets:write).
// The view is the URL; see useUrlView.
import Link from "next/link";
import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataColumnMeta } from "@/components/data-table/data-table";
import { urlTableProps, useDebouncedSearch, useUrlView } from "@/components/data-table/use-url-view";
import { ClearFilters, FilterSelect, filterControl } from "@/components/data-table/filters";
import {
  formatDuration,
  PRIORITY_LABELS,
  STATUS_LABELS,
  TICKET_COLUMN_LABELS,
  TICKET_COLUMNS,
  TICKET_PAGE_SIZES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketColumn,
  type TicketsView,
} from "@/lib/crm/tickets";
import { formatDateTime } from "@/lib/format";
import type { TicketRow } from "@/lib/data/tickets";
import { PriorityText, StatusBadge } from "./badges";
import { NewTicketDialog } from "./new-ticket-form";

const DESC_FIRST = new Set<TicketColumn>(["number", "opened", "firstResponse", "resolution", "reopens", "priority"]);
const RIGHT = new Set<TicketColumn>(["firstResponse", "resolution", "reopens"]);

export function TicketsTable(props: {
  rows: TicketRow[];
  total: number;
  view: TicketsView;
  assignees: { id: string; name: string; email: string }[];
  canWrite: boolean;
  newFor: { id: string; name: string } | null;
}) {
  const { view } = props;
  const { pending, patch, reset } = useUrlView();
  // Search as you type, debounced; the URL stays the source of truth.
  const [q, setQ] = useDebouncedSearch(view.q, patch);
  const [creating, setCreating] = useState(props.canWrite && !!props.newFor);

  const columns = useMemo<ColumnDef<TicketRow>[]>(() => {
    const cell: Record<TicketColumn, (r: TicketRow) => React.ReactNode> = {
      number: (r) => <span className="tabular-nums text-slate-500">#{r.number}</span>,
      subject: (r) => (
        <Link href={`/tickets/${r.id}`} className="font-medium text-brand-700 hover:underline">
          {r.subject}
        </Link>
      ),
      status: (r) => <StatusBadge status={r.status} />,
      priority: (r) => <PriorityText priority={r.priority} />,
      assignee: (r) => r.assigneeName ?? <span className="text-slate-400">Unassigned</span>,
      contact: (r) => (r.contactId ? <Link href={`/contacts/${r.contactId}`} className="hover:underline">{r.contactName}</Link> : "—"),
      company: (r) => (r.companyId ? <Link href={`/companies/${r.companyId}`} className="hover:underline">{r.companyName}</Link> : "—"),
      opened: (r) => formatDateTime(r.openedAt),
      firstResponse: (r) => formatDuration(r.firstResponseSeconds),
      resolution: (r) => formatDuration(r.resolutionSeconds),
      reopens: (r) => String(r.reopenCount),
    };
    return TICKET_COLUMNS.map((id) => ({
      id,
      header: TICKET_COLUMN_LABELS[id],
      cell: ({ row }) => cell[id](row.original),
      meta: { label: TICKET_COLUMN_LABELS[id], sortable: true, firstDir: DESC_FIRST.has(id) ? "desc" : "asc", align: RIGHT.has(id) ? "right" : "left" } satisfies DataColumnMeta,
    }));
  }, []);

  const filtered = Boolean(view.q || view.priority || view.assignee || view.status !== "unsolved");

  return (
    <div className="space-y-3">
      <form role="search" aria-label="Filter tickets" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" onSubmit={(e) => { e.preventDefault(); patch({ q: q.trim() }); }}>
        <label className="flex flex-col text-sm font-medium">
          Search
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Subject or #number" className={`${filterControl} mt-1 w-60 font-normal`} />
        </label>
        <FilterSelect label="Status" value={view.status} onChange={(v) => patch({ status: v === "unsolved" ? null : v })}>
          <option value="unsolved">Unsolved (new, open, pending, on hold)</option>
          <option value="all">All</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label="Priority" value={view.priority} onChange={(v) => patch({ priority: v })}>
          <option value="">Any</option>
          {TICKET_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label="Assignee" value={view.assignee} onChange={(v) => patch({ assignee: v })}>
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="none">Unassigned</option>
          {props.assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </FilterSelect>
        {filtered ? <ClearFilters onClear={() => { setQ(""); reset(["sort", "dir", "size"]); }} /> : null}
      </form>

      <DataTable
        caption="Tickets"
        columns={columns}
        rows={props.rows}
        total={props.total}
        pageSizes={TICKET_PAGE_SIZES}
        pending={pending}
        {...urlTableProps(view, patch, TICKET_COLUMNS)}
        onColumns={() => undefined}
        empty={
          filtered ? (
            <>
              <p className="font-medium">No tickets match this view.</p>
              <p>Try a shorter search or clear some filters.</p>
            </>
          ) : (
            <p className="font-medium">No unsolved tickets. 🎉</p>
          )
        }
        toolbar={
          props.canWrite ? (
            <button type="button" onClick={() => setCreating(true)} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              New ticket
            </button>
          ) : null
        }
      />
      {creating ? <NewTicketDialog assignees={props.assignees} requester={props.newFor} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
