"use client";
// Choose a company by typing part of its name or domain: a labelled search box whose matches come
// from the server (there may be many thousands), shown as a list of buttons (keyboard: Tab/Enter).
import { useEffect, useId, useState, useTransition } from "react";
import { findCompanies } from "@/app/(app)/contacts/actions";

export interface PickedCompany {
  id: string;
  name: string;
}

export function CompanyPicker({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: PickedCompany | null;
  onChange(v: PickedCompany | null): void;
  error?: string;
}) {
  const id = useId();
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<{ id: string; name: string; domain: string | null }[]>([]);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => {
      startTransition(async () => {
        const res = await findCompanies({ q });
        setOptions(res.ok ? res.data : []);
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [q, open]);

  if (value) {
    return (
      <div>
        <span className="text-sm font-medium" id={`${id}-label`}>
          {label}
        </span>
        <div className="mt-1 flex items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm" aria-labelledby={`${id}-label`}>
          <span className="flex-1 truncate" data-testid="picked-company">
            {value.name}
          </span>
          <button type="button" className="text-brand-700 underline" onClick={() => onChange(null)} aria-label={`Clear ${label.toLowerCase()}`}>
            Clear
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="relative">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={q}
        autoComplete="off"
        placeholder="Search companies"
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === "Escape") setOpen(false);
        }}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        // Only while the list exists: an id reference to nothing is invalid ARIA.
        aria-controls={open ? `${id}-list` : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500"
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
      {open ? (
        <ul id={`${id}-list`} aria-label={`${label} matches`} aria-busy={pending} className="absolute z-30 mt-1 max-h-60 w-full overflow-auto rounded-md border border-slate-200 bg-white text-sm shadow-lg">
          {options.length === 0 ? (
            <li className="px-3 py-2 text-slate-500">{pending ? "Searching…" : "No matching company"}</li>
          ) : (
            options.map((o) => (
              <li key={o.id}>
                <button
                  type="button"
                  className="block w-full px-3 py-2 text-left hover:bg-brand-50 focus:bg-brand-50"
                  onClick={() => {
                    onChange({ id: o.id, name: o.name });
                    setOpen(false);
                    setQ("");
                  }}
                >
                  {o.name}
                  {o.domain ? <span className="ml-2 text-xs text-slate-500">{o.domain}</span> : null}
                </button>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
