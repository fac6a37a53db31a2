// Sign-in page (public).
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/guard";
import { homeFor } from "@/lib/auth/permissions";
import { safeCallbackUrl, signInErrorMessage } from "@/lib/auth/messages";
import { Logo } from "@/components/ui/logo";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const user = await currentUser();
  if (user) redirect(safeCallbackUrl(params.callbackUrl, homeFor(user.role)));
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Logo className="text-2xl" />
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-lg font-semibold">Sign in to Tandem</h1>
          <p className="mt-1 text-sm text-slate-600">Your team&apos;s CRM and your customers&apos; behaviour, side by side.</p>
          <LoginForm callbackUrl={params.callbackUrl ?? null} initialError={signInErrorMessage(params.error)} />
        </div>
      </div>
    </main>
  );
}
