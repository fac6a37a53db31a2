"use client";
// The reply box: a public reply to the requester or an internal note, "submitted as" a status (like
// Zendesk). Plain text only; the conversation renders it as text, never as HTML.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { replyToTicket } from "@/app/(app)/tickets/actions";
import { checkTransition, defaultSubmitStatus, STATUS_LABELS, TICKET_STATUSES, type TicketStatus } from "@/lib/crm/tickets";

export function ReplyBox({ ticketId, status }: { ticketId: string; status: TicketStatus }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [body, setBody] = useState("");
  const [isPublic, setPublic] = useState(true);
  const [submitAs, setSubmitAs] = useState<TicketStatus>(defaultSubmitStatus(status));
  const [error, setError] = useState<string | null>(null);
  // Re-sync the default "submit as" when the ticket's status changes under us.
  const [seenStatus, setSeenStatus] = useState(status);
  if (seenStatus !== status) {
    setSeenStatus(status);
    setSubmitAs(defaultSubmitStatus(status));
  }
  const choices = TICKET_STATUSES.filter((s) => s === status || checkTransition(status, s) === null).filter((s) => s !== "closed");

  return (
    <form
      aria-label="Reply"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          setError(null);
          const res = await replyToTicket({ ticketId, body, public: isPublic, status: submitAs === status ? "" : submitAs });
          if (!res.ok) {
            setError(res.fieldErrors?.body ?? res.message);
            return;
          }
          setBody("");
          router.refresh();
        });
      }}
    >
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">Reply type</legend>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="kind" checked={isPublic} onChange={() => setPublic(true)} /> Public reply
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="kind" checked={!isPublic} onChange={() => setPublic(false)} /> Internal note
        </label>
      </fieldset>
      <textarea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={5}
        aria-label="Message"
        placeholder={isPublic ? "Reply to the requester…" : "Note for the team (the requester does not see it)…"}
        className={`block w-full rounded-md border px-3 py-2 text-sm ${isPublic ? "border-slate-300" : "border-amber-300 bg-amber-50"}`}
      />
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-end gap-2">
        <label className="flex items-center gap-2 text-sm">
          Submit as
          <select value={submitAs} onChange={(e) => setSubmitAs(e.target.value as TicketStatus)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            {choices.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Submitting…" : `Submit as ${STATUS_LABELS[submitAs]}`}
        </button>
      </div>
    </form>
  );
}
