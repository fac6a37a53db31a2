"use client";
// A native <dialog> shown modally for as long as its component is mounted. The browser makes the page
// behind it inert (focus stays in the dialog) and turns Escape into a "cancel" event; what it does not
// do for a dialog removed from the document is give focus back, so this puts it back on the element
// that had it when the dialog opened.
import { useEffect, useRef } from "react";

export function useModalDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && opener?.isConnected) opener.focus();
    };
  }, []);
  return ref;
}
