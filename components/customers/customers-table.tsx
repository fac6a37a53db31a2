"use client";
// The Customers table: debounced search over identifiers and traits, sortable headers, column
// visibility and paging, all kept in the URL (see useUrlView). The name links to the profile.
import Link from "next/link";
import { useMemo } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataColumnMeta } from "@/components/data-table/data-table";
import { urlTableProps, useDebouncedSearch, useUrlView } from "@/components/data-table/use-url-view";
import { ClearFilters, filterControl } from "@/components/data-table/filters";
import {
  CUSTOMER_COLUMN_LABELS,
  CUSTOMER_COLUMNS,
  CUSTOMER_SORTS,
  DEFAULT_CUSTOMER_COLUMNS,
  PAGE_SIZES,
  type CustomerColumn,
  type CustomerSort,
  type CustomersView,
} from "@/lib/identity/customers-view";
import { formatDateTime, formatInt, formatMoney } from "@/lib/format";
import type { CustomerRow } from "@/lib/data/profiles";

/** Column ids equal their sort keys (lib/identity/customers-view.ts), so a header reports its sort. */
const SORTABLE = new Set<string>(CUSTOMER_SORTS satisfies readonly CustomerSort[]);
const RIGHT = new Set<CustomerColumn>(["events", "revenue"]);
const none = <span className="text-slate-400">—</span>;

export function CustomersTable(props: { rows: CustomerRow[]; total: number; view: CustomersView }) {
  const { view } = props;
  const { pending, patch, reset } = useUrlView();
  const [q, setQ] = useDebouncedSearch(view.q, patch);

  const columns = useMemo<ColumnDef<CustomerRow>[]>(() => {
    const cell: Record<CustomerColumn, (r: CustomerRow) => React.ReactNode> = {
      name: (r) => (
        <Link href={`/customers/${r.id}`} className="font-medium text-brand-700 hover:underline">
          {r.name}
        </Link>
      ),
      email: (r) => r.email ?? none,
      userId: (r) => (r.userId ? <code className="text-xs">{r.userId}</code> : none),
      channel: (r) => r.firstChannel ?? none,
      events: (r) => formatInt(r.eventCount),
      revenue: (r) => (r.revenue ? formatMoney(r.revenue) : none),
      firstSeen: (r) => (r.firstSeenAt ? formatDateTime(r.firstSeenAt) : none),
      lastSeen: (r) => (r.lastSeenAt ? formatDateTime(r.lastSeenAt) : none),
      contact: (r) =>
        r.contact ? (
          <Link href={`/contacts/${r.contact.id}`} className="hover:underline">
            {r.contact.name}
          </Link>
        ) : (
          none
        ),
    };
    return CUSTOMER_COLUMNS.map((id) => ({
      id,
      header: CUSTOMER_COLUMN_LABELS[id],
      cell: ({ row }) => cell[id](row.original),
      meta: {
        label: CUSTOMER_COLUMN_LABELS[id],
        sortable: SORTABLE.has(id),
        firstDir: id === "name" ? "asc" : "desc",
        align: RIGHT.has(id) ? "right" : "left",
      } satisfies DataColumnMeta,
    }));
  }, []);

  return (
    <div className="space-y-3">
      <form
        role="search"
        aria-label="Search customers"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
        onSubmit={(e) => {
          e.preventDefault();
          patch({ q: q.trim() });
        }}
      >
        <label className="flex flex-col text-sm font-medium">
          Search
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Email, user id, phone, anonymous id or trait"
            className={`${filterControl} mt-1 w-80 max-w-full font-normal`}
          />
        </label>
        {view.q ? (
          <ClearFilters
            onClear={() => {
              setQ("");
              reset(["sort", "dir", "size", "cols"]);
            }}
          />
        ) : null}
      </form>

      <DataTable
        caption="Customers"
        columns={columns}
        rows={props.rows}
        total={props.total}
        pageSizes={PAGE_SIZES}
        pending={pending}
        {...urlTableProps(view, patch, DEFAULT_CUSTOMER_COLUMNS)}
        empty={
          view.q ? (
            <>
              <p className="font-medium">No customer matches “{view.q}”.</p>
              <p>Search matches an identifier exactly or by its start (an email, user id, phone number or anonymous id), or any text in a trait value.</p>
            </>
          ) : (
            <>
              <p className="font-medium">No customer profiles yet.</p>
              <p>Profiles appear as soon as a source sends identify, track or page calls; an admin connects sources under Sources.</p>
            </>
          )
        }
      />
    </div>
  );
}
