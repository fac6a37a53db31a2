"use client";
// The filter controls shared by the URL-view tables (contacts, companies, tickets, customers).

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

/** Owner: anyone, unowned, or one of the staff who may own records. */
export function OwnerFilter({ value, owners, onChange }: { value: string | null | undefined; owners: { id: string; name: string }[]; onChange: (value: string) => void }) {
  return (
    <FilterSelect label="Owner" value={value} onChange={onChange}>
      <option value="">Anyone</option>
      <option value="none">Unowned</option>
      {owners.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </FilterSelect>
  );
}

/** Open tickets: any, with, or without. */
export function OpenTicketsFilter({ value, onChange }: { value: string | null | undefined; onChange: (value: string) => void }) {
  return (
    <FilterSelect label="Open tickets" value={value} onChange={onChange}>
      <option value="">Any</option>
      <option value="open">With open tickets</option>
      <option value="none">Without open tickets</option>
    </FilterSelect>
  );
}
