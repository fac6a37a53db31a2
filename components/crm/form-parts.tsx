"use client";
// Small pieces shared by the CRM forms: a labelled field with its error, and a modal dialog built on
// <dialog> (focus kept inside, Escape and the backdrop come from the browser; focus returns on close).
import { useModalDialog } from "@/components/ui/use-modal-dialog";

export interface OwnerOption {
  id: string;
  name: string;
  email: string;
}

export const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500 disabled:bg-slate-50";

/** A control's error state for assistive technology: invalid, and described by its Field's error line. */
export function errorProps(id: string, error?: string): { "aria-invalid": boolean; "aria-describedby"?: string } {
  return error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : { "aria-invalid": false };
}

export function Field({ label, id, error, className, children }: { label: string; id: string; error?: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Modal({ title, onClose, children }: { title: string; onClose(): void; children: React.ReactNode }) {
  const ref = useModalDialog();
  return (
    <dialog
      ref={ref}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-full max-w-xl rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="p-5">
        <h2 className="mb-3 text-lg font-semibold">{title}</h2>
        {children}
      </div>
    </dialog>
  );
}

/** The owner of a record: a select for those who may reassign, else who owns it ("You" when new). */
export function OwnerField(props: {
  id: string;
  canReassign: boolean;
  value: string;
  onChange(e: React.ChangeEvent<HTMLSelectElement>): void;
  owners: OwnerOption[];
  error?: string;
  isNew: boolean;
  ownerName: string | null;
}) {
  if (!props.canReassign)
    return (
      <div className="text-sm">
        <span className="font-medium">Owner</span>
        <p className="mt-2">{props.isNew ? "You" : props.ownerName}</p>
      </div>
    );
  return (
    <Field label="Owner" id={props.id} error={props.error}>
      <select id={props.id} value={props.value} onChange={props.onChange} className={`${inputClass} bg-white`} {...errorProps(props.id, props.error)}>
        <option value="">Nobody</option>
        {props.owners.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Save (unless read-only), Cancel/Close and the form's error line. */
export function FormFooter(props: {
  readOnly: boolean;
  pending: boolean;
  submitLabel: string;
  onClose(): void;
  error: { message: string; fields?: Record<string, string> } | null;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3 pt-2">
      {!props.readOnly ? (
        <button type="submit" disabled={props.pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {props.pending ? "Saving…" : props.submitLabel}
        </button>
      ) : null}
      <button type="button" onClick={props.onClose} className="rounded-md border border-slate-300 px-4 py-2 text-sm">
        {props.readOnly ? "Close" : "Cancel"}
      </button>
      {props.error ? (
        <p role="alert" className="text-sm text-red-700">
          {Object.keys(props.error.fields ?? {}).length ? "Check the highlighted fields." : props.error.message}
        </p>
      ) : null}
    </div>
  );
}
