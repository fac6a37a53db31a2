"use client";
// The rep's task list: Overdue / Today / Upcoming and Completed recently. Completing is one click and
// optimistic: the task moves at once, and moves back with a message if the server refuses.
import { useOptimistic, useState, useTransition } from "react";
import Link from "next/link";
import { completeTask } from "@/app/(app)/tasks/actions";
import { bucketTasks } from "@/lib/crm/tasks";
import type { MyTask } from "@/lib/data/tasks";

const day = new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });

type Change = { id: string; completed: boolean; at: string };

function TaskRow({ task, onToggle, done, saving }: { task: MyTask; onToggle: (t: MyTask) => void; done: boolean; saving: boolean }) {
  return (
    <li data-testid="task-row" aria-busy={saving || undefined} className="flex items-start gap-3 rounded-lg border border-slate-200 bg-white p-3">
      <button
        type="button"
        onClick={() => onToggle(task)}
        aria-label={done ? `Reopen “${task.title}”` : `Complete “${task.title}”`}
        aria-pressed={done}
        className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full border text-xs ${
          done ? "border-green-600 bg-green-600 text-white" : "border-slate-400 text-transparent hover:border-green-600 hover:text-green-600"
        }`}
      >
        ✓
      </button>
      <div className="min-w-0 flex-1">
        <p className={`text-sm font-medium ${done ? "text-slate-500 line-through" : "text-slate-900"}`}>{task.title}</p>
        <p className="text-xs text-slate-500">
          {task.contact ? (
            <Link href={`/contacts/${task.contact.id}`} className="link">
              {task.contact.name}
            </Link>
          ) : (
            "No contact"
          )}
          {task.companyName ? ` · ${task.companyName}` : ""}
          {task.dueAt && !done ? ` · due ${day.format(new Date(task.dueAt))}` : ""}
          {done && task.completedAt ? ` · done ${day.format(new Date(task.completedAt))}` : ""}
          {saving ? " · Saving…" : ""}
        </p>
        {task.notes && !done ? <p className="mt-1 text-xs text-slate-600">{task.notes}</p> : null}
      </div>
    </li>
  );
}

function Section({
  title,
  tasks,
  empty,
  tone,
  onToggle,
  saving,
  done = false,
}: {
  title: string;
  tasks: MyTask[];
  empty: string;
  tone?: "bad";
  onToggle: (t: MyTask) => void;
  saving: ReadonlySet<string>;
  done?: boolean;
}) {
  const id = `tasks-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="mb-6">
      <h2 id={id} className={`mb-2 text-sm font-semibold uppercase tracking-wide ${tone === "bad" ? "text-red-700" : "text-slate-600"}`}>
        {title} <span className="font-normal text-slate-400">({tasks.length})</span>
      </h2>
      {tasks.length ? (
        <ul className="space-y-2">
          {tasks.map((t) => (
            <TaskRow key={t.id} task={t} onToggle={onToggle} done={done} saving={saving.has(t.id)} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">{empty}</p>
      )}
    </section>
  );
}

export function MyTasks({ initialOpen, initialCompleted, now }: { initialOpen: MyTask[]; initialCompleted: MyTask[]; now: string }) {
  const [lists, setLists] = useState({ open: initialOpen, completed: initialCompleted });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<ReadonlySet<string>>(() => new Set());
  const [, startTransition] = useTransition();
  const apply = (state: typeof lists, c: Change) => {
    const all = [...state.open, ...state.completed];
    const task = all.find((t) => t.id === c.id);
    if (!task) return state;
    const moved = { ...task, completedAt: c.completed ? c.at : null };
    const open = state.open.filter((t) => t.id !== c.id);
    const completed = state.completed.filter((t) => t.id !== c.id);
    return c.completed ? { open, completed: [moved, ...completed] } : { open: [...open, moved], completed };
  };
  const [shown, applyOptimistic] = useOptimistic(lists, apply);

  function onToggle(task: MyTask) {
    const change: Change = { id: task.id, completed: !task.completedAt, at: new Date().toISOString() };
    setError(null);
    setSaving((prev) => new Set(prev).add(task.id));
    startTransition(async () => {
      applyOptimistic(change);
      const res = await completeTask({ id: task.id, completed: change.completed });
      setSaving((prev) => {
        const next = new Set(prev);
        next.delete(task.id);
        return next;
      });
      if (!res.ok) {
        setError(res.message);
        return;
      }
      setLists((s) => apply(s, { ...change, at: res.data.completedAt ?? change.at }));
    });
  }

  const buckets = bucketTasks(shown.open, new Date(now));
  return (
    <div className="max-w-3xl">
      {error ? (
        <p role="alert" className="mb-4 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Section title="Overdue" tasks={buckets.overdue} empty="Nothing overdue." tone="bad" onToggle={onToggle} saving={saving} />
      <Section title="Today" tasks={buckets.today} empty="Nothing due today." onToggle={onToggle} saving={saving} />
      <Section title="Upcoming" tasks={buckets.upcoming} empty="Nothing coming up." onToggle={onToggle} saving={saving} />
      <Section title="Completed recently" tasks={shown.completed} empty="Nothing completed in the last 7 days." onToggle={onToggle} saving={saving} done />
    </div>
  );
}
