"use server";
// Server actions of the audience builder: save (a new audience, or changes to one's own — or any, for
// an admin) and delete. Anyone with analytics:read may save a new audience; only its author or an
// admin changes or deletes it.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, ActionError } from "@/lib/auth/actions";
import { audienceInputSchema, canEditAudience } from "@/lib/analytics/audiences";
import { createAudience, deleteAudience, getAudience, updateAudience } from "@/lib/data/audiences";
import type { CurrentUser } from "@/lib/auth/guard";

async function editable(id: string, user: CurrentUser) {
  const audience = await getAudience(id);
  if (!audience) throw new ActionError("not_found", "This audience no longer exists; it may have been deleted.");
  if (!canEditAudience(user, audience.createdBy?.id ?? null)) {
    throw new ActionError("not_author", `Only ${audience.createdBy?.name ?? "its author"} or an admin can change “${audience.name}”; save it as a new audience instead.`);
  }
}

export const saveAudience = action("analytics:read", audienceInputSchema.extend({ id: z.string().min(1).nullish() }), async (input, user) => {
  const { id, ...fields } = input;
  if (id) await editable(id, user);
  const saved = id ? await updateAudience(id, fields) : await createAudience(fields, user.id);
  revalidatePath("/audiences");
  revalidatePath(`/audiences/${saved.id}`);
  return { id: saved.id };
});

export const removeAudience = action("analytics:read", z.object({ id: z.string().min(1) }), async ({ id }, user) => {
  await editable(id, user);
  await deleteAudience(id);
  revalidatePath("/audiences");
  return { id };
});
