"use client";
// Settings → Audit log: filters (actor, action, date range) kept in the URL, the entries newest first
// in a @tanstack/react-table table, keyset paging (newer / older) and the CSV export of the filter.
import Link from "next/link";
import { useMemo } from "react";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { useUrlView } from "@/components/data-table/use-url-view";
import { TableBody } from "@/components/data-table/table-body";
import { ClearFilters, FilterSelect, filterControl } from "@/components/data-table/filters";
import { actionLabel, AUDIT_ACTION_CODES, AUDIT_ACTIONS, AUDIT_TARGETS } from "@/lib/audit/actions";
import { auditSearch, describeDetails, targetTypeLabel, type AuditEntryRow, type AuditFilter } from "@/lib/audit/query";
import { formatDateTime } from "@/lib/format";

/** An entry as the page hands it to the browser: the instant as ISO text, and what kind of actor acted. */
export interface AuditLogRow extends Omit<AuditEntryRow, "at" | "seq" | "actorUserId" | "actorTokenId"> {
  at: string;
  actorKind: "user" | "token" | "system";
}

/** Where a target can be opened, when it has a page. */
function targetHref(r: AuditLogRow): string | null {
  if (!r.targetId) return null;
  if (r.targetType === "source") return `/sources/${encodeURIComponent(r.targetId)}`;
  if (r.targetType === "profile") return `/customers/${encodeURIComponent(r.targetId)}`;
  if (r.targetType === "privacy_request") return "/settings/privacy";
  return null;
}

const ACTION_GROUPS = Object.entries(AUDIT_TARGETS)
  .map(([type, label]) => ({ label, codes: AUDIT_ACTION_CODES.filter((c) => AUDIT_ACTIONS[c].target === type) }))
  .filter((g) => g.codes.length);

export function AuditLog(props: {
  rows: AuditLogRow[];
  filter: AuditFilter;
  actors: { key: string; label: string }[];
  older: string | null;
  newer: string | null;
  /** True when showing a page other than the newest. */
  paged: boolean;
}) {
  const { filter } = props;
  const { pending, patch, reset } = useUrlView();
  // A filter change starts again from the newest entries.
  const set = (changes: Partial<Record<keyof AuditFilter, string>>) => patch({ ...changes, before: null, after: null });
  const filtered = Boolean(filter.actor || filter.action || filter.from || filter.to);

  const columns = useMemo<ColumnDef<AuditLogRow>[]>(
    () => [
      { id: "at", header: "When (UTC)", cell: ({ row }) => <time dateTime={row.original.at}>{formatDateTime(row.original.at).replace(/ UTC$/, "")}</time> },
      {
        id: "actor",
        header: "Who",
        cell: ({ row }) => (
          <span>
            {row.original.actorLabel}
            {row.original.actorKind === "system" ? <span className="ml-1 text-xs text-slate-500">(no user)</span> : null}
          </span>
        ),
      },
      {
        id: "action",
        header: "Action",
        cell: ({ row }) => (
          <span className="flex flex-col">
            <span className="font-medium">{actionLabel(row.original.action)}</span>
            <code className="text-xs text-slate-500">{row.original.action}</code>
          </span>
        ),
      },
      {
        id: "target",
        header: "Target",
        cell: ({ row }) => {
          const r = row.original;
          if (!r.targetType) return <span className="text-slate-500">—</span>;
          const name = r.targetLabel ?? r.targetId ?? "";
          const href = targetHref(r);
          return (
            <span className="flex max-w-xs flex-col whitespace-normal wrap-anywhere">
              <span className="text-xs text-slate-500">{targetTypeLabel(r.targetType)}</span>
              {href ? (
                <Link href={href} className="text-brand-700 hover:underline">
                  {name}
                </Link>
              ) : (
                <span>{name}</span>
              )}
            </span>
          );
        },
      },
      { id: "peer", header: "Address", cell: ({ row }) => <span className="font-mono text-xs">{row.original.peer ?? "—"}</span> },
      {
        id: "details",
        header: "Details",
        cell: ({ row }) => {
          const d = row.original.details;
          return Object.keys(d).length ? <span className="block min-w-48 max-w-sm whitespace-normal break-words text-slate-700">{describeDetails(d)}</span> : <span className="text-slate-500">—</span>;
        },
      },
    ],
    [],
  );
  // TanStack Table returns fresh functions each render; the React Compiler skips this component, which is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({ data: props.rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.id });

  const page = (p: { before?: string | null; after?: string | null }) => `/settings/audit${auditSearch(filter, p)}`;

  return (
    <div className="space-y-3">
      <form role="search" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label="Actor" value={filter.actor} onChange={(v) => set({ actor: v })}>
          <option value="">Anyone</option>
          {props.actors.map((a) => (
            <option key={a.key} value={a.key}>
              {a.label}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label="Action" value={filter.action} onChange={(v) => set({ action: v })}>
          <option value="">Any action</option>
          {ACTION_GROUPS.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.codes.map((c) => (
                <option key={c} value={c}>
                  {AUDIT_ACTIONS[c].label}
                </option>
              ))}
            </optgroup>
          ))}
        </FilterSelect>
        <label className="flex flex-col text-sm font-medium">
          From (UTC)
          <input type="date" value={filter.from ?? ""} max={filter.to ?? undefined} onChange={(e) => set({ from: e.target.value })} className={`${filterControl} mt-1 font-normal`} />
        </label>
        <label className="flex flex-col text-sm font-medium">
          To (UTC)
          <input type="date" value={filter.to ?? ""} min={filter.from ?? undefined} onChange={(e) => set({ to: e.target.value })} className={`${filterControl} mt-1 font-normal`} />
        </label>
        {filtered ? <ClearFilters onClear={() => reset()} /> : null}
      </form>

      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p role="status" aria-live="polite" className="text-slate-600">
          {pending ? "Loading…" : props.rows.length === 0 ? "No entries" : `${props.rows.length} ${props.rows.length === 1 ? "entry" : "entries"} on this page, newest first`}
        </p>
        <a href={`/settings/audit/export${auditSearch(filter)}`} download className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
          Export CSV{filtered ? " (filtered)" : ""}
        </a>
      </div>

      <div className={`overflow-x-auto rounded-lg border border-slate-200 bg-white transition-opacity ${pending ? "opacity-60" : ""}`}>
        <table className="min-w-full text-sm" aria-busy={pending || undefined}>
          <caption className="sr-only">Audit log entries, newest first</caption>
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => (
                  <th key={h.id} scope="col" className="whitespace-nowrap border-b border-slate-200 bg-slate-50 px-3 py-2">
                    {flexRender(h.column.columnDef.header, h.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <TableBody
            table={table}
            testId="audit-entry"
            rowClassName="align-top hover:bg-slate-50"
            empty={
              <>
                <p className="font-medium">No entries match these filters.</p>
                <p>Widen the date range or clear the filters.</p>
              </>
            }
          />
        </table>
      </div>

      <nav aria-label="Audit log pages" className="flex flex-wrap gap-2 text-sm">
        {props.paged ? (
          <Link href={page({})} className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
            Newest
          </Link>
        ) : null}
        {props.newer ? (
          <Link href={page({ after: props.newer })} className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
            ← Newer
          </Link>
        ) : null}
        {props.older ? (
          <Link href={page({ before: props.older })} className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
            Older →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
