"use client";
// A server-driven table on @tanstack/react-table in manual mode: the server has already paged,
// sorted and filtered the rows; this renders them with a sticky header, sortable column headers
// (buttons with aria-sort), a column-visibility menu and paging controls. Every control reports
// a change to its parent, which keeps the view in the URL.
import { getCoreRowModel, useReactTable, type ColumnDef, type SortingState, type VisibilityState } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { formatInt } from "@/lib/format";
import { TableBody } from "./table-body";

export interface DataColumnMeta {
  label: string;
  /** Direction of the first click on this header. */
  firstDir?: "asc" | "desc";
  sortable?: boolean;
  align?: "left" | "right";
}

export interface DataTableProps<T extends { id: string }> {
  caption: string;
  columns: ColumnDef<T>[];
  rows: T[];
  total: number;
  page: number;
  size: number;
  pageSizes: readonly number[];
  sort: string;
  dir: "asc" | "desc";
  /** Ids of the visible columns. */
  visible: readonly string[];
  pending?: boolean;
  empty: React.ReactNode;
  onSort(sort: string, dir: "asc" | "desc"): void;
  onPage(page: number): void;
  onSize(size: number): void;
  onColumns(visible: string[]): void;
  /** Extra controls shown beside the column menu (export link, …). */
  toolbar?: React.ReactNode;
}

const metaOf = (c: { columnDef: { meta?: unknown } }) => (c.columnDef.meta ?? { label: "" }) as DataColumnMeta;

export function DataTable<T extends { id: string }>(props: DataTableProps<T>) {
  const { columns, rows, total, page, size, sort, dir, pending, onSort } = props;
  // Column choices apply at once (optimistically), then follow the URL.
  const [visible, setVisible] = useState(props.visible);
  const [urlVisible, setUrlVisible] = useState(props.visible);
  if (urlVisible !== props.visible) {
    setUrlVisible(props.visible);
    setVisible(props.visible);
  }
  const sorting: SortingState = useMemo(() => [{ id: sort, desc: dir === "desc" }], [sort, dir]);
  const columnVisibility: VisibilityState = useMemo(
    () => Object.fromEntries(columns.map((c) => [c.id!, visible.includes(c.id!)])),
    [columns, visible],
  );
  // TanStack Table returns fresh functions each render; the React Compiler skips this component, which is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: total,
    state: { sorting, columnVisibility, pagination: { pageIndex: page - 1, pageSize: size } },
  });

  const pages = Math.max(1, Math.ceil(total / size));
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  const visibleCount = table.getVisibleLeafColumns().length;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p role="status" aria-live="polite" className="text-slate-600">
          {pending ? "Loading…" : total === 0 ? "No rows" : `${formatInt(from)}–${formatInt(to)} of ${formatInt(total)}`}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          {props.toolbar}
          <details className="relative">
            <summary className="cursor-pointer list-none rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">Columns</summary>
            <fieldset className="absolute right-0 z-20 mt-1 w-56 space-y-1 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
              <legend className="sr-only">Visible columns</legend>
              {table.getAllLeafColumns().map((c) => (
                <label key={c.id} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={c.getIsVisible()}
                    disabled={c.getIsVisible() && visibleCount === 1}
                    onChange={(e) => {
                      const next = table.getAllLeafColumns().filter((x) => (x.id === c.id ? e.target.checked : x.getIsVisible())).map((x) => x.id);
                      setVisible(next);
                      props.onColumns(next);
                    }}
                  />
                  {metaOf(c).label}
                </label>
              ))}
            </fieldset>
          </details>
        </div>
      </div>
      <div className={`max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white transition-opacity ${pending ? "opacity-60" : ""}`}>
        <table className="min-w-full text-sm" aria-busy={pending || undefined}>
          <caption className="sr-only">{props.caption}</caption>
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const meta = metaOf(h.column);
                  const sorted = h.column.getIsSorted();
                  const ariaSort = sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined;
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      aria-sort={ariaSort}
                      className={`sticky top-0 z-10 whitespace-nowrap border-b border-slate-200 bg-slate-50 px-3 py-2 ${meta.align === "right" ? "text-right" : ""}`}
                    >
                      {meta.sortable ? (
                        <button
                          type="button"
                          className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                          onClick={() => onSort(h.column.id, sorted ? (sorted === "asc" ? "desc" : "asc") : (meta.firstDir ?? "asc"))}
                        >
                          {meta.label}
                          <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                          <span className="sr-only">{sorted ? `, sorted ${ariaSort}` : ", sort"}</span>
                        </button>
                      ) : (
                        meta.label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <TableBody table={table} empty={props.empty} testId="data-row" cellClassName={(cell) => (metaOf(cell.column).align === "right" ? "text-right tabular-nums" : "")} />
        </table>
      </div>
      <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <label className="flex items-center gap-2">
          Rows per page
          <select value={size} onChange={(e) => props.onSize(Number(e.target.value))} className="rounded-md border border-slate-300 bg-white px-2 py-1">
            {props.pageSizes.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-center gap-2">
          <button type="button" onClick={() => props.onPage(page - 1)} disabled={page <= 1 || pending} className="rounded-md border border-slate-300 bg-white px-3 py-1 disabled:opacity-50">
            Previous page
          </button>
          <span>
            Page {formatInt(Math.min(page, pages))} of {formatInt(pages)}
          </span>
          <button type="button" onClick={() => props.onPage(page + 1)} disabled={page >= pages || pending} className="rounded-md border border-slate-300 bg-white px-3 py-1 disabled:opacity-50">
            Next page
          </button>
        </div>
      </nav>
    </div>
  );
}
