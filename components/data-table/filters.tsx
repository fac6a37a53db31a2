"use client";
// The filter controls shared by the URL-view tables (contacts, companies, tickets).

export const filterControl = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** A labelled select whose value is one URL view parameter; the options are its children. */
export function FilterSelect({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string | null | undefined;
  onChange: (value: string) => void;
  children: React.ReactNode;
}) {
  return (
    <label className="flex flex-col text-sm font-medium">
      {label}
      <select value={value ?? ""} onChange={(e) => onChange(e.target.value)} className={`${filterControl} mt-1 font-normal`}>
        {children}
      </select>
    </label>
  );
}

export function ClearFilters({ onClear }: { onClear: () => void }) {
  return (
    <button type="button" onClick={onClear} className="py-1.5 text-sm text-brand-700 underline">
      Clear filters
    </button>
  );
}
