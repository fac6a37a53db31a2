"use client";
// Create or edit a company in a modal dialog: name, domain, industry, size and (admins only) owner.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { createCompany, loadCompanyForEdit, updateCompany } from "@/app/(app)/companies/actions";
import { COMPANY_SIZES } from "@/lib/crm/companies-input";
import { errorProps, Field, inputClass, Modal, type OwnerOption, FormFooter, OwnerField } from "./form-parts";

interface Values {
  name: string;
  domain: string;
  industry: string;
  size: string;
  ownerId: string;
}

export function CompanyFormDialog({
  companyId,
  owners,
  canReassign,
  currentUserId,
  onClose,
}: {
  companyId: string | null;
  owners: OwnerOption[];
  canReassign: boolean;
  currentUserId: string;
  onClose(): void;
}) {
  const router = useRouter();
  const [values, setValues] = useState<Values>({ name: "", domain: "", industry: "", size: "", ownerId: currentUserId });
  const [loaded, setLoaded] = useState(companyId === null);
  const [readOnly, setReadOnly] = useState(false);
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  const [pending, startTransition] = useTransition();
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (companyId === null) return;
    let live = true;
    void loadCompanyForEdit({ id: companyId }).then((res) => {
      if (!live) return;
      if (!res.ok) return setError({ message: res.message });
      const r = res.data.record;
      setValues({ name: r.name, domain: r.domain ?? "", industry: r.industry ?? "", size: r.size ?? "", ownerId: r.ownerId ?? "" });
      setReadOnly(!res.data.canEdit);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [companyId]);

  useEffect(() => {
    if (loaded) first.current?.focus();
  }, [loaded]);

  const set = (k: keyof Values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const payload = { name: values.name, domain: values.domain, industry: values.industry, size: values.size, ...(canReassign ? { ownerId: values.ownerId || null } : {}) };
    startTransition(async () => {
      const res = companyId ? await updateCompany({ id: companyId, ...payload }) : await createCompany(payload);
      if (res.ok) {
        onClose();
        router.refresh();
      } else setError({ message: res.message, fields: res.fieldErrors });
    });
  }

  const title = companyId ? "Edit company" : "New company";
  const f = (k: string) => error?.fields?.[k];
  const ownerName = owners.find((o) => o.id === values.ownerId)?.name ?? (values.ownerId ? "Another user" : "Nobody");
  const sizes: string[] = values.size && !(COMPANY_SIZES as readonly string[]).includes(values.size) ? [values.size, ...COMPANY_SIZES] : [...COMPANY_SIZES];

  return (
    <Modal title={title} onClose={onClose}>
      {!loaded ? (
        <p role="status">{error ? error.message : "Loading…"}</p>
      ) : (
        <form onSubmit={onSubmit} noValidate aria-label={title} className="space-y-3">
          {readOnly ? <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">Only this company&apos;s owner or an admin can edit it.</p> : null}
          <fieldset disabled={readOnly || pending} className="grid gap-3 sm:grid-cols-2">
            <Field label="Name" id="company-name" error={f("name")} className="sm:col-span-2">
              <input ref={first} id="company-name" value={values.name} onChange={set("name")} required className={inputClass} {...errorProps("company-name", f("name"))} />
            </Field>
            <Field label="Domain" id="company-domain" error={f("domain")}>
              <input id="company-domain" value={values.domain} onChange={set("domain")} placeholder="acme.com" className={inputClass} {...errorProps("company-domain", f("domain"))} />
            </Field>
            <Field label="Industry" id="company-industry" error={f("industry")}>
              <input id="company-industry" value={values.industry} onChange={set("industry")} className={inputClass} {...errorProps("company-industry", f("industry"))} />
            </Field>
            <Field label="Size (employees)" id="company-size" error={f("size")}>
              <select id="company-size" value={values.size} onChange={set("size")} className={`${inputClass} bg-white`} {...errorProps("company-size", f("size"))}>
                <option value="">Unknown</option>
                {sizes.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </Field>
            <OwnerField
              id="company-owner"
              canReassign={canReassign}
              value={values.ownerId}
              onChange={set("ownerId")}
              owners={owners}
              error={f("ownerId")}
              isNew={!companyId}
              ownerName={ownerName}
            />
          </fieldset>
          <FormFooter readOnly={readOnly} pending={pending} submitLabel={companyId ? "Save changes" : "Create company"} onClose={onClose} error={error} />
        </form>
      )}
    </Modal>
  );
}

/** A button that opens the company dialog (for server pages). */
export function CompanyFormButton(props: { label: string; companyId: string | null; owners: OwnerOption[]; canReassign: boolean; currentUserId: string; primary?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={props.primary ? "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700" : "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"}
      >
        {props.label}
      </button>
      {open ? <CompanyFormDialog companyId={props.companyId} owners={props.owners} canReassign={props.canReassign} currentUserId={props.currentUserId} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
