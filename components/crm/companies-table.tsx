"use client";
// The companies table: search, owner and open-ticket filters and the server-paged table; the view
// is the URL (see useUrlView).
import Link from "next/link";
import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataColumnMeta } from "@/components/data-table/data-table";
import { urlTableProps, useDebouncedSearch, useUrlView } from "@/components/data-table/use-url-view";
import { ClearFilters, filterControl, OpenTicketsFilter, OwnerFilter } from "@/components/data-table/filters";
import { COMPANY_COLUMN_LABELS, COMPANY_COLUMNS, DEFAULT_COMPANY_COLUMNS, PAGE_SIZES, type CompaniesView, type CompanyColumn } from "@/lib/crm/view";
import { formatDateTime, formatInt } from "@/lib/format";
import { CompanyFormDialog } from "./company-form";
import type { OwnerOption } from "./form-parts";

export interface CompanyTableRow {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  size: string | null;
  ownerName: string | null;
  contacts: number;
  openTickets: number;
  createdAt: Date;
  editable: boolean;
}

const SORTABLE = new Set<CompanyColumn>(["name", "domain", "owner", "contacts", "openTickets", "createdAt"]);
const DESC_FIRST = new Set<CompanyColumn>(["contacts", "openTickets", "createdAt"]);

export function CompaniesTable(props: {
  rows: CompanyTableRow[];
  total: number;
  view: CompaniesView;
  owners: OwnerOption[];
  canCreate: boolean;
  canReassign: boolean;
  currentUserId: string;
  exportHref: string;
}) {
  const { view } = props;
  const { pending, patch, reset } = useUrlView();
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  // Search as you type, debounced; the URL stays the source of truth.
  const [q, setQ] = useDebouncedSearch(view.q, patch);

  const columns = useMemo<ColumnDef<CompanyTableRow>[]>(() => {
    const cell: Record<CompanyColumn, (r: CompanyTableRow) => React.ReactNode> = {
      name: (r) => (
        <span className="flex items-center gap-2">
          <Link href={`/companies/${r.id}`} className="font-medium text-brand-700 hover:underline">
            {r.name}
          </Link>
          {r.editable ? (
            <button type="button" onClick={() => setEditing(r.id)} className="text-xs text-slate-500 underline hover:text-slate-900" aria-label={`Edit ${r.name}`}>
              Edit
            </button>
          ) : null}
        </span>
      ),
      domain: (r) => r.domain ?? "—",
      industry: (r) => r.industry ?? "—",
      size: (r) => r.size ?? "—",
      owner: (r) => r.ownerName ?? <span className="text-slate-400">Unowned</span>,
      contacts: (r) => formatInt(r.contacts),
      openTickets: (r) => (r.openTickets ? <span className="font-medium text-amber-800">{formatInt(r.openTickets)}</span> : "0"),
      createdAt: (r) => formatDateTime(r.createdAt),
    };
    return COMPANY_COLUMNS.map((id) => ({
      id,
      header: COMPANY_COLUMN_LABELS[id],
      cell: ({ row }) => cell[id](row.original),
      meta: {
        label: COMPANY_COLUMN_LABELS[id],
        sortable: SORTABLE.has(id),
        firstDir: DESC_FIRST.has(id) ? "desc" : "asc",
        align: id === "contacts" || id === "openTickets" ? "right" : "left",
      } satisfies DataColumnMeta,
    }));
  }, []);

  const filtered = Boolean(view.q || view.owner || view.tickets);

  return (
    <div className="space-y-3">
      <form role="search" aria-label="Filter companies" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" onSubmit={(e) => { e.preventDefault(); patch({ q: q.trim() }); }}>
        <label className="flex flex-col text-sm font-medium">
          Search
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name or domain" className={`${filterControl} mt-1 w-60 font-normal`} />
        </label>
        <OwnerFilter value={view.owner} owners={props.owners} onChange={(v) => patch({ owner: v })} />
        <OpenTicketsFilter value={view.tickets} onChange={(v) => patch({ tickets: v })} />
        {filtered ? (
          <ClearFilters onClear={() => { setQ(""); reset(["sort", "dir", "size", "cols"]); }} />
        ) : null}
      </form>
      <DataTable
        caption="Companies"
        columns={columns}
        rows={props.rows}
        total={props.total}
        pageSizes={PAGE_SIZES}
        pending={pending}
        {...urlTableProps(view, patch, DEFAULT_COMPANY_COLUMNS)}
        empty={filtered ? <p className="font-medium">No companies match this view.</p> : <p className="font-medium">No companies yet.</p>}
        toolbar={
          <>
            <a href={props.exportHref} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" download>
              Export CSV
            </a>
            {props.canCreate ? (
              <button type="button" onClick={() => setEditing(null)} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
                New company
              </button>
            ) : null}
          </>
        }
      />
      {editing !== undefined ? (
        <CompanyFormDialog companyId={editing} owners={props.owners} canReassign={props.canReassign} currentUserId={props.currentUserId} onClose={() => setEditing(undefined)} />
      ) : null}
    </div>
  );
}
