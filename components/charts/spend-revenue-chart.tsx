"use client";
// Marketing spend and revenue (bars, dollars) with new paying customers (line, count) by month, and
// the same numbers as a table.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatInt, formatMoney } from "@/lib/format";
import { ChartTable } from "./chart-table";

export interface SpendRevenuePoint {
  month: string;
  spend: number;
  revenue: number;
  newCustomers: number;
}

const usd = (n: number) => (Math.abs(n) >= 1000 ? `$${Math.round(n / 1000)}k` : `$${Math.round(n)}`);

export function SpendRevenueChart({ data }: { data: SpendRevenuePoint[] }) {
  return (
    <div className="space-y-3">
      <figure aria-label="Marketing spend and revenue by month" className="h-80 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="month" tick={{ fontSize: 12 }} />
            <YAxis yAxisId="money" tickFormatter={usd} tick={{ fontSize: 12 }} width={56} />
            <YAxis yAxisId="count" orientation="right" tick={{ fontSize: 12 }} width={40} />
            <Tooltip formatter={(v, name) => (name === "New paying customers" ? v : usd(Number(v)))} />
            <Legend />
            {/* Bar and line colours keep 3:1 against white, as graphics that carry meaning must. */}
            <Bar yAxisId="money" dataKey="spend" name="Marketing spend" fill="#64748b" radius={[3, 3, 0, 0]} />
            <Bar yAxisId="money" dataKey="revenue" name="Revenue" fill="#2f6fed" radius={[3, 3, 0, 0]} />
            <Line yAxisId="count" dataKey="newCustomers" name="New paying customers" stroke="#0d9488" strokeWidth={2} dot={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <ChartTable
        caption="Marketing spend, revenue and new paying customers by month (UTC)"
        rows={data}
        rowKey={(m) => m.month}
        columns={[
          { label: "Month", value: (m) => m.month },
          { label: "Marketing spend", numeric: true, value: (m) => formatMoney(m.spend) },
          { label: "Revenue", numeric: true, value: (m) => formatMoney(m.revenue) },
          { label: "New paying customers", numeric: true, value: (m) => formatInt(m.newCustomers) },
        ]}
      />
    </div>
  );
}
