// My tasks frame: the guard runs above any loading boundary so a read-only role gets a real 403.
import { requireArea } from "@/lib/auth/guard";

export default async function TasksLayout({ children }: { children: React.ReactNode }) {
  await requireArea("tasks");
  return children;
}
