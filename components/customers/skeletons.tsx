// Placeholders shown while the Customers table or a profile loads.

export function CustomersTableSkeleton() {
  return (
    <div aria-busy="true" className="space-y-3">
      <p role="status" className="sr-only">
        Loading customers…
      </p>
      <div className="h-16 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <div className="space-y-px overflow-hidden rounded-lg border border-slate-200 bg-white">
        {Array.from({ length: 10 }, (_, i) => (
          <div key={i} className="flex gap-4 px-3 py-3">
            <div className="h-4 w-40 animate-pulse rounded bg-slate-200" />
            <div className="h-4 w-56 animate-pulse rounded bg-slate-100" />
            <div className="h-4 w-24 animate-pulse rounded bg-slate-100" />
            <div className="h-4 w-16 animate-pulse rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}

export function ProfileSkeleton() {
  return (
    <div aria-busy="true" className="space-y-4">
      <p role="status" className="sr-only">
        Loading the customer…
      </p>
      <div className="h-4 w-40 animate-pulse rounded bg-slate-200" />
      <div className="h-28 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-3 lg:col-span-2">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="h-24 animate-pulse rounded-lg border border-slate-200 bg-white" />
          ))}
        </div>
        <div className="space-y-3">
          <div className="h-48 animate-pulse rounded-lg border border-slate-200 bg-white" />
          <div className="h-32 animate-pulse rounded-lg border border-slate-200 bg-white" />
        </div>
      </div>
    </div>
  );
}
