"use client";
// Shown when a dashboard page fails unexpectedly: say so plainly and offer a retry.
export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto mt-10 max-w-md rounded-lg border border-red-200 bg-white p-6 text-center">
      <h2 className="text-lg font-semibold">This page could not load</h2>
      <p className="mt-2 text-sm text-slate-600">The error was logged. Try again; if it keeps happening, check that the database is running.</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Try again
      </button>
    </div>
  );
}
