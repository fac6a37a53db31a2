// "My tasks": bucketing a rep's open tasks by due day, next-step defaults, and task inputs. Pure: the
// clock is passed in. Days are UTC days.
import { z } from "zod";

const DAY_MS = 86_400_000;

export interface BucketableTask {
  dueAt: string | Date | null;
}

export interface TaskBuckets<T> {
  overdue: T[];
  today: T[];
  /** Due after today, or with no due date (last). */
  upcoming: T[];
}

const utcDayStart = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());

/** Overdue: due before today; today: due today; upcoming: later or undated. Each sorted by due date. */
export function bucketTasks<T extends BucketableTask>(tasks: T[], now: Date): TaskBuckets<T> {
  const start = utcDayStart(now);
  const end = start + DAY_MS;
  const out: TaskBuckets<T> = { overdue: [], today: [], upcoming: [] };
  const due = (t: T) => (t.dueAt == null ? Infinity : new Date(t.dueAt).getTime());
  for (const t of [...tasks].sort((a, b) => due(a) - due(b))) {
    const at = due(t);
    if (at < start) out.overdue.push(t);
    else if (at < end) out.today.push(t);
    else out.upcoming.push(t);
  }
  return out;
}

/** `n` business days (Mon–Fri, UTC) after `from`, as YYYY-MM-DD. */
export function addBusinessDays(from: Date, n: number): string {
  let t = utcDayStart(from);
  let left = n;
  while (left > 0) {
    t += DAY_MS;
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return new Date(t).toISOString().slice(0, 10);
}

export const DEFAULT_NEXT_STEP_TITLE = "Follow up";
export const NEXT_STEP_BUSINESS_DAYS = 2;

/** A date picked in a form (YYYY-MM-DD) is due at noon UTC that day, so it stays on that day everywhere near UTC. */
export function dueAtFromDay(day: string): Date {
  return new Date(`${day}T12:00:00.000Z`);
}

const id = z.string().trim().min(1, "Required").max(100);

export const createTaskInput = z.object({
  contactId: id,
  title: z.string().trim().min(1, "Give the task a title").max(200, "At most 200 characters"),
  dueDay: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Pick a due date")
    .refine((d) => !Number.isNaN(dueAtFromDay(d).getTime()) && dueAtFromDay(d).toISOString().startsWith(d), "Pick a real date"),
  notes: z.string().max(5000).optional(),
});
export type CreateTaskInput = z.infer<typeof createTaskInput>;

export const completeTaskInput = z.object({ id, completed: z.boolean().default(true) });
