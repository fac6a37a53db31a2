"use client";
// One entry of the relationship timeline, with its author's (or an admin's) edit, delete, pin and history.
import { useId, useState } from "react";
import { CALL_OUTCOMES, canModifyInteraction, OUTCOME_LABELS, type CallOutcome } from "@/lib/crm/interactions";
import { timelineHeadline as headline, type TimelineItem } from "@/lib/crm/timeline";
import { RichText } from "./rich-text";
import { input, link, primary, secondary } from "./styles";

const time = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

const ICONS: Record<string, string> = { note: "✎", call: "☎", email: "✉", meeting: "👥", demo: "▶", form_fill: "☑", ticket: "🎫", task: "✓" };

export interface EntryUser {
  id: string;
  role: string;
}

export interface EditDraft {
  subject: string | null;
  body: string | null;
  outcome?: CallOutcome | null;
  durationMinutes?: number | null;
}

export interface HistoryRow {
  field: string;
  oldValue: string | null;
  newValue: string | null;
  changedAt: string;
  changedBy: string | null;
}

export function TimelineEntry({
  item,
  user,
  canWrite,
  onEdit,
  onDelete,
  onPin,
  loadHistory,
}: {
  item: TimelineItem;
  user: EntryUser;
  canWrite: boolean;
  onEdit: (item: TimelineItem, draft: EditDraft) => Promise<string | null>;
  onDelete: (item: TimelineItem) => Promise<string | null>;
  onPin: (item: TimelineItem, pinned: boolean) => Promise<string | null>;
  loadHistory: (item: TimelineItem) => Promise<HistoryRow[] | string>;
}) {
  const uid = useId();
  const [mode, setMode] = useState<"view" | "edit" | "confirm-delete">("view");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<HistoryRow[] | null>(null);
  const isInteraction = item.key.startsWith("interaction:");
  const mine = isInteraction && canWrite && !item.pending && canModifyInteraction(user, item.actorId);

  async function run(fn: () => Promise<string | null>) {
    setBusy(true);
    setError(null);
    const err = await fn();
    setBusy(false);
    if (err) setError(err);
    else setMode("view");
  }

  function onSubmitEdit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const draft: EditDraft = { subject: String(f.get("subject") ?? "").trim() || null, body: String(f.get("body") ?? "") || null };
    if (item.kind === "call") {
      draft.outcome = (String(f.get("outcome") ?? "") || null) as CallOutcome | null;
      const m = String(f.get("durationMinutes") ?? "").trim();
      draft.durationMinutes = m ? Number(m) : null;
    }
    void run(() => onEdit(item, draft));
  }

  async function toggleHistory() {
    if (history) return setHistory(null);
    const res = await loadHistory(item);
    if (typeof res === "string") setError(res);
    else setHistory(res);
  }

  return (
    <li
      data-testid="timeline-item"
      data-kind={item.kind}
      aria-busy={item.pending || busy ? true : undefined}
      // A form fill is a key moment of the journey (the person reached out): it stands out.
      className={`relative rounded-lg border p-3 ${item.pending ? "border-dashed border-slate-300 bg-white opacity-70" : item.kind === "form_fill" ? "border-indigo-300 bg-indigo-50" : "border-slate-200 bg-white"}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm font-medium text-slate-900">
          <span aria-hidden="true" className="mr-1.5 inline-block w-4 text-center text-slate-500">
            {ICONS[item.kind]}
          </span>
          {headline(item)}
          {item.pinned ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">Pinned</span> : null}
        </p>
        <p className="text-xs text-slate-500">
          {item.actorName ? `${item.actorName} · ` : ""}
          <time dateTime={item.occurredAt}>{time.format(new Date(item.occurredAt))} UTC</time>
          {item.pending ? " · Saving…" : ""}
        </p>
      </div>
      {item.kind === "task" && item.verb === "created" && item.dueAt ? (
        <p className="mt-1 text-xs text-slate-600">Due {day.format(new Date(item.dueAt))}</p>
      ) : null}

      {mode === "edit" ? (
        <form onSubmit={onSubmitEdit} aria-label="Edit entry" className="mt-2 space-y-2">
          {item.kind === "call" ? (
            <div className="grid gap-2 sm:grid-cols-2">
              <div>
                <label htmlFor={`${uid}-outcome`} className="text-xs font-medium">
                  Outcome
                </label>
                <select id={`${uid}-outcome`} name="outcome" defaultValue={item.outcome ?? "connected"} className={input}>
                  {CALL_OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {OUTCOME_LABELS[o]}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={`${uid}-duration`} className="text-xs font-medium">
                  Duration (minutes)
                </label>
                <input
                  id={`${uid}-duration`}
                  name="durationMinutes"
                  type="number"
                  min={0}
                  max={1440}
                  defaultValue={item.durationSeconds == null ? "" : Math.round(item.durationSeconds / 60)}
                  className={input}
                />
              </div>
            </div>
          ) : null}
          <div>
            <label htmlFor={`${uid}-subject`} className="text-xs font-medium">
              Subject
            </label>
            <input id={`${uid}-subject`} name="subject" defaultValue={item.title ?? ""} maxLength={200} className={input} />
          </div>
          <div>
            <label htmlFor={`${uid}-body`} className="text-xs font-medium">
              Text
            </label>
            <textarea id={`${uid}-body`} name="body" rows={4} defaultValue={item.body ?? ""} maxLength={20000} className={input} />
          </div>
          <div className="flex gap-2">
            <button type="submit" disabled={busy} className={primary}>
              Save changes
            </button>
            <button type="button" onClick={() => setMode("view")} className={secondary}>
              Cancel
            </button>
          </div>
        </form>
      ) : item.body ? (
        <RichText text={item.body} className="mt-2" />
      ) : null}

      {mine && mode !== "edit" ? (
        <div className="mt-2 flex flex-wrap items-center gap-3">
          {mode === "confirm-delete" ? (
            <>
              <span className="text-xs text-slate-700">Delete this entry?</span>
              <button type="button" disabled={busy} onClick={() => void run(() => onDelete(item))} className="text-xs font-medium text-red-700 hover:underline">
                Yes, delete
              </button>
              <button type="button" onClick={() => setMode("view")} className={link}>
                Cancel
              </button>
            </>
          ) : (
            <>
              {item.kind === "note" ? (
                <button type="button" disabled={busy} onClick={() => void run(() => onPin(item, !item.pinned))} className={link}>
                  {item.pinned ? "Unpin" : "Pin"}
                </button>
              ) : null}
              <button type="button" onClick={() => setMode("edit")} className={link}>
                Edit
              </button>
              <button type="button" onClick={() => setMode("confirm-delete")} className={link}>
                Delete
              </button>
              <button type="button" aria-expanded={!!history} onClick={() => void toggleHistory()} className={link}>
                History
              </button>
            </>
          )}
        </div>
      ) : null}
      {history ? (
        <div className="mt-2 rounded bg-slate-50 p-2 text-xs text-slate-600">
          {history.length === 0 ? (
            <p>No changes since it was logged.</p>
          ) : (
            <ul className="space-y-1">
              {history.map((h, i) => (
                <li key={i}>
                  <span className="font-medium">{h.changedBy ?? "Someone"}</span> changed <span className="font-medium">{h.field}</span> on{" "}
                  {day.format(new Date(h.changedAt))} {time.format(new Date(h.changedAt))} UTC
                  {h.field !== "body" ? (
                    <>
                      : “{h.oldValue ?? "—"}” → “{h.newValue ?? "—"}”
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </li>
  );
}
