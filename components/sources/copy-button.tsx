"use client";
// Copies a text to the clipboard, with a fallback for plain-http pages (no Clipboard API there).
import { useEffect, useState } from "react";

function copyWithSelection(text: string): boolean {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand("copy");
  } finally {
    area.remove();
  }
}

export function CopyButton({ text, label = "Copy", what, className }: { text: string; label?: string; what?: string; /** Replaces the default look. */ className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(t);
  }, [state]);

  async function copy() {
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        ok = true;
      } else ok = copyWithSelection(text);
    } catch {
      ok = copyWithSelection(text);
    }
    setState(ok ? "copied" : "failed");
  }

  return (
    <>
      <button
        type="button"
        onClick={copy}
        aria-label={what ? `${label} ${what}` : undefined}
        className={className || "shrink-0 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"}
      >
        {state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : label}
      </button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Copied to the clipboard." : state === "failed" ? "Could not copy; select the text and copy it yourself." : ""}
      </span>
    </>
  );
}
