"use server";
// Server actions of a contact's timeline (on the Customer 360 page; paging is lib/actions/customer360.ts): log,
// edit, delete and pin entries and create the next-step task (crm:write — any contact; changing an
// entry is its author's or an admin's).
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/auth/actions";
import * as interactions from "@/lib/data/interactions";
import { createTask, TaskError } from "@/lib/data/tasks";
import { editInteractionInput, interactionIdInput, logInteractionInput, pinInteractionInput } from "@/lib/crm/interactions";
import { createTaskInput } from "@/lib/crm/tasks";
import type { TimelineItem } from "@/lib/crm/timeline";

async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof interactions.InteractionError || err instanceof TaskError) throw new ActionError(err.code, err.message);
    throw err;
  }
}

const refresh = (contactId: string | null | undefined) => {
  if (contactId) revalidatePath(`/contacts/${contactId}`);
};

export const logActivity = action("crm:write", logInteractionInput, async (input, user) => {
  const item = await mapErrors(() => interactions.logInteraction(input, user));
  refresh(input.contactId);
  return item;
});

export const editActivity = action("crm:write", editInteractionInput, async (input, user) => {
  const item = await mapErrors(() => interactions.editInteraction(input, user));
  refresh(await interactions.interactionContactId(input.id));
  return item;
});

export const deleteActivity = action("crm:write", interactionIdInput, async ({ id }, user) => {
  const done = await mapErrors(() => interactions.deleteInteraction(id, user));
  refresh(done.contactId);
  return { id };
});

export const pinActivity = action("crm:write", pinInteractionInput, async ({ id, pinned }, user) => {
  const item = await mapErrors(() => interactions.setPinned(id, pinned, user));
  refresh(await interactions.interactionContactId(id));
  return item;
});

export const activityHistory = action("crm:read", interactionIdInput, async ({ id }) =>
  (await interactions.interactionHistory(id)).map((h) => ({ ...h, changedAt: h.changedAt.toISOString() })),
);

export const createNextStep = action("crm:write", createTaskInput, async (input, user): Promise<TimelineItem> => {
  const now = new Date();
  const task = await mapErrors(() => createTask(input, user, now));
  refresh(input.contactId);
  revalidatePath("/tasks");
  return {
    key: `task-created:${task.id}`,
    kind: "task",
    verb: "created",
    refId: task.id,
    occurredAt: now.toISOString(),
    actorId: user.id,
    actorName: user.name,
    title: task.title,
    body: task.notes,
    outcome: null,
    durationSeconds: null,
    pinned: false,
    number: null,
    dueAt: task.dueAt,
  };
});

