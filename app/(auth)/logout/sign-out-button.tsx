"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      autoFocus
      onClick={() => signOut({ callbackUrl: "/login" })}
      className="mt-6 w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
    >
      Sign out
    </button>
  );
}
