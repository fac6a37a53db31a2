"use client";
// The full write key, shown once after creating or rotating: copy it now, then dismiss.
import { useEffect, useId, useRef } from "react";
import { CopyButton } from "./copy-button";

export function KeyReveal({ writeKey, sourceName, rotated = false, onDismiss, children }: { writeKey: string; sourceName: string; rotated?: boolean; onDismiss: () => void; children?: React.ReactNode }) {
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const inputId = useId();

  // Move focus to the key so it is announced and can be copied straight away.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [writeKey]);

  return (
    <section role="region" aria-labelledby={titleId} className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <div>
        <h2 id={titleId} className="font-semibold text-amber-950">
          {rotated ? `New write key for ${sourceName}` : `Write key for ${sourceName}`}
        </h2>
        <p className="mt-1 text-sm text-amber-900">
          <strong>Copy it now: this is the only time Tandem shows it.</strong> Only a hash of the key is stored, so it cannot be shown again; if it is lost, rotate
          the key. In a browser the key is public anyway — allowed origins and the rate limit protect a web source.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={inputId} className="sr-only">
          Write key
        </label>
        <input
          ref={input}
          id={inputId}
          readOnly
          value={writeKey}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-sm"
        />
        <CopyButton text={writeKey} what="the write key" />
      </div>
      {children}
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={onDismiss} className="rounded-md bg-amber-900 px-4 py-2 text-sm font-medium text-white hover:bg-amber-950">
          I have copied the key — hide it
        </button>
      </div>
    </section>
  );
}
