// Rendered with status 403 when the guard calls forbidden(): signed in, but the role does not allow it.
import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-brand-600">403</p>
        <h1 className="mt-2 text-2xl font-semibold">You don&apos;t have access to this page</h1>
        <p className="mt-2 text-sm text-slate-600">Your role doesn&apos;t include this area. If you need it, ask an admin to change your role.</p>
        <div className="mt-6 flex justify-center gap-3">
          <Link href="/" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Go to your home page
          </Link>
          <Link href="/logout" className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
            Sign in as someone else
          </Link>
        </div>
      </div>
    </main>
  );
}
