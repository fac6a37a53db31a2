// My tasks: the signed-in rep's open tasks (overdue, today, upcoming — UTC days) and those completed
// recently, each completed in one click.
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { myTasks } from "@/lib/data/tasks";
import { PageHeader } from "@/components/ui/page-header";
import { MyTasks } from "@/components/tasks/my-tasks";

export const metadata: Metadata = { title: "My tasks" };

export default async function TasksPage() {
  const user = await requireArea("tasks");
  const now = new Date();
  const { open, completed } = await myTasks(user.id, now);
  return (
    <>
      <PageHeader title="My tasks" description="Your next steps with customers. Days are UTC days." />
      <MyTasks initialOpen={open} initialCompleted={completed} now={now.toISOString()} />
    </>
  );
}
