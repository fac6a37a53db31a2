"use server";
// Server actions of Settings → Users (admin only, through the shared guard).
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/auth/actions";
import { addUser, changeUser, newUserInput, UserAdminError, userChangeInput } from "@/lib/data/user-admin";

async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UserAdminError) throw new ActionError(err.code, err.message, err.code === "email_taken" ? { email: err.message } : undefined);
    throw err;
  }
}

export const createUserAction = action("settings:manage", newUserInput, async (input) => {
  const user = await mapErrors(() => addUser(input));
  revalidatePath("/settings");
  return { id: user.id };
});

export const updateUserAction = action("settings:manage", userChangeInput, async (input, actor) => {
  const user = await mapErrors(() => changeUser(actor.id, input));
  revalidatePath("/settings");
  return { id: user.id, role: user.role, disabled: user.disabled };
});
