// Settings → Users: staff accounts and their roles (admin).
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { listUsers } from "@/lib/data/users";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { UsersTable } from "./users-table";
import { NewUserForm } from "./new-user-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const me = await requireArea("settings");
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Settings" description="Who can sign in and what their role lets them do. A change takes effect on the user's next request." />
      <section aria-labelledby="users-heading" className="space-y-4">
        <h2 id="users-heading" className="text-lg font-semibold">
          Users
        </h2>
        <UsersTable
          meId={me.id}
          users={users.map((u) => ({ ...u, lastSignInAt: u.lastSignInAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString() }))}
        />
        <NewUserForm />
      </section>
      <section aria-labelledby="roles-heading" className="mt-10">
        <h2 id="roles-heading" className="text-lg font-semibold">
          Roles
        </h2>
        <dl className="mt-3 grid gap-3 sm:grid-cols-2">
          {ROLES.map((r) => (
            <div key={r} className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="font-medium">{ROLE_LABELS[r]}</dt>
              <dd className="text-sm text-slate-600">{ROLE_DESCRIPTIONS[r]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
