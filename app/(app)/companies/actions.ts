"use server";
// Server actions of Companies, through the shared guard: create and edit (crm:write; ownership
// rules enforced in lib/data), the edit form's lookup and the activity's "Load more" (crm:read).
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/auth/actions";
import { CrmError } from "@/lib/data/contacts";
import * as companies from "@/lib/data/companies";
import { canEditRecord, canReassignOwner } from "@/lib/crm/contacts-access";
import { recordIdInput } from "@/lib/crm/contacts-input";
import { companyActivityInput, newCompanyInput, updateCompanyInput } from "@/lib/crm/companies-input";

async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof CrmError) throw new ActionError(err.code, err.message, err.field ? { [err.field]: err.message } : undefined);
    throw err;
  }
}

export const createCompany = action("crm:write", newCompanyInput, async (input, user) => {
  const created = await mapErrors(() => companies.createCompany(input, user));
  revalidatePath("/companies");
  return created;
});

export const updateCompany = action("crm:write", updateCompanyInput, async (input, user) => {
  const res = await mapErrors(() => companies.updateCompany(input, user));
  revalidatePath("/companies");
  revalidatePath(`/companies/${input.id}`);
  return { id: res.id, changed: res.changes.map((c) => c.field) };
});

export const loadCompanyForEdit = action("crm:read", recordIdInput, async ({ id }, user) => {
  const record = await companies.getCompanyRecord(id);
  if (!record) throw new ActionError("not_found", "This company no longer exists.");
  return { record, canEdit: canEditRecord(user, record), canReassign: canReassignOwner(user) };
});

export const loadCompanyActivity = action("crm:read", companyActivityInput, async ({ companyId, before }) => companies.listCompanyActivity(companyId, before));
