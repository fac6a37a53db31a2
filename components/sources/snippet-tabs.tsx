"use client";
// Setup snippets for a source in tabs (browser, Node, curl), pointed at this Tandem. They show the
// full write key only right after it was revealed; otherwise the <WRITE_KEY> placeholder.
import { useId, useRef, useState } from "react";
import { buildSnippets, SNIPPET_LABELS, snippetOrder, WRITE_KEY_PLACEHOLDER, type SnippetKey } from "@/lib/sources/snippets";
import { CodeBlock } from "./code-block";

const NOTES: Record<SnippetKey, React.ReactNode> = {
  browserNpm: (
    <>
      Segment&apos;s <code>@segment/analytics-next</code> from npm, with its settings and API calls sent to Tandem instead of Segment.
    </>
  ),
  browserScript: (
    <>
      Tandem&apos;s own tracker: one tag, no build step. It records page views by itself and exposes <code>tandem.track()</code>, <code>identify()</code>,{" "}
      <code>page()</code>, <code>group()</code> and <code>alias()</code>.
    </>
  ),
  node: (
    <>
      <code>@segment/analytics-node</code> batches calls and posts them to <code>/v1/batch</code> on this host.
    </>
  ),
  curl: <>One track call over the Tracking API, authenticated with the key as the HTTP Basic user name.</>,
};

export function SnippetTabs({ baseUrl, kind, writeKey }: { baseUrl: string; kind: string; writeKey?: string | null }) {
  const order = snippetOrder(kind);
  const [active, setActive] = useState<SnippetKey>(order[0]!);
  const snippets = buildSnippets(baseUrl, writeKey);
  const base = useId();
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});

  function onKeyDown(e: React.KeyboardEvent, index: number) {
    const next = e.key === "ArrowRight" ? index + 1 : e.key === "ArrowLeft" ? index - 1 : e.key === "Home" ? 0 : e.key === "End" ? order.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const key = order[(next + order.length) % order.length]!;
    setActive(key);
    tabs.current[key]?.focus();
  }

  return (
    <div>
      <div role="tablist" aria-label="Setup snippets" className="flex flex-wrap gap-1 border-b border-slate-200">
        {order.map((key, i) => (
          <button
            key={key}
            ref={(el) => {
              tabs.current[key] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${key}`}
            aria-selected={active === key}
            aria-controls={`${base}-panel-${key}`}
            tabIndex={active === key ? 0 : -1}
            onClick={() => setActive(key)}
            onKeyDown={(e) => onKeyDown(e, i)}
            className={`-mb-px rounded-t-md border-b-2 px-3 py-2 text-sm ${
              active === key ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {SNIPPET_LABELS[key]}
          </button>
        ))}
      </div>
      {order.map((key) => (
        <div key={key} role="tabpanel" id={`${base}-panel-${key}`} aria-labelledby={`${base}-tab-${key}`} hidden={active !== key} className="space-y-2 pt-3">
          <p className="text-sm text-slate-600">{NOTES[key]}</p>
          <CodeBlock code={snippets[key]} label={`${SNIPPET_LABELS[key]} snippet`} />
        </div>
      ))}
      {!writeKey ? (
        <p className="mt-2 text-xs text-slate-500">
          Replace <code className="font-mono">{WRITE_KEY_PLACEHOLDER}</code> with this source&apos;s write key. Tandem only shows the full key when it is created or rotated.
        </p>
      ) : null}
    </div>
  );
}
