"use client";
// "New ticket": pick the requester (a contact, searched on the server), subject, description,
// priority and assignee; opens the ticket (tickets:write) and goes to it.
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { findRequesters, openTicket } from "@/app/(app)/tickets/actions";
import { PRIORITY_LABELS, TICKET_PRIORITIES, type TicketPriority } from "@/lib/crm/tickets";
import { Field, inputClass, Modal } from "@/components/crm/form-parts";

type Requester = { id: string; name: string; email?: string | null };

export function NewTicketDialog(props: { assignees: { id: string; name: string }[]; requester: Requester | null; onClose(): void }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [requester, setRequester] = useState<Requester | null>(props.requester);
  const [q, setQ] = useState("");
  const [options, setOptions] = useState<Requester[]>([]);
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [priority, setPriority] = useState<TicketPriority>("normal");
  const [assigneeId, setAssigneeId] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (requester || !q.trim()) return;
    const timer = setTimeout(async () => {
      const res = await findRequesters({ q: q.trim() });
      setOptions(res.ok ? res.data : []);
    }, 200);
    return () => clearTimeout(timer);
  }, [q, requester]);

  return (
    <Modal title="New ticket" onClose={props.onClose}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!requester) {
            setErrors({ contactId: "Choose the requester (a contact)." });
            return;
          }
          startTransition(async () => {
            const res = await openTicket({ contactId: requester.id, subject, description, priority, assigneeId });
            if (!res.ok) {
              setErrors(res.fieldErrors ?? {});
              setMessage(res.message);
              return;
            }
            props.onClose();
            router.push(`/tickets/${res.data.id}`);
          });
        }}
      >
        {requester ? (
          <div className="text-sm">
            <span className="font-medium">Requester</span>
            <div className="mt-1 flex items-center gap-2 rounded-md border border-slate-300 px-3 py-2">
              <span className="flex-1 truncate">{requester.name}</span>
              <button type="button" className="text-brand-700 underline" onClick={() => setRequester(null)}>
                Change
              </button>
            </div>
          </div>
        ) : (
          <Field label="Requester" id={`${id}-req`} error={errors.contactId}>
            <input id={`${id}-req`} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search contacts by name or email" className={inputClass} />
            {options.length ? (
              <ul className="mt-1 max-h-48 overflow-auto rounded-md border border-slate-200">
                {options.map((o) => (
                  <li key={o.id}>
                    <button type="button" className="block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-50" onClick={() => setRequester(o)}>
                      {o.name}
                      {o.email && o.email !== o.name ? <span className="text-slate-500"> · {o.email}</span> : null}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </Field>
        )}
        <Field label="Subject" id={`${id}-subject`} error={errors.subject}>
          <input id={`${id}-subject`} value={subject} onChange={(e) => setSubject(e.target.value)} className={inputClass} aria-invalid={!!errors.subject} />
        </Field>
        <Field label="Description" id={`${id}-desc`} error={errors.description}>
          <textarea id={`${id}-desc`} rows={4} value={description} onChange={(e) => setDescription(e.target.value)} className={inputClass} />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Priority" id={`${id}-prio`}>
            <select id={`${id}-prio`} value={priority} onChange={(e) => setPriority(e.target.value as TicketPriority)} className={inputClass}>
              {TICKET_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABELS[p]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Assignee" id={`${id}-assignee`} error={errors.assigneeId}>
            <select id={`${id}-assignee`} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)} className={inputClass}>
              <option value="">Unassigned</option>
              {props.assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {message ? (
          <p role="alert" className="text-sm text-red-700">
            {message}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={props.onClose} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            Cancel
          </button>
          <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? "Opening…" : "Open ticket"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
