"use client";
// Create or edit a contact in a modal dialog: email, names, phone, job title, company, lifecycle
// stage and (admins only) owner. The server action validates with the same zod schema and enforces
// who may edit; its field errors are shown beside the fields.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { createContact, loadContactForEdit, updateContact } from "@/app/(app)/contacts/actions";
import { LIFECYCLE_STAGES, STAGE_LABELS, type LifecycleStage } from "@/lib/crm/stages";
import { CompanyPicker, type PickedCompany } from "./company-picker";
import { errorProps, Field, inputClass, Modal, type OwnerOption, FormFooter, OwnerField } from "./form-parts";

interface Values {
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  jobTitle: string;
  lifecycleStage: LifecycleStage;
  ownerId: string;
}

const EMPTY: Values = { email: "", firstName: "", lastName: "", phone: "", jobTitle: "", lifecycleStage: "lead", ownerId: "" };

export function ContactFormDialog({
  contactId,
  owners,
  canReassign,
  currentUserId,
  onClose,
}: {
  /** null: a new contact. */
  contactId: string | null;
  owners: OwnerOption[];
  canReassign: boolean;
  currentUserId: string;
  onClose(): void;
}) {
  const router = useRouter();
  const [values, setValues] = useState<Values>({ ...EMPTY, ownerId: currentUserId });
  const [company, setCompany] = useState<PickedCompany | null>(null);
  const [loaded, setLoaded] = useState(contactId === null);
  const [readOnly, setReadOnly] = useState(false);
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  const [pending, startTransition] = useTransition();
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (contactId === null) return;
    let live = true;
    void loadContactForEdit({ id: contactId }).then((res) => {
      if (!live) return;
      if (!res.ok) {
        setError({ message: res.message });
        return;
      }
      const r = res.data.record;
      setValues({
        email: r.email ?? "",
        firstName: r.firstName ?? "",
        lastName: r.lastName ?? "",
        phone: r.phone ?? "",
        jobTitle: r.jobTitle ?? "",
        lifecycleStage: r.lifecycleStage,
        ownerId: r.ownerId ?? "",
      });
      setCompany(r.companyId ? { id: r.companyId, name: r.companyName ?? r.companyId } : null);
      setReadOnly(!res.data.canEdit);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [contactId]);

  useEffect(() => {
    if (loaded) first.current?.focus();
  }, [loaded]);

  const set = (k: keyof Values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const payload = {
      email: values.email,
      firstName: values.firstName,
      lastName: values.lastName,
      phone: values.phone,
      jobTitle: values.jobTitle,
      lifecycleStage: values.lifecycleStage,
      companyId: company?.id ?? null,
      ...(canReassign ? { ownerId: values.ownerId || null } : {}),
    };
    startTransition(async () => {
      const res = contactId ? await updateContact({ id: contactId, ...payload }) : await createContact(payload);
      if (res.ok) {
        onClose();
        router.refresh();
      } else setError({ message: res.message, fields: res.fieldErrors });
    });
  }

  const title = contactId ? "Edit contact" : "New contact";
  const f = (k: string) => error?.fields?.[k];
  const ownerName = owners.find((o) => o.id === values.ownerId)?.name ?? (values.ownerId ? "Another user" : "Nobody");

  return (
    <Modal title={title} onClose={onClose}>
      {!loaded ? (
        <p role="status">{error ? error.message : "Loading…"}</p>
      ) : (
        <form onSubmit={onSubmit} noValidate aria-label={title} className="space-y-3">
          {readOnly ? <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">You can view this contact but only its owner or an admin can edit it.</p> : null}
          <fieldset disabled={readOnly || pending} className="grid gap-3 sm:grid-cols-2">
            <Field label="Email" id="contact-email" error={f("email")} className="sm:col-span-2">
              <input ref={first} id="contact-email" type="email" value={values.email} onChange={set("email")} className={inputClass} {...errorProps("contact-email", f("email"))} />
            </Field>
            <Field label="First name" id="contact-first" error={f("firstName")}>
              <input id="contact-first" value={values.firstName} onChange={set("firstName")} className={inputClass} {...errorProps("contact-first", f("firstName"))} />
            </Field>
            <Field label="Last name" id="contact-last" error={f("lastName")}>
              <input id="contact-last" value={values.lastName} onChange={set("lastName")} className={inputClass} {...errorProps("contact-last", f("lastName"))} />
            </Field>
            <Field label="Phone" id="contact-phone" error={f("phone")}>
              <input id="contact-phone" type="tel" value={values.phone} onChange={set("phone")} className={inputClass} {...errorProps("contact-phone", f("phone"))} />
            </Field>
            <Field label="Job title" id="contact-title" error={f("jobTitle")}>
              <input id="contact-title" value={values.jobTitle} onChange={set("jobTitle")} className={inputClass} {...errorProps("contact-title", f("jobTitle"))} />
            </Field>
            <div className="sm:col-span-2">
              <CompanyPicker label="Company" value={company} onChange={setCompany} error={f("companyId")} />
            </div>
            <Field label="Lifecycle stage" id="contact-stage" error={f("lifecycleStage")}>
              <select id="contact-stage" value={values.lifecycleStage} onChange={set("lifecycleStage")} className={`${inputClass} bg-white`} {...errorProps("contact-stage", f("lifecycleStage"))}>
                {LIFECYCLE_STAGES.map((s) => (
                  <option key={s} value={s}>
                    {STAGE_LABELS[s]}
                  </option>
                ))}
              </select>
            </Field>
            <OwnerField
              id="contact-owner"
              canReassign={canReassign}
              value={values.ownerId}
              onChange={set("ownerId")}
              owners={owners}
              error={f("ownerId")}
              isNew={!contactId}
              ownerName={ownerName}
            />
          </fieldset>
          <FormFooter readOnly={readOnly} pending={pending} submitLabel={contactId ? "Save changes" : "Create contact"} onClose={onClose} error={error} />
        </form>
      )}
    </Modal>
  );
}
