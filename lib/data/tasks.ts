// Tasks: next steps created from the contact page and the signed-in rep's "My tasks".
import "server-only";
import { db } from "../db/prisma";
import { dueAtFromDay, type CreateTaskInput } from "../crm/tasks";
import { contactDisplayName } from "./contact-page";

export class TaskError extends Error {
  constructor(
    readonly code: "not_found" | "forbidden",
    message: string,
  ) {
    super(message);
  }
}

export interface MyTask {
  id: string;
  title: string;
  notes: string | null;
  dueAt: string | null;
  completedAt: string | null;
  contact: { id: string; name: string } | null;
  companyName: string | null;
}

const taskSelect = {
  id: true,
  title: true,
  notes: true,
  dueAt: true,
  completedAt: true,
  contact: { select: { id: true, firstName: true, lastName: true, email: true } },
  company: { select: { name: true } },
} as const;

type TaskRow = {
  id: string;
  title: string;
  notes: string | null;
  dueAt: Date | null;
  completedAt: Date | null;
  contact: { id: string; firstName: string | null; lastName: string | null; email: string | null } | null;
  company: { name: string } | null;
};

function toTask(r: TaskRow): MyTask {
  return {
    id: r.id,
    title: r.title,
    notes: r.notes,
    dueAt: r.dueAt?.toISOString() ?? null,
    completedAt: r.completedAt?.toISOString() ?? null,
    contact: r.contact ? { id: r.contact.id, name: contactDisplayName(r.contact) } : null,
    companyName: r.company?.name ?? null,
  };
}

/** A task about a contact, assigned to (and created by) the rep. */
export async function createTask(input: CreateTaskInput, user: { id: string }, now = new Date()): Promise<MyTask> {
  const contact = await db().contact.findUnique({ where: { id: input.contactId }, select: { id: true, companyId: true } });
  if (!contact) throw new TaskError("not_found", "That contact does not exist (it may have been deleted).");
  const row = await db().task.create({
    data: {
      title: input.title.trim(),
      notes: input.notes?.trim() || null,
      dueAt: dueAtFromDay(input.dueDay),
      contactId: contact.id,
      companyId: contact.companyId,
      assigneeId: user.id,
      createdById: user.id,
      createdAt: now,
    },
    select: taskSelect,
  });
  return toTask(row);
}

/** The user's open tasks (all of them), and those completed in the last `recentDays` days. */
export async function myTasks(userId: string, now = new Date(), recentDays = 7): Promise<{ open: MyTask[]; completed: MyTask[] }> {
  // Sequential on purpose (see the contact page): the embedded server mixes concurrent statements up.
  const open = await db().task.findMany({
    where: { assigneeId: userId, completedAt: null },
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    select: taskSelect,
    take: 500,
  });
  const completed = await db().task.findMany({
    where: { assigneeId: userId, completedAt: { gte: new Date(now.getTime() - recentDays * 86_400_000), lte: new Date(now.getTime() + 60_000) } },
    orderBy: { completedAt: "desc" },
    select: taskSelect,
    take: 20,
  });
  return { open: open.map(toTask), completed: completed.map(toTask) };
}

/** Completes (or reopens) a task: its assignee, its creator or an admin. */
export async function setTaskCompleted(id: string, completed: boolean, user: { id: string; role: string }, now = new Date()): Promise<MyTask> {
  const task = await db().task.findUnique({ where: { id }, select: { assigneeId: true, createdById: true, completedAt: true } });
  if (!task) throw new TaskError("not_found", "That task no longer exists.");
  if (user.role !== "admin" && task.assigneeId !== user.id && task.createdById !== user.id) {
    throw new TaskError("forbidden", "Only the task's assignee or creator (or an admin) can complete it.");
  }
  const row = await db().task.update({
    where: { id },
    data: { completedAt: completed ? (task.completedAt ?? now) : null },
    select: taskSelect,
  });
  return toTask(row);
}
