// The signed-in dashboard frame. Each page still checks its own permission through the guard.
import { requirePage } from "@/lib/auth/guard";
import { AppShell } from "@/components/layout/app-shell";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePage("signed-in");
  return <AppShell user={user}>{children}</AppShell>;
}
