"use client";
// The gap actions of the Customer 360 page: "Create contact" (one click; the creator owns it) for a
// product user the CRM does not know, and "Assign owner" (admins) for a contact with none.
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { assignOwner, createContactFromProfile } from "@/lib/actions/customer360";
import { primary } from "@/components/timeline/styles";

export function CreateContactButton({ profileId }: { profileId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        className={primary}
        disabled={pending}
        onClick={() =>
          start(async () => {
            setError(null);
            const res = await createContactFromProfile({ profileId });
            if (!res.ok) setError(res.message);
            else router.refresh();
          })
        }
      >
        {pending ? "Creating…" : "Create contact"}
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}

export function AssignOwnerForm({ contactId, owners }: { contactId: string; owners: { id: string; name: string }[] }) {
  const router = useRouter();
  const uid = useId();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="inline-flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const ownerId = String(new FormData(e.currentTarget).get("ownerId") ?? "");
        start(async () => {
          setError(null);
          const res = await assignOwner({ contactId, ownerId });
          if (!res.ok) setError(res.message);
          else router.refresh();
        });
      }}
    >
      <label htmlFor={`${uid}-owner`} className="text-xs font-medium text-slate-800">
        Owner
      </label>
      <select id={`${uid}-owner`} name="ownerId" required className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" defaultValue="">
        <option value="" disabled>
          Choose…
        </option>
        {owners.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <button type="submit" className={primary} disabled={pending}>
        {pending ? "Assigning…" : "Assign owner"}
      </button>
      {error ? (
        <span role="alert" className="w-full text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </form>
  );
}
