"use client";
// The contacts table: filters (search, owner, stage, company, last interaction, open tickets), the
// server-paged table and the create/edit dialog. The view is the URL; see useUrlView.
import Link from "next/link";
import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataColumnMeta } from "@/components/data-table/data-table";
import { urlTableProps, useDebouncedSearch, useUrlView } from "@/components/data-table/use-url-view";
import { ClearFilters, filterControl, OpenTicketsFilter, OwnerFilter } from "@/components/data-table/filters";
import { CONTACT_COLUMN_LABELS, CONTACT_COLUMNS, DEFAULT_CONTACT_COLUMNS, PAGE_SIZES, type ContactColumn, type ContactsView } from "@/lib/crm/view";
import { LIFECYCLE_STAGES, STAGE_LABELS } from "@/lib/crm/stages";
import { formatDateTime, formatInt } from "@/lib/format";
import { CompanyPicker, type PickedCompany } from "./company-picker";
import { ContactFormDialog } from "./contact-form";
import type { OwnerOption } from "./form-parts";
import { StageBadge } from "./stage-badge";

export interface ContactTableRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  companyId: string | null;
  companyName: string | null;
  ownerName: string | null;
  lifecycleStage: (typeof LIFECYCLE_STAGES)[number];
  lastInteractionAt: Date | null;
  openTickets: number;
  createdAt: Date;
  editable: boolean;
}

const SORTABLE = new Set<ContactColumn>(["name", "email", "company", "owner", "stage", "lastInteraction", "openTickets", "createdAt"]);
const DESC_FIRST = new Set<ContactColumn>(["lastInteraction", "openTickets", "createdAt"]);


export function ContactsTable(props: {
  rows: ContactTableRow[];
  total: number;
  view: ContactsView;
  owners: OwnerOption[];
  companyFilter: PickedCompany | null;
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
  // Checked stages update at once (optimistically), then follow the URL.
  const [stages, setStages] = useState(view.stage);
  const [urlStages, setUrlStages] = useState(view.stage);
  if (urlStages !== view.stage) {
    setUrlStages(view.stage);
    setStages(view.stage);
  }


  const columns = useMemo<ColumnDef<ContactTableRow>[]>(() => {
    const cell: Record<ContactColumn, (r: ContactTableRow) => React.ReactNode> = {
      name: (r) => (
        <span className="flex items-center gap-2">
          <Link href={`/contacts/${r.id}`} className="font-medium text-brand-700 hover:underline">
            {r.name}
          </Link>
          {r.editable ? (
            <button type="button" onClick={() => setEditing(r.id)} className="text-xs text-slate-500 underline hover:text-slate-900" aria-label={`Edit ${r.name}`}>
              Edit
            </button>
          ) : null}
        </span>
      ),
      email: (r) => r.email ?? "—",
      company: (r) =>
        r.companyId ? (
          <Link href={`/companies/${r.companyId}`} className="hover:underline">
            {r.companyName}
          </Link>
        ) : (
          "—"
        ),
      owner: (r) => r.ownerName ?? <span className="text-slate-400">Unowned</span>,
      stage: (r) => <StageBadge stage={r.lifecycleStage} />,
      lastInteraction: (r) => (r.lastInteractionAt ? formatDateTime(r.lastInteractionAt) : <span className="text-slate-400">Never</span>),
      openTickets: (r) => (r.openTickets ? <span className="font-medium text-amber-800">{formatInt(r.openTickets)}</span> : "0"),
      phone: (r) => r.phone ?? "—",
      jobTitle: (r) => r.jobTitle ?? "—",
      createdAt: (r) => formatDateTime(r.createdAt),
    };
    return CONTACT_COLUMNS.map((id) => ({
      id,
      header: CONTACT_COLUMN_LABELS[id],
      cell: ({ row }) => cell[id](row.original),
      meta: {
        label: CONTACT_COLUMN_LABELS[id],
        sortable: SORTABLE.has(id),
        firstDir: DESC_FIRST.has(id) ? "desc" : "asc",
        align: id === "openTickets" ? "right" : "left",
      } satisfies DataColumnMeta,
    }));
  }, []);

  const filtered = Boolean(view.q || view.owner || view.stage.length || view.company || view.lastFrom || view.lastTo || view.tickets);

  return (
    <div className="space-y-3">
      <form role="search" aria-label="Filter contacts" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" onSubmit={(e) => { e.preventDefault(); patch({ q: q.trim() }); }}>
        <label className="flex flex-col text-sm font-medium">
          Search
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name, email or company" className={`${filterControl} mt-1 w-60 font-normal`} />
        </label>
        <OwnerFilter value={view.owner} owners={props.owners} onChange={(v) => patch({ owner: v })} />
        <details className="relative text-sm">
          <summary className={`${filterControl} cursor-pointer list-none`}>
            Stage{stages.length ? `: ${stages.map((s) => STAGE_LABELS[s]).join(", ")}` : ""}
          </summary>
          <fieldset className="absolute z-20 mt-1 w-48 space-y-1 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
            <legend className="sr-only">Lifecycle stages</legend>
            {LIFECYCLE_STAGES.map((s) => (
              <label key={s} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={stages.includes(s)}
                  onChange={(e) => {
                    const chosen = e.target.checked ? [...stages, s] : stages.filter((x) => x !== s);
                    const next = LIFECYCLE_STAGES.filter((x) => chosen.includes(x));
                    setStages(next);
                    patch({ stage: next.join(",") });
                  }}
                />
                {STAGE_LABELS[s]}
              </label>
            ))}
          </fieldset>
        </details>
        <div className="w-56">
          <CompanyPicker label="Company" value={props.companyFilter} onChange={(c) => patch({ company: c?.id ?? null })} />
        </div>
        <label className="flex flex-col text-sm font-medium">
          Last interaction from
          <input type="date" value={view.lastFrom ?? ""} onChange={(e) => patch({ lastFrom: e.target.value })} className={`${filterControl} mt-1 font-normal`} />
        </label>
        <label className="flex flex-col text-sm font-medium">
          to
          <input type="date" value={view.lastTo ?? ""} onChange={(e) => patch({ lastTo: e.target.value })} className={`${filterControl} mt-1 font-normal`} />
        </label>
        <OpenTicketsFilter value={view.tickets} onChange={(v) => patch({ tickets: v })} />
        {filtered ? (
          <ClearFilters onClear={() => { setQ(""); reset(["sort", "dir", "size", "cols"]); }} />
        ) : null}
      </form>

      <DataTable
        caption="Contacts"
        columns={columns}
        rows={props.rows}
        total={props.total}
        pageSizes={PAGE_SIZES}
        pending={pending}
        {...urlTableProps(view, patch, DEFAULT_CONTACT_COLUMNS)}
        empty={
          filtered ? (
            <>
              <p className="font-medium">No contacts match this view.</p>
              <p>Try a shorter search or clear some filters.</p>
            </>
          ) : (
            <p className="font-medium">No contacts yet.</p>
          )
        }
        toolbar={
          <>
            <a href={props.exportHref} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" download>
              Export CSV
            </a>
            {props.canCreate ? (
              <button type="button" onClick={() => setEditing(null)} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
                New contact
              </button>
            ) : null}
          </>
        }
      />
      {editing !== undefined ? (
        <ContactFormDialog contactId={editing} owners={props.owners} canReassign={props.canReassign} currentUserId={props.currentUserId} onClose={() => setEditing(undefined)} />
      ) : null}
    </div>
  );
}
