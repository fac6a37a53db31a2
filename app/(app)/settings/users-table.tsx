"use client";
import { useState, useTransition } from "react";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { updateUserAction } from "./actions";

interface Row {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  lastSignInAt: string | null;
}

export function UsersTable({ users, meId }: { users: Row[]; meId: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function change(id: string, patch: { role?: Role; disabled?: boolean }) {
    setError(null);
    startTransition(async () => {
      const res = await updateUserAction({ id, ...patch });
      if (!res.ok) setError(res.message);
    });
  }

  return (
    <div className="space-y-2">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" aria-busy={pending}>
          <caption className="sr-only">Staff users</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">Name</th>
              <th scope="col" className="px-4 py-2">Email</th>
              <th scope="col" className="px-4 py-2">Role</th>
              <th scope="col" className="px-4 py-2">Last sign-in</th>
              <th scope="col" className="px-4 py-2">Access</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id} className={u.disabled ? "text-slate-400" : undefined} data-testid={`user-row-${u.email}`}>
                <td className="px-4 py-2 font-medium">
                  {u.name}
                  {u.id === meId ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
                </td>
                <td className="px-4 py-2">{u.email}</td>
                <td className="px-4 py-2">
                  <label className="sr-only" htmlFor={`role-${u.id}`}>
                    Role of {u.email}
                  </label>
                  <select
                    id={`role-${u.id}`}
                    value={u.role}
                    disabled={pending}
                    onChange={(e) => change(u.id, { role: e.target.value as Role })}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1"
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="px-4 py-2">{u.lastSignInAt ? new Date(u.lastSignInAt).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "Never"}</td>
                <td className="px-4 py-2">
                  <button
                    type="button"
                    disabled={pending}
                    onClick={() => change(u.id, { disabled: !u.disabled })}
                    className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50"
                    aria-label={`${u.disabled ? "Enable" : "Disable"} ${u.email}`}
                  >
                    {u.disabled ? "Enable" : "Disable"}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
