"use client";
// "Download CSV" for a table already on the page: the same rows, written per RFC 4180 with formula
// protection (lib/crm/csv.ts), as a file the browser saves.
import { csvRow, type CsvValue } from "@/lib/crm/csv";

export function CsvButton({ filename, header, rows, label = "Download CSV" }: { filename: string; header: string[]; rows: CsvValue[][]; label?: string }) {
  return (
    <button
      type="button"
      className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
      onClick={() => {
        const text = `\uFEFF${csvRow(header)}${rows.map((r) => csvRow(r)).join("")}`;
        const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
        const a = document.createElement("a");
        a.href = url;
        a.download = filename;
        document.body.appendChild(a);
        a.click();
        a.remove();
        URL.revokeObjectURL(url);
      }}
    >
      {label}
    </button>
  );
}
