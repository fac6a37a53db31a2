// A chart's numbers as a table behind "Show as a table": the text alternative every chart carries, for
// screen readers, keyboard users and anyone who wants exact values.
import { ScrollRegion } from "@/components/ui/scroll-region";

export interface ChartColumn<Row> {
  label: string;
  /** Right-aligned tabular figures. */
  numeric?: boolean;
  value: (row: Row) => React.ReactNode;
}

export function ChartTable<Row>({ caption, columns, rows, rowKey }: { caption: string; columns: ChartColumn<Row>[]; rows: Row[]; rowKey: (row: Row) => string }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-600">Show as a table</summary>
      <ScrollRegion label={caption} className="mt-2 max-h-72 overflow-auto rounded-md border border-slate-200">
        <table className="min-w-full text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              {columns.map((c) => (
                <th key={c.label} scope="col" className={`px-3 py-1.5 ${c.numeric ? "text-right" : ""}`}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.label} className={`px-3 py-1 ${c.numeric ? "text-right tabular-nums" : ""}`}>
                    {c.value(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}
