"use server";
// Server actions of My tasks: complete (or reopen) a task in one click — the assignee, creator or an admin.
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/auth/actions";
import { setTaskCompleted, TaskError } from "@/lib/data/tasks";
import { completeTaskInput } from "@/lib/crm/tasks";

export const completeTask = action("crm:write", completeTaskInput, async ({ id, completed }, user) => {
  try {
    const task = await setTaskCompleted(id, completed, user);
    revalidatePath("/tasks");
    if (task.contact) revalidatePath(`/contacts/${task.contact.id}`);
    return task;
  } catch (err) {
    if (err instanceof TaskError) throw new ActionError(err.code, err.message);
    throw err;
  }
});
