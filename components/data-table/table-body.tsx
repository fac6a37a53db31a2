"use client";
// The body of a @tanstack/react-table table: its rows (each cell rendered by its column), or one
// full-width row saying why there are none. Shared by the paged data table and the audit log.
import { flexRender, type Cell, type Table } from "@tanstack/react-table";

export function TableBody<T>({
  table,
  empty,
  testId,
  rowClassName = "hover:bg-slate-50",
  cellClassName = () => "",
}: {
  table: Table<T>;
  empty: React.ReactNode;
  /** data-testid of each row. */
  testId: string;
  rowClassName?: string;
  cellClassName?: (cell: Cell<T, unknown>) => string;
}) {
  const rows = table.getRowModel().rows;
  return (
    <tbody className="divide-y divide-slate-100">
      {rows.length === 0 ? (
        <tr>
          <td colSpan={table.getVisibleLeafColumns().length} className="px-3 py-10 text-center text-slate-600">
            {empty}
          </td>
        </tr>
      ) : (
        rows.map((row) => (
          <tr key={row.id} data-testid={testId} className={rowClassName}>
            {row.getVisibleCells().map((cell) => (
              <td key={cell.id} className={`whitespace-nowrap px-3 py-2 ${cellClassName(cell)}`}>
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </td>
            ))}
          </tr>
        ))
      )}
    </tbody>
  );
}
