// Sign-out page (public): confirms, then ends the session.
import type { Metadata } from "next";
import { Logo } from "@/components/ui/logo";
import { SignOutButton } from "./sign-out-button";

export const metadata: Metadata = { title: "Sign out" };

export default function LogoutPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm">
        <Logo className="text-xl" />
        <h1 className="mt-4 text-lg font-semibold">Sign out of Tandem?</h1>
        <SignOutButton />
      </div>
    </main>
  );
}
