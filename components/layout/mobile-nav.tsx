"use client";
// The navigation drawer of small screens: a native modal <dialog>, so focus stays inside it while it
// is open, Escape closes it and focus returns to the button that opened it.
import { useRef, useState } from "react";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { NavLinks, type NavItem } from "./nav-links";

export function MobileNav({ items }: { items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
      >
        <span aria-hidden="true">☰</span>
        <span className="sr-only">Open navigation</span>
      </button>
      {open ? <Drawer items={items} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function Drawer({ items, onClose }: { items: NavItem[]; onClose: () => void }) {
  const ref = useModalDialog();
  const panel = useRef<HTMLDivElement>(null);
  return (
    <dialog
      ref={ref}
      aria-label="Navigation"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click beside the panel (on the backdrop) closes the drawer.
        if (!panel.current?.contains(e.target as Node)) onClose();
      }}
      className="m-0 h-full max-h-none w-full max-w-none bg-transparent p-0 backdrop:bg-slate-900/30"
    >
      <div ref={panel} className="flex h-full w-64 flex-col bg-white pt-2 shadow-xl">
        <div className="flex justify-end px-3 pb-2">
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
            Close<span className="sr-only"> navigation</span>
          </button>
        </div>
        <NavLinks items={items} onNavigate={onClose} />
      </div>
    </dialog>
  );
}
