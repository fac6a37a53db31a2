"use client";
// The relationship timeline: pinned notes, then every entry newest first grouped by (UTC) day, filtered
// by kind and author, with infinite scroll (IntersectionObserver, and a "Load more" button for the
// keyboard). Logging is optimistic: the entry shows at once and is replaced by the saved one.
import { useCallback, useEffect, useId, useOptimistic, useRef, useState, useTransition } from "react";
import { activityHistory, createNextStep, deleteActivity, editActivity, loadTimeline, logActivity, pinActivity } from "@/lib/actions/contact-timeline";
import { groupByDay, TIMELINE_KIND_LABELS, TIMELINE_KINDS, type TimelineItem, type TimelineKind, type TimelinePage } from "@/lib/crm/timeline";
import { addBusinessDays, DEFAULT_NEXT_STEP_TITLE, NEXT_STEP_BUSINESS_DAYS } from "@/lib/crm/tasks";
import { minutesToSeconds } from "@/lib/crm/interactions";
import { LogActivityBar, type LogDraft } from "./log-activity-bar";
import { NextStepForm } from "./next-step-form";
import { TimelineEntry, type EditDraft, type EntryUser, type HistoryRow } from "./timeline-entry";
import { secondary } from "./styles";

interface Filters {
  kind: TimelineKind | "";
  authorId: string;
}

function matches(item: TimelineItem, f: Filters): boolean {
  return (!f.kind || item.kind === f.kind) && (!f.authorId || item.actorId === f.authorId);
}

export function Timeline({
  contactId,
  initialPage,
  initialPinned,
  authors,
  canWrite,
  user,
  now,
}: {
  contactId: string;
  initialPage: TimelinePage;
  initialPinned: TimelineItem[];
  authors: { id: string; name: string }[];
  canWrite: boolean;
  user: EntryUser & { name: string };
  now: string;
}) {
  const uid = useId();
  const [items, setItems] = useState(initialPage.items);
  const [cursor, setCursor] = useState(initialPage.nextCursor);
  const [pinned, setPinned] = useState(initialPinned);
  const [filters, setFilters] = useState<Filters>({ kind: "", authorId: "" });
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [logError, setLogError] = useState<string | null>(null);
  const [nextStep, setNextStep] = useState(false);
  const [nextStepError, setNextStepError] = useState<string | null>(null);
  const [nextStepPending, startNextStep] = useTransition();
  const [, startLog] = useTransition();
  const [optimisticItems, addOptimistic] = useOptimistic(items, (state: TimelineItem[], added: TimelineItem) => [added, ...state]);
  // Optimistic entries already replaced by their saved version (the transition that shows them can
  // outlive the save while the router refreshes the page, so they are hidden as soon as it lands).
  const [settled, setSettled] = useState<ReadonlySet<string>>(() => new Set());
  const sentinel = useRef<HTMLDivElement>(null);
  const loadingRef = useRef(false);
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (f: Filters, after: string | null, replace: boolean) => {
      if (loadingRef.current && !replace) return;
      loadingRef.current = true;
      const gen = ++generation.current;
      setLoading(true);
      setLoadError(null);
      const res = await loadTimeline({ contactId, cursor: after, kinds: f.kind ? [f.kind] : undefined, authorId: f.authorId || undefined });
      if (gen !== generation.current) return;
      loadingRef.current = false;
      setLoading(false);
      if (!res.ok) return setLoadError(res.message);
      setItems((prev) => {
        if (replace) return res.data.items;
        const seen = new Set(prev.map((i) => i.key));
        return [...prev, ...res.data.items.filter((i) => !seen.has(i.key))];
      });
      setCursor(res.data.nextCursor);
    },
    [contactId],
  );

  const loadMore = useCallback(() => {
    if (cursor) void fetchPage(filters, cursor, false);
  }, [cursor, fetchPage, filters]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadMore(), { rootMargin: "400px" });
    io.observe(el);
    return () => io.disconnect();
  }, [cursor, loadMore]);

  function changeFilters(next: Filters) {
    setFilters(next);
    void fetchPage(next, null, true);
  }

  function log(draft: LogDraft) {
    setLogError(null);
    setNextStep(false);
    const temp: TimelineItem = {
      key: `pending:${Date.now()}`,
      kind: draft.kind,
      verb: null,
      refId: "",
      occurredAt: new Date().toISOString(),
      actorId: user.id,
      actorName: user.name,
      title: draft.subject ?? null,
      body: draft.body ?? null,
      outcome: draft.outcome ?? null,
      durationSeconds: minutesToSeconds(draft.durationMinutes) ?? null,
      pinned: false,
      number: null,
      dueAt: null,
      pending: true,
    };
    startLog(async () => {
      if (matches(temp, filters)) addOptimistic(temp);
      const res = await logActivity({ contactId, ...draft });
      setSettled((prev) => new Set(prev).add(temp.key));
      if (!res.ok) {
        setLogError(res.message);
        return;
      }
      const saved = res.data;
      if (matches(saved, filters)) setItems((prev) => [saved, ...prev]);
      if (draft.kind === "call" && draft.outcome === "connected") {
        setNextStepError(null);
        setNextStep(true);
      }
    });
  }

  function createStep(title: string, dueDay: string) {
    setNextStepError(null);
    startNextStep(async () => {
      const res = await createNextStep({ contactId, title, dueDay });
      if (!res.ok) {
        setNextStepError(res.fieldErrors && Object.keys(res.fieldErrors).length ? Object.values(res.fieldErrors).join(" ") : res.message);
        return;
      }
      if (matches(res.data, filters)) setItems((prev) => [res.data, ...prev]);
      setNextStep(false);
    });
  }

  const replaceEverywhere = (item: TimelineItem) => {
    setItems((prev) => prev.map((i) => (i.key === item.key ? item : i)));
    setPinned((prev) => {
      const rest = prev.filter((i) => i.key !== item.key);
      return item.pinned ? [item, ...rest].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)) : rest;
    });
  };

  async function onEdit(item: TimelineItem, draft: EditDraft): Promise<string | null> {
    const res = await editActivity({ id: item.refId, ...draft });
    if (!res.ok) return res.message;
    replaceEverywhere(res.data);
    return null;
  }
  async function onDelete(item: TimelineItem): Promise<string | null> {
    const res = await deleteActivity({ id: item.refId });
    if (!res.ok) return res.message;
    setItems((prev) => prev.filter((i) => i.key !== item.key));
    setPinned((prev) => prev.filter((i) => i.key !== item.key));
    return null;
  }
  async function onPin(item: TimelineItem, pin: boolean): Promise<string | null> {
    const res = await pinActivity({ id: item.refId, pinned: pin });
    if (!res.ok) return res.message;
    replaceEverywhere(res.data);
    return null;
  }
  async function loadHistory(item: TimelineItem): Promise<HistoryRow[] | string> {
    const res = await activityHistory({ id: item.refId });
    return res.ok ? res.data : res.message;
  }

  const entryProps = { user, canWrite, onEdit, onDelete, onPin, loadHistory };
  const days = groupByDay(
    optimisticItems.filter((i) => !(i.pending && settled.has(i.key))),
    new Date(now),
  );

  return (
    <div className="space-y-4">
      {canWrite ? <LogActivityBar onLog={log} error={logError} /> : null}
      {nextStep ? (
        <NextStepForm
          defaultTitle={DEFAULT_NEXT_STEP_TITLE}
          defaultDay={addBusinessDays(new Date(), NEXT_STEP_BUSINESS_DAYS)}
          pending={nextStepPending}
          error={nextStepError}
          onCreate={createStep}
          onSkip={() => setNextStep(false)}
        />
      ) : null}

      {pinned.length ? (
        <section aria-labelledby={`${uid}-pinned`}>
          <h3 id={`${uid}-pinned`} className="mb-2 text-xs font-semibold uppercase tracking-wide text-amber-700">
            Pinned
          </h3>
          <ul className="space-y-2" aria-label="Pinned notes">
            {pinned.map((item) => (
              <TimelineEntry key={item.key} item={item} {...entryProps} />
            ))}
          </ul>
        </section>
      ) : null}

      <div role="group" aria-label="Filter the timeline" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${uid}-kind`} className="block text-xs font-medium text-slate-600">
            Kind
          </label>
          <select
            id={`${uid}-kind`}
            value={filters.kind}
            onChange={(e) => changeFilters({ ...filters, kind: e.target.value as TimelineKind | "" })}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="">Everything</option>
            {TIMELINE_KINDS.map((k) => (
              <option key={k} value={k}>
                {TIMELINE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${uid}-author`} className="block text-xs font-medium text-slate-600">
            Author
          </label>
          <select
            id={`${uid}-author`}
            value={filters.authorId}
            onChange={(e) => changeFilters({ ...filters, authorId: e.target.value })}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="">Anyone</option>
            {authors.some((a) => a.id === user.id) ? null : <option value={user.id}>{user.name}</option>}
            {authors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      </div>

      <section aria-label="Timeline" aria-busy={loading || undefined}>
        {days.length === 0 && !loading ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-500">
            {filters.kind || filters.authorId ? "Nothing matches these filters." : "Nothing on the timeline yet."}
          </p>
        ) : null}
        {days.map((d, i) => (
          <div key={`${d.day}-${i}`} className="mb-4">
            <h3 className="sticky top-0 z-10 mb-2 bg-slate-50/90 py-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
              <time dateTime={d.day}>{d.label}</time>
            </h3>
            <ul className="space-y-2">
              {d.items.map((item) => (
                <TimelineEntry key={item.key} item={item} {...entryProps} />
              ))}
            </ul>
          </div>
        ))}
        <div ref={sentinel} aria-hidden="true" />
        {loadError ? (
          <p role="alert" className="text-sm text-red-700">
            {loadError}
          </p>
        ) : null}
        {cursor ? (
          <button type="button" onClick={loadMore} disabled={loading} className={secondary}>
            {loading ? "Loading…" : "Load more"}
          </button>
        ) : days.length ? (
          <p className="text-center text-xs text-slate-400">The beginning of this relationship.</p>
        ) : null}
        {loading ? (
          <p role="status" className="sr-only">
            Loading the timeline…
          </p>
        ) : null}
      </section>
    </div>
  );
}
