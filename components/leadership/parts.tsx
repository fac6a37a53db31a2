// Small pieces the leadership pages share: a section card with its definition and CSV button, a
// number that links to the people behind it, the fewer-than-30-customers warning, and formatting.
import Link from "next/link";
import { formatCurrency, formatInt, formatPercent } from "@/lib/format";
import { MIN_CUSTOMERS } from "@/lib/metrics/settings";

export const none = <span className="text-slate-400">—</span>;

export function fmtMoney(n: number | null, currency: string, digits = 0): React.ReactNode {
  return n === null ? none : formatCurrency(n, currency, digits);
}

export function fmtPct(x: number | null, digits = 1): React.ReactNode {
  return x === null ? none : formatPercent(x, digits);
}

export function fmtMonths(x: number | null): React.ReactNode {
  return x === null ? none : `${x.toFixed(1)} mo`;
}

export function fmtRatio(x: number | null): React.ReactNode {
  return x === null ? none : `${x.toFixed(2)}×`;
}

/**
 * A number that opens the people behind it. Its accessible name starts with the visible number and goes
 * on with what the number is (WCAG 2.5.3, label in name): "$120 — CAC of Paid Search: …".
 */
export function PeopleLink({ href, children, label }: { href: string; children: React.ReactNode; label: string }) {
  return (
    <Link href={href} className="text-brand-700 underline decoration-brand-200 underline-offset-2 hover:decoration-brand-700" title={label}>
      {children}
      <span className="sr-only"> — {label}</span>
    </Link>
  );
}

export function Count({ n, href, label }: { n: number; href: string; label: string }) {
  return n === 0 ? <>{formatInt(0)}</> : <PeopleLink href={href} label={label}>{formatInt(n)}</PeopleLink>;
}

/** Shown where a figure rests on fewer than MIN_CUSTOMERS customers. */
export function FewWarning({ n, what = "customers" }: { n: number; what?: string }) {
  if (n >= MIN_CUSTOMERS) return null;
  const text = `Rests on ${formatInt(n)} ${what} (fewer than ${MIN_CUSTOMERS}): one customer more or less moves it a lot.`;
  return (
    <span className="ml-1 inline-flex cursor-help items-center rounded bg-amber-100 px-1 text-[11px] font-medium text-amber-800" title={text} role="note" aria-label={text}>
      ⚠ n={formatInt(n)}
    </span>
  );
}

export function Section({ id, title, definition, actions, children }: { id: string; title: string; definition?: React.ReactNode; actions?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h2>
          {definition ? <p className="mt-0.5 max-w-3xl text-xs text-slate-600">{definition}</p> : null}
        </div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

export function Th({ children, right, className = "" }: { children: React.ReactNode; right?: boolean; className?: string }) {
  return (
    <th scope="col" className={`whitespace-nowrap border-b border-slate-200 bg-slate-50 px-2 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500 ${right ? "text-right" : "text-left"} ${className}`}>
      {children}
    </th>
  );
}

export function Td({ children, right, className = "" }: { children: React.ReactNode; right?: boolean; className?: string }) {
  return <td className={`whitespace-nowrap px-2 py-1.5 ${right ? "text-right tabular-nums" : ""} ${className}`}>{children}</td>;
}
