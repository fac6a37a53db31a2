"use server";
// Server actions of Contacts, through the shared guard: create and edit (crm:write; the ownership
// rules of lib/crm/contacts-access.ts are enforced in lib/data), and the form's lookups (crm:read).
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/auth/actions";
import * as contacts from "@/lib/data/contacts";
import { canEditRecord, canReassignOwner } from "@/lib/crm/contacts-access";
import { newContactInput, recordIdInput, searchInput, updateContactInput } from "@/lib/crm/contacts-input";

async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof contacts.CrmError) throw new ActionError(err.code, err.message, err.field ? { [err.field]: err.message } : undefined);
    throw err;
  }
}

export const createContact = action("crm:write", newContactInput, async (input, user) => {
  const created = await mapErrors(() => contacts.createContact(input, user));
  revalidatePath("/contacts");
  return created;
});

export const updateContact = action("crm:write", updateContactInput, async (input, user) => {
  const res = await mapErrors(() => contacts.updateContact(input, user));
  revalidatePath("/contacts");
  revalidatePath(`/contacts/${input.id}`);
  return { id: res.id, changed: res.changes.map((c) => c.field) };
});

/** The contact as the edit form needs it, with what this user may change. */
export const loadContactForEdit = action("crm:read", recordIdInput, async ({ id }, user) => {
  const record = await contacts.getContactRecord(id);
  if (!record) throw new ActionError("not_found", "This contact no longer exists.");
  return { record, canEdit: canEditRecord(user, record), canReassign: canReassignOwner(user) };
});

export const findCompanies = action("crm:read", searchInput, async ({ q }) => contacts.searchCompanyOptions(q));
