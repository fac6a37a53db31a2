// The placeholder an area shows until it has something to show: what it will hold and what to do now.
import Link from "next/link";

export function EmptyState({
  title,
  children,
  action,
  icon = "◌",
}: {
  title: string;
  children: React.ReactNode;
  action?: { href: string; label: string };
  icon?: string;
}) {
  return (
    <section
      aria-labelledby="empty-title"
      className="mx-auto mt-10 max-w-xl rounded-xl border border-dashed border-slate-300 bg-white px-8 py-12 text-center"
    >
      <div aria-hidden="true" className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-2xl text-brand-600">
        {icon}
      </div>
      <h2 id="empty-title" className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-2 space-y-2 text-sm text-slate-600">{children}</div>
      {action ? (
        <Link
          href={action.href}
          className="mt-6 inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {action.label}
        </Link>
      ) : null}
    </section>
  );
}
