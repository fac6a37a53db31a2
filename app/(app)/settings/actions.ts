"use server";
// Server actions of Settings: users and API tokens (admin only, through the shared guard).
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/auth/actions";
import { z } from "zod";
import { addUser, changeUser, newUserInput, UserAdminError, userChangeInput } from "@/lib/data/user-admin";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import { TOKEN_SCOPES } from "@/lib/auth/api-tokens";
import { createForm } from "@/lib/data/forms";

async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UserAdminError) throw new ActionError(err.code, err.message, err.code === "email_taken" ? { email: err.message } : undefined);
    throw err;
  }
}

export const createUserAction = action("settings:manage", newUserInput, async (input, _user, actor) => {
  const user = await mapErrors(() => addUser(input, actor));
  revalidatePath("/settings");
  return { id: user.id };
});

export const updateUserAction = action("settings:manage", userChangeInput, async (input, _user, actor) => {
  const user = await mapErrors(() => changeUser(actor, input));
  revalidatePath("/settings");
  return { id: user.id, role: user.role, disabled: user.disabled };
});

const newTokenInput = z.object({
  name: z.string().trim().min(1, "Name the token after what will use it").max(100),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, "Pick at least one scope"),
  expiresInDays: z.coerce.number().int().min(1).max(3650).optional(),
});

export const createApiTokenAction = action("settings:manage", newTokenInput, async (input, user, actor) => {
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const created = await createApiToken({ name: input.name, scopes: input.scopes, createdById: user.id, expiresAt }, actor);
  revalidatePath("/settings");
  return { token: created.token };
});

export const revokeApiTokenAction = action("settings:manage", z.object({ id: z.string().min(1) }), async ({ id }, _user, actor) => {
  const count = await revokeApiToken(id, new Date(), actor);
  if (count === 0) throw new ActionError("not_found", "That token no longer exists or was already revoked; reload the page.");
  revalidatePath("/settings");
  return { revoked: count };
});

const newFormInput = z.object({
  name: z.string().trim().min(1, "Name the form").max(100),
  redirectUrl: z
    .string()
    .trim()
    .max(2000)
    .refine((v) => v === "" || /^https?:\/\/\S+$/.test(v), "Use a full http(s) URL, or leave empty for Tandem's thank-you page")
    .optional(),
});

export const createFormAction = action("settings:manage", newFormInput, async (input, _user, actor) => {
  const form = await createForm({ name: input.name, redirectUrl: input.redirectUrl || null }, actor);
  revalidatePath("/settings");
  return { id: form.id };
});
