"use client";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface SpendRevenuePoint {
  month: string;
  spend: number;
  revenue: number;
  newCustomers: number;
}

const usd = (n: number) => (Math.abs(n) >= 1000 ? `$${Math.round(n / 1000)}k` : `$${Math.round(n)}`);

export function SpendRevenueChart({ data }: { data: SpendRevenuePoint[] }) {
  return (
    <figure aria-label="Marketing spend and revenue by month" className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="money" tickFormatter={usd} tick={{ fontSize: 12 }} width={56} />
          <YAxis yAxisId="count" orientation="right" tick={{ fontSize: 12 }} width={40} />
          <Tooltip formatter={(v, name) => (name === "New paying customers" ? v : usd(Number(v)))} />
          <Legend />
          <Bar yAxisId="money" dataKey="spend" name="Marketing spend" fill="#94a3b8" radius={[3, 3, 0, 0]} />
          <Bar yAxisId="money" dataKey="revenue" name="Revenue" fill="#2f6fed" radius={[3, 3, 0, 0]} />
          <Line yAxisId="count" dataKey="newCustomers" name="New paying customers" stroke="#14b8a6" strokeWidth={2} dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
