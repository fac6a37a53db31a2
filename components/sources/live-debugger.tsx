"use client";
// The live debugger: polls the messages API every second for what arrived since the last poll and
// lists it newest first — accepted events, rejected messages with their reasons, and messages the
// tracking plan quarantined with their violations (and a link to the quarantine). Rows expand to the
// pretty-printed JSON, rendered as text. Pausing stops the polling; resuming catches up.
import Link from "next/link";
import { memo, useCallback, useEffect, useId, useRef, useState } from "react";
import { EVENT_TYPES, type MessageStatus } from "@/lib/sources/inputs";
import { messageJson, messageTitle, prependMessages, quarantineHref, type DebuggerMessage, type MessagesPage } from "@/lib/sources/messages";
import { CodeBlock } from "./code-block";

const POLL_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
/** Rows kept in the list; older ones drop off the bottom. */
const KEEP = 500;

type Status = MessageStatus;

interface ListState {
  /** The filters these messages were loaded for. */
  filterKey: string;
  loaded: boolean;
  messages: DebuggerMessage[];
  truncated: boolean;
}

const time = (iso: string) => `${iso.slice(11, 19)}.${iso.slice(20, 23)}`;

// Memoised: the list re-renders every second (the "last checked" time), rows only when they change.
const Row = memo(function Row({ m, sourceId, open, onToggle }: { m: DebuggerMessage; sourceId: string; open: boolean; onToggle: (key: string) => void }) {
  const panelId = useId();
  const rejected = m.kind === "rejected";
  const quarantined = m.kind === "quarantined";
  const violations = m.kind === "accepted" ? (m.violations ?? []) : m.kind === "quarantined" ? m.violations : [];
  const meta =
    m.kind === "accepted" ? [m.userId ?? m.anonymousId, m.channel].filter(Boolean).join(" · ") : m.kind === "quarantined" ? (m.userId ?? m.anonymousId ?? "") : "";
  return (
    <li
      data-testid="debugger-row"
      data-kind={m.kind}
      data-flagged={m.kind === "accepted" && violations.length ? "true" : undefined}
      className={`border-l-4 ${
        rejected ? "border-red-500 bg-red-50/40" : quarantined ? "border-orange-500 bg-orange-50/40" : violations.length ? "border-amber-500" : "border-transparent"
      }`}
    >
      <button
        type="button"
        onClick={() => onToggle(m.key)}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        className="grid w-full grid-cols-[auto_1fr] items-baseline gap-x-3 gap-y-0.5 px-3 py-2 text-left text-sm hover:bg-slate-50 sm:grid-cols-[7rem_5.5rem_minmax(0,1fr)_minmax(0,14rem)]"
      >
        <span className="font-mono text-xs text-slate-500" title={m.receivedAt}>
          {time(m.receivedAt)}
        </span>
        <span>
          {rejected ? (
            <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">Rejected</span>
          ) : quarantined ? (
            <span className="rounded bg-orange-100 px-1.5 py-0.5 text-xs font-semibold text-orange-900">Quarantined</span>
          ) : (
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{m.type}</span>
          )}
        </span>
        <span className="col-span-2 min-w-0 sm:col-span-1">
          <span className="font-medium break-words">{messageTitle(m)}</span>
          {rejected ? (
            <span className="block text-xs text-red-800">
              <span className="font-mono">{m.code}</span>: {m.reason}
              {m.messageIndex !== null ? ` (batch index ${m.messageIndex})` : ""}
            </span>
          ) : null}
          {quarantined ? (
            <span className="block text-xs text-orange-900">
              Blocked by the tracking plan{violations.length ? `: ${violations[0]!.detail}` : ""}
              {violations.length > 1 ? ` (and ${violations.length - 1} more)` : ""}
            </span>
          ) : violations.length ? (
            <span className="block text-xs text-amber-900">
              <span className="mr-1 rounded bg-amber-100 px-1.5 py-0.5 font-semibold">Plan violation</span>
              {violations[0]!.detail}
              {violations.length > 1 ? ` (and ${violations.length - 1} more)` : ""}
            </span>
          ) : null}
        </span>
        <span className="col-span-2 min-w-0 truncate text-xs text-slate-500 sm:col-span-1 sm:text-right">
          <span title={meta}>{meta}</span>
        </span>
      </button>
      {open ? (
        <div id={panelId} className="px-3 pb-3">
          {quarantined ? (
            <p className="mb-2 text-xs text-orange-900">
              Held in this source&apos;s quarantine, not stored as an event.{" "}
              <Link href={quarantineHref(sourceId, m)} className="font-medium underline">
                Open in the quarantine
              </Link>{" "}
              to release it into the normal path.
            </p>
          ) : null}
          {violations.length ? (
            <ul aria-label="Tracking plan violations" className={`mb-2 list-disc pl-5 text-xs ${quarantined ? "text-orange-900" : "text-amber-900"}`}>
              {violations.map((v, i) => (
                <li key={i}>
                  <span className="font-mono">{v.kind}</span>: {v.detail}
                </li>
              ))}
            </ul>
          ) : null}
          <pre className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100" tabIndex={0} aria-label="Message JSON">
            {messageJson(m)}
          </pre>
        </div>
      ) : null}
    </li>
  );
});

export function LiveDebugger({ sourceId, curlSnippet }: { sourceId: string; curlSnippet: string }) {
  const [paused, setPaused] = useState(false);
  const [type, setType] = useState("");
  const [eventInput, setEventInput] = useState("");
  const [event, setEvent] = useState("");
  const [status, setStatus] = useState<Status>("all");
  const filterKey = JSON.stringify([type, event, status]);
  const [list, setList] = useState<ListState>({ filterKey, loaded: false, messages: [], truncated: false });
  const [error, setError] = useState<string | null>(null);
  const [lastPollAt, setLastPollAt] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const cursor = useRef<{ filterKey: string; value: string | null }>({ filterKey, value: null });

  // Typing in the event filter waits for a pause before asking the server.
  useEffect(() => {
    const t = setTimeout(() => setEvent(eventInput.trim()), 300);
    return () => clearTimeout(t);
  }, [eventInput]);

  useEffect(() => {
    if (paused) return;
    const key = JSON.stringify([type, event, status]);
    if (cursor.current.filterKey !== key) cursor.current = { filterKey: key, value: null };
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;

    async function poll() {
      const params = new URLSearchParams();
      if (cursor.current.value) params.set("after", cursor.current.value);
      if (type) params.set("type", type);
      if (event) params.set("event", event);
      if (status !== "all") params.set("status", status);
      try {
        const res = await fetch(`/api/sources/${encodeURIComponent(sourceId)}/messages?${params}`, { signal: controller.signal, cache: "no-store" });
        const body = (await res.json().catch(() => null)) as (MessagesPage & { error?: { message?: string } }) | null;
        if (!res.ok || !body) {
          if (res.status === 401) throw new Error("Your session has ended; sign in again to keep watching.");
          throw new Error(body?.error?.message ?? `The server answered ${res.status}.`);
        }
        cursor.current = { filterKey: key, value: body.cursor };
        failures = 0;
        setError(null);
        setLastPollAt(new Date().toISOString());
        setList((prev) => {
          const same = prev.filterKey === key;
          return {
            filterKey: key,
            loaded: true,
            messages: prependMessages(same ? prev.messages : [], body.messages, KEEP),
            truncated: body.truncated || (same && prev.truncated),
          };
        });
      } catch (err) {
        if (controller.signal.aborted) return;
        failures += 1;
        setError(err instanceof Error && err.name !== "TypeError" ? err.message : "Tandem could not be reached.");
      }
      if (!controller.signal.aborted) timer = setTimeout(poll, Math.min(POLL_MS * 2 ** failures, MAX_BACKOFF_MS));
    }

    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [sourceId, type, event, status, paused]);

  const current = list.filterKey === filterKey ? list : { filterKey, loaded: false, messages: [], truncated: false };
  const filtered = type !== "" || event !== "" || status !== "all";

  const toggle = useCallback((key: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div className="min-w-[9rem]">
          <label htmlFor="debugger-type" className="text-xs font-medium text-slate-600">
            Type
          </label>
          <select id="debugger-type" value={type} onChange={(e) => setType(e.target.value)} className={control}>
            <option value="">All types</option>
            {EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-[12rem] flex-1">
          <label htmlFor="debugger-event" className="text-xs font-medium text-slate-600">
            Event name
          </label>
          <input
            id="debugger-event"
            type="search"
            value={eventInput}
            onChange={(e) => setEventInput(e.target.value)}
            placeholder="e.g. Order Completed"
            className={control}
          />
        </div>
        <div className="min-w-[9rem]">
          <label htmlFor="debugger-status" className="text-xs font-medium text-slate-600">
            Show
          </label>
          <select id="debugger-status" value={status} onChange={(e) => setStatus(e.target.value as Status)} className={control}>
            <option value="all">All messages</option>
            <option value="accepted">Accepted only</option>
            <option value="rejected">Rejected only</option>
            <option value="quarantined">Quarantined only</option>
          </select>
        </div>
        <div className="flex gap-2">
          <button
            type="button"
            onClick={() => setPaused((p) => !p)}
            aria-pressed={paused}
            className={`rounded-md px-4 py-2 text-sm font-medium ${paused ? "bg-brand-600 text-white hover:bg-brand-700" : "border border-slate-300 hover:bg-slate-50"}`}
          >
            {paused ? "Resume" : "Pause"}
          </button>
          <button
            type="button"
            onClick={() => setList({ ...current, messages: [], truncated: false })}
            disabled={current.messages.length === 0}
            className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-50"
          >
            Clear
          </button>
        </div>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p className="flex items-center gap-2 text-slate-600">
          {paused ? (
            <>
              <span aria-hidden="true" className="h-2 w-2 rounded-full bg-amber-500" />
              <span>Paused: new messages are not loaded. Resume to catch up.</span>
            </>
          ) : (
            <>
              <span aria-hidden="true" className="h-2 w-2 animate-pulse rounded-full bg-green-500" />
              <span>Live: checking every second{lastPollAt ? `, last at ${lastPollAt.slice(11, 19)} UTC` : ""}.</span>
            </>
          )}
        </p>
        <p className="text-slate-500">{current.messages.length ? `${current.messages.length} shown, newest first` : null}</p>
      </div>

      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error} Retrying…
        </p>
      ) : null}
      {current.truncated ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">More than 100 messages arrived between two checks; only the newest of each check are listed.</p>
      ) : null}

      {!current.loaded ? (
        <p aria-busy="true" className="rounded-lg border border-slate-200 bg-white px-4 py-8 text-center text-sm text-slate-500">
          {paused ? "Paused before anything was loaded. Resume to load recent messages." : "Loading recent messages…"}
        </p>
      ) : current.messages.length === 0 ? (
        filtered ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
            No messages match these filters yet. New ones that match will appear here.
          </p>
        ) : (
          <section aria-labelledby="debugger-empty" className="space-y-3 rounded-lg border border-dashed border-slate-300 bg-white p-6">
            <h2 id="debugger-empty" className="font-semibold">
              No messages yet
            </h2>
            <p className="text-sm text-slate-600">
              Send a first event and it appears here within a second or two. From a terminal, with this source&apos;s write key in place of{" "}
              <code className="font-mono">&lt;WRITE_KEY&gt;</code>:
            </p>
            <CodeBlock code={curlSnippet} label="curl snippet" />
            <p className="text-sm text-slate-600">
              Messages Tandem refuses (a missing event name, a bad type…) are listed too, with the reason, and so are messages this source&apos;s tracking plan
              blocks into its quarantine, with their violations.
            </p>
          </section>
        )
      ) : (
        <ul aria-label="Messages, newest first" className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white">
          {current.messages.map((m) => (
            <Row key={m.key} m={m} sourceId={sourceId} open={expanded.has(m.key)} onToggle={toggle} />
          ))}
        </ul>
      )}
    </div>
  );
}
