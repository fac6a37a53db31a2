"use client";
// A profile's event stream, newest first, across every identifier merged into it: filter by event name,
// "Load more" for older events (a server action pages by cursor). Details are shown as text.
import { useRef, useState, useTransition } from "react";
import { loadProfileEvents } from "@/app/(app)/customers/[id]/actions";
import { formatDateTime, formatInt } from "@/lib/format";
import type { StreamEvent, StreamPage } from "./stream-event";
import { ScrollRegion } from "@/components/ui/scroll-region";

const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";

const detailsLabel = (e: StreamEvent) => (e.type === "identify" || e.type === "group" ? "Traits" : "Properties");

export function EventStream({ profileId, initial, names, total }: { profileId: string; initial: StreamPage; names: { name: string; count: number }[]; total: number }) {
  const [events, setEvents] = useState<StreamEvent[]>(initial.events);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [filter, setFilter] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const generation = useRef(0);

  const load = (event: string, after: string | null, replace: boolean) => {
    const gen = ++generation.current;
    setError(null);
    start(async () => {
      const res = await loadProfileEvents({ profileId, cursor: after, event: event || null });
      if (gen !== generation.current) return;
      if (!res.ok) {
        setError(res.message);
        return;
      }
      setEvents((prev) => {
        if (replace) return res.data.events;
        const seen = new Set(prev.map((e) => e.seq));
        return [...prev, ...res.data.events.filter((e) => !seen.has(e.seq))];
      });
      setCursor(res.data.nextCursor);
    });
  };

  return (
    <section aria-labelledby="events-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="events-heading" className="text-lg font-semibold">
          Events <span className="text-sm font-normal text-slate-500">({formatInt(total)})</span>
        </h2>
        <label className="flex flex-col text-sm font-medium">
          Event name
          <select
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              load(e.target.value, null, true);
            }}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal"
          >
            <option value="">All events</option>
            {names.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name} ({formatInt(n.count)})
              </option>
            ))}
          </select>
        </label>
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {pending ? "Loading events…" : `${events.length} events shown`}
      </p>
      {error ? (
        <p role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {events.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{filter ? `No “${filter}” events.` : "No events from this person yet."}</p>
      ) : (
        <ol className={`mt-3 divide-y divide-slate-100 transition-opacity ${pending ? "opacity-60" : ""}`} aria-label="Event stream">
          {events.map((e) => (
            <li key={e.seq} className="py-2 text-sm" data-testid="profile-event">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium">
                  <span data-testid="event-label">{e.label}</span>
                  {e.type === "page" && e.pagePath ? <span className="ml-2 font-normal text-slate-500">{e.pagePath}</span> : null}
                </p>
                <time dateTime={e.timestamp} className="text-xs text-slate-500">
                  {formatDateTime(e.timestamp)}
                </time>
              </div>
              <p className="text-xs text-slate-500">
                {e.type} · {e.sourceName ?? `source ${e.sourceId}`}
                {e.channel ? ` · ${e.channel}` : ""} · message <code className="break-all">{e.messageId}</code>
              </p>
              {e.details ? (
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-slate-600">{detailsLabel(e)}</summary>
                  <ScrollRegion label={`${detailsLabel(e)} of ${e.label}`} className="mt-1 max-h-64 overflow-auto rounded bg-slate-50">
                    <pre className="p-2 text-xs whitespace-pre-wrap break-all">{e.details}</pre>
                  </ScrollRegion>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {cursor ? (
        <div className="mt-3 flex justify-center">
          <button type="button" className={button} disabled={pending} onClick={() => load(filter, cursor, false)}>
            {pending ? "Loading…" : "Load more"}
          </button>
        </div>
      ) : null}
    </section>
  );
}
