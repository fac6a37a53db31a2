"use client";
// The Customer 360 stream: what the team did (CRM, left) and what the person did in the product (CDP,
// right) on one time axis — UTC days as rows, so a call and an upgrade on the same day read as one
// row — or, toggled, one merged stream marked CRM/CDP. The CRM side keeps everything the contact
// timeline had: logging in three clicks (optimistic), filters, pinned notes, edit/delete/pin/history,
// the next-step prompt. The CDP side groups events into sessions, makes lifecycle moments and revenue
// stand out, and filters by event name or type, or hides page views. Jumping to a date moves both.
import { useCallback, useEffect, useId, useMemo, useOptimistic, useRef, useState, useTransition } from "react";
import { activityHistory, createNextStep, deleteActivity, editActivity, logActivity, pinActivity } from "@/lib/actions/contact-timeline";
import { loadPersonStream } from "@/lib/actions/customer360";
import { TIMELINE_KIND_LABELS, TIMELINE_KINDS, type TimelineItem, type TimelineKind } from "@/lib/crm/timeline";
import { alignByDay, groupSessions, type StreamItem } from "@/lib/customer360/stream";
import { addBusinessDays, DEFAULT_NEXT_STEP_TITLE, NEXT_STEP_BUSINESS_DAYS } from "@/lib/crm/tasks";
import { minutesToSeconds } from "@/lib/crm/interactions";
import type { CdpType, EncodedStreamPage } from "@/lib/data/person-stream";
import { LogActivityBar, type LogDraft } from "@/components/timeline/log-activity-bar";
import { NextStepForm } from "@/components/timeline/next-step-form";
import { TimelineEntry, type EditDraft, type EntryUser, type HistoryRow } from "@/components/timeline/timeline-entry";
import { input as inputClass, secondary } from "@/components/timeline/styles";
import { JourneyEvent, SessionCard, SideBadge } from "./journey-event";

const CDP_TYPE_LABELS: Record<CdpType, string> = { track: "Tracked events", page: "Page views", screen: "Screen views", identify: "Identify", group: "Group", alias: "Alias" };
const dayLabel = new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const select = "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

interface Filters {
  kind: TimelineKind | "";
  authorId: string;
  name: string;
  type: CdpType | "";
  hidePageViews: boolean;
  until: string;
}
const NO_FILTERS: Filters = { kind: "", authorId: "", name: "", type: "", hidePageViews: false, until: "" };

const crmOf = (i: StreamItem): TimelineItem | null => (i.side === "crm" ? i.crm : null);
const wrap = (crm: TimelineItem): StreamItem => ({ side: "crm", key: crm.key, at: crm.occurredAt, crm });

function crmMatches(item: TimelineItem, f: Filters): boolean {
  return (!f.kind || item.kind === f.kind) && (!f.authorId || item.actorId === f.authorId) && (!f.until || item.occurredAt.slice(0, 10) <= f.until);
}

export interface PersonTimelineProps {
  profileId: string | null;
  /** Whether the product has seen the person (else the CDP column says so and its filters hide). */
  productSeen: boolean;
  /** The contact whose CRM items show (and where logging goes); null for a profile with no contact. */
  contact: { id: string; name: string } | null;
  initialPage: EncodedStreamPage;
  initialPinned: TimelineItem[];
  authors: { id: string; name: string }[];
  eventNames: { name: string; count: number }[];
  canWrite: boolean;
  user: EntryUser & { name: string };
  now: string;
  /** Shown in the CRM column when there is no contact (e.g. the "create contact" action). */
  noContact?: React.ReactNode;
}

export function PersonTimeline({ profileId, productSeen, contact, initialPage, initialPinned, authors, eventNames, canWrite, user, now, noContact }: PersonTimelineProps) {
  const uid = useId();
  const [items, setItems] = useState<StreamItem[]>(initialPage.items);
  const [cursor, setCursor] = useState(initialPage.next);
  const [pinned, setPinned] = useState(initialPinned);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [view, setView] = useState<"columns" | "merged">("columns");
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [logError, setLogError] = useState<string | null>(null);
  const [nextStep, setNextStep] = useState(false);
  const [nextStepError, setNextStepError] = useState<string | null>(null);
  const [nextStepPending, startNextStep] = useTransition();
  const [, startLog] = useTransition();
  const [optimisticItems, addOptimistic] = useOptimistic(items, (state: StreamItem[], added: StreamItem) => [added, ...state]);
  const [settled, setSettled] = useState<ReadonlySet<string>>(() => new Set());
  const sentinel = useRef<HTMLDivElement>(null);
  const loadingRef = useRef(false);
  const generation = useRef(0);
  const hasCdp = productSeen;
  const hasCrm = contact !== null;

  const fetchPage = useCallback(
    async (f: Filters, after: string | null, replace: boolean) => {
      if (loadingRef.current && !replace) return;
      loadingRef.current = true;
      const gen = ++generation.current;
      setLoading(true);
      setLoadError(null);
      const res = await loadPersonStream({
        profileId,
        contactId: contact?.id ?? null,
        cursor: after,
        kinds: f.kind ? [f.kind] : undefined,
        authorId: f.authorId || undefined,
        names: f.name ? [f.name] : undefined,
        types: f.type ? [f.type] : undefined,
        hidePageViews: f.hidePageViews || undefined,
        until: f.until || null,
      });
      if (gen !== generation.current) return;
      loadingRef.current = false;
      setLoading(false);
      if (!res.ok) return setLoadError(res.message);
      setItems((prev) => {
        if (replace) return res.data.items;
        const seen = new Set(prev.map((i) => `${i.side}:${i.key}`));
        return [...prev, ...res.data.items.filter((i) => !seen.has(`${i.side}:${i.key}`))];
      });
      setCursor(res.data.next);
    },
    [profileId, contact?.id],
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

  // ── CRM writes (the contact timeline's, kept as they were) ──
  function log(draft: LogDraft) {
    if (!contact) return;
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
      if (crmMatches(temp, filters)) addOptimistic(wrap(temp));
      const res = await logActivity({ contactId: contact.id, ...draft });
      setSettled((prev) => new Set(prev).add(temp.key));
      if (!res.ok) {
        setLogError(res.message);
        return;
      }
      if (crmMatches(res.data, filters)) setItems((prev) => [wrap(res.data), ...prev]);
      if (draft.kind === "call" && draft.outcome === "connected") {
        setNextStepError(null);
        setNextStep(true);
      }
    });
  }

  function createStep(title: string, dueDay: string) {
    if (!contact) return;
    setNextStepError(null);
    startNextStep(async () => {
      const res = await createNextStep({ contactId: contact.id, title, dueDay });
      if (!res.ok) {
        setNextStepError(res.fieldErrors && Object.keys(res.fieldErrors).length ? Object.values(res.fieldErrors).join(" ") : res.message);
        return;
      }
      if (crmMatches(res.data, filters)) setItems((prev) => [wrap(res.data), ...prev]);
      setNextStep(false);
    });
  }

  const replaceEverywhere = (item: TimelineItem) => {
    setItems((prev) => prev.map((i) => (i.side === "crm" && i.key === item.key ? wrap(item) : i)));
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
    setItems((prev) => prev.filter((i) => !(i.side === "crm" && i.key === item.key)));
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

  const visible = useMemo(() => optimisticItems.filter((i) => !(i.side === "crm" && i.crm.pending && settled.has(i.key))), [optimisticItems, settled]);
  const rows = useMemo(() => alignByDay(visible), [visible]);
  const today = now.slice(0, 10);
  const yesterday = new Date(Date.parse(now) - 86_400_000).toISOString().slice(0, 10);
  const labelOf = (day: string) => (day === today ? "Today" : day === yesterday ? "Yesterday" : dayLabel.format(new Date(`${day}T00:00:00Z`)));
  const filtered = Boolean(filters.kind || filters.authorId || filters.name || filters.type || filters.hidePageViews);

  return (
    <div className="space-y-4">
      {hasCrm && canWrite ? <LogActivityBar onLog={log} error={logError} /> : null}
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
          <h3 id={`${uid}-pinned`} className="mb-2 text-xs font-semibold uppercase tracking-wide text-amber-800">
            Pinned
          </h3>
          <ul className="space-y-2" aria-label="Pinned notes">
            {pinned.map((item) => (
              <TimelineEntry key={item.key} item={item} {...entryProps} />
            ))}
          </ul>
        </section>
      ) : null}

      <div role="group" aria-label="Filter the timeline" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div role="group" aria-label="Layout" className="flex rounded-md border border-slate-300" data-testid="view-toggle">
          {(["columns", "merged"] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className={`px-3 py-1.5 text-sm font-medium first:rounded-l-md last:rounded-r-md ${view === v ? "bg-brand-700 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {v === "columns" ? "Side by side" : "One stream"}
            </button>
          ))}
        </div>
        {hasCrm ? (
          <>
            <label className="block text-xs font-medium text-slate-700">
              CRM kind
              <select value={filters.kind} onChange={(e) => changeFilters({ ...filters, kind: e.target.value as TimelineKind | "" })} className={`${select} block`}>
                <option value="">Everything</option>
                {TIMELINE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {TIMELINE_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </label>
            <label className="block text-xs font-medium text-slate-700">
              Author
              <select value={filters.authorId} onChange={(e) => changeFilters({ ...filters, authorId: e.target.value })} className={`${select} block`}>
                <option value="">Anyone</option>
                {authors.some((a) => a.id === user.id) ? null : <option value={user.id}>{user.name}</option>}
                {authors.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : null}
        {hasCdp ? (
          <>
            <label className="block text-xs font-medium text-slate-700">
              Product event
              <select value={filters.name} onChange={(e) => changeFilters({ ...filters, name: e.target.value })} className={`${select} block max-w-52`}>
                <option value="">Any event</option>
                {eventNames.map((n) => (
                  <option key={n.name} value={n.name}>
                    {n.name} ({n.count})
                  </option>
                ))}
              </select>
            </label>
            <label className="block text-xs font-medium text-slate-700">
              Event type
              <select value={filters.type} onChange={(e) => changeFilters({ ...filters, type: e.target.value as CdpType | "" })} className={`${select} block`}>
                <option value="">Any type</option>
                {(Object.keys(CDP_TYPE_LABELS) as CdpType[]).map((t) => (
                  <option key={t} value={t}>
                    {CDP_TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2 pb-2 text-sm text-slate-800">
              <input type="checkbox" checked={filters.hidePageViews} onChange={(e) => changeFilters({ ...filters, hidePageViews: e.target.checked })} className="h-4 w-4" />
              Hide page views
            </label>
          </>
        ) : null}
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const v = String(new FormData(e.currentTarget).get("until") ?? "");
            changeFilters({ ...filters, until: v });
          }}
        >
          <label className="block text-xs font-medium text-slate-700">
            Jump to date
            <input type="date" name="until" defaultValue={filters.until} max={today} className={`${inputClass} py-1.5`} />
          </label>
          <button type="submit" className={secondary}>
            Go
          </button>
          {filters.until ? (
            <button type="button" className={secondary} onClick={() => changeFilters({ ...filters, until: "" })}>
              Back to today
            </button>
          ) : null}
        </form>
      </div>

      <section aria-label="Timeline" aria-busy={loading || undefined} data-testid="person-stream">
        {view === "columns" ? (
          <div className="hidden grid-cols-2 gap-4 px-1 pb-2 text-xs font-semibold uppercase tracking-wide text-slate-700 md:grid" aria-hidden="true">
            <span>What the team did · CRM{hasCrm ? "" : " — no CRM contact"}</span>
            <span>What they did in the product · CDP{hasCdp ? "" : " — never seen in the product"}</span>
          </div>
        ) : null}
        {rows.length === 0 && !loading ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-700">
            {filtered || filters.until ? "Nothing matches these filters." : "Nothing on the timeline yet."}
          </p>
        ) : null}
        {rows.map((row) => (
          <div key={row.day} className="mb-4" data-testid="day-row" data-day={row.day}>
            <h3 className="sticky top-12 z-10 mb-2 bg-slate-50/95 py-1 text-xs font-semibold uppercase tracking-wide text-slate-700">
              <time dateTime={row.day}>{labelOf(row.day)}</time>
            </h3>
            {view === "columns" ? (
              <div className="grid gap-4 md:grid-cols-2">
                <div data-testid="crm-column" aria-label={`CRM on ${row.day}`} role="group">
                  {row.crm.length ? (
                    <ul className="space-y-2">
                      {row.crm.map((i) => (
                        <TimelineEntry key={i.key} item={crmOf(i)!} {...entryProps} />
                      ))}
                    </ul>
                  ) : (
                    hasCrm ? <p className="hidden text-xs text-slate-600 md:block">No CRM activity.</p> : null
                  )}
                </div>
                <div data-testid="cdp-column" aria-label={`Product on ${row.day}`} role="group" className="space-y-2">
                  {row.cdp.length ? (
                    groupSessions(row.cdp).map((g, n) => <SessionCard key={`${g.session?.id ?? "x"}-${g.items[0].key}-${n}`} group={g} />)
                  ) : (
                    hasCdp ? <p className="hidden text-xs text-slate-600 md:block">No product activity.</p> : null
                  )}
                </div>
              </div>
            ) : (
              <ul className="space-y-2" data-testid="merged-stream">
                {[...row.crm, ...row.cdp]
                  .sort((a, b) => visible.indexOf(a) - visible.indexOf(b))
                  .map((i) =>
                    i.side === "crm" ? (
                      <li key={`crm:${i.key}`} className="flex items-start gap-1">
                        <SideBadge side="crm" />
                        <ul className="min-w-0 flex-1">
                          <TimelineEntry item={i.crm} {...entryProps} />
                        </ul>
                      </li>
                    ) : (
                      <JourneyEvent key={`cdp:${i.key}`} item={i} showSide />
                    ),
                  )}
              </ul>
            )}
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
        ) : rows.length ? (
          <p className="text-center text-xs text-slate-600">The beginning of this relationship.</p>
        ) : null}
        {loading ? (
          <p role="status" className="sr-only">
            Loading the timeline…
          </p>
        ) : null}
        {!hasCrm && noContact ? <div className="mt-4">{noContact}</div> : null}
      </section>
    </div>
  );
}
