"use client";
import { useEffect, useRef, useState } from "react";
import { NavLinks, type NavItem } from "./nav-links";

export function MobileNav({ items }: { items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => setOpen((o) => !o)}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
      >
        <span aria-hidden="true">☰</span>
        <span className="sr-only">{open ? "Close navigation" : "Open navigation"}</span>
      </button>
      {open ? (
        <div id="mobile-nav" className="fixed inset-0 z-40 flex" role="dialog" aria-modal="true" aria-label="Navigation">
          <div className="w-64 bg-white pt-4 shadow-xl">
            <NavLinks items={items} onNavigate={() => setOpen(false)} />
          </div>
          <button type="button" aria-label="Close navigation" className="flex-1 bg-slate-900/30" onClick={() => setOpen(false)} />
        </div>
      ) : null}
    </>
  );
}
