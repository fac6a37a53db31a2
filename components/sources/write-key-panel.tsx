"use client";
// A source's write key (masked), its rotation, and the setup snippets. After a rotation the new key
// is shown once and the snippets carry it until the panel is dismissed.
import { useState, useTransition } from "react";
import { rotateWriteKey } from "@/app/(app)/sources/actions";
import { ConfirmDialog } from "./confirm-dialog";
import { KeyReveal } from "./key-reveal";
import { SnippetTabs } from "./snippet-tabs";

export function WriteKeyPanel({ sourceId, sourceName, kind, maskedWriteKey, baseUrl }: { sourceId: string; sourceName: string; kind: string; maskedWriteKey: string; baseUrl: string }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const [revealed, setRevealed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function rotate() {
    setError(null);
    startTransition(async () => {
      const res = await rotateWriteKey({ id: sourceId });
      setConfirming(false);
      if (res.ok) setRevealed(res.data.writeKey);
      else setError(res.message);
    });
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <div>
          <p className="text-sm font-medium">Write key</p>
          <p className="mt-0.5 font-mono text-sm text-slate-700">
            {maskedWriteKey}
          </p>
          <p className="mt-1 text-xs text-slate-500">Only the beginning is kept for display; Tandem stores a hash of the key.</p>
        </div>
        <button type="button" onClick={() => setConfirming(true)} disabled={pending} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
          Rotate key…
        </button>
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {revealed ? <KeyReveal writeKey={revealed} sourceName={sourceName} rotated onDismiss={() => setRevealed(null)} /> : null}

      <section aria-labelledby="snippets-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h3 id="snippets-heading" className="font-medium">
          Set up
        </h3>
        <p className="mb-3 mt-1 text-sm text-slate-600">
          Copy a snippet into your site, app or server. Sends go to <code className="font-mono">{baseUrl}/v1/…</code>, Tandem&apos;s Segment-compatible Tracking API.
        </p>
        <SnippetTabs baseUrl={baseUrl} kind={kind} writeKey={revealed} />
      </section>

      <ConfirmDialog
        open={confirming}
        title={`Rotate the write key of ${sourceName}?`}
        confirmLabel="Rotate key"
        danger
        pending={pending}
        onConfirm={rotate}
        onCancel={() => setConfirming(false)}
      >
        <p>A new key is created and shown once. The current key stops working within 5 seconds (Tandem caches key lookups for up to 5 s), so every site, app and server using it must switch to the new key.</p>
        <p>This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}
