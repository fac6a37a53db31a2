// The people behind a leadership figure (new customers, paying customers, an MRR movement, a cohort),
// each linking to their customer profile; paged, with a CSV of the whole list.
import type { Metadata } from "next";
import Link from "next/link";
import { requireArea } from "@/lib/auth/guard";
import { AnalyticsLimitError } from "@/lib/data/analytics-runner";
import { loadFigurePeople, metricContext } from "@/lib/data/metrics";
import { describeFigure, MetricQueryError, parseFigure, type Figure } from "@/lib/metrics/query";
import { formatCurrency, formatDateTime, formatInt } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { none, Td, Th } from "@/components/leadership/parts";

export const metadata: Metadata = { title: "People behind a figure · Leadership" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;

function amountLabel(f: Figure): string | null {
  if (f.kind === "paying" || (f.kind === "cohort" && f.age !== null)) return "MRR then";
  if (f.kind === "movement") return f.movement === "churn" ? "MRR lost" : f.movement === "contraction" ? "MRR decrease" : f.movement === "expansion" ? "MRR increase" : "MRR gained";
  return null;
}

export default async function FigurePeoplePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("leadership");
  const params = await searchParams;
  const back = (
    <Link href="/leadership" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
      Back to the dashboard
    </Link>
  );
  let fq;
  try {
    fq = parseFigure(params);
  } catch (err) {
    if (!(err instanceof MetricQueryError)) throw err;
    return (
      <>
        <PageHeader title="People behind a figure">{back}</PageHeader>
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {err.message}
        </p>
      </>
    );
  }
  const pageNo = Math.max(1, Math.floor(Number(Array.isArray(params.page) ? params.page[0] : params.page) || 1));
  const ctx = await metricContext();
  let res;
  try {
    res = await loadFigurePeople(ctx, fq, { limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE });
  } catch (err) {
    if (!(err instanceof AnalyticsLimitError)) throw err;
    return (
      <>
        <PageHeader title={describeFigure(fq)}>{back}</PageHeader>
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {err.message}
        </p>
      </>
    );
  }
  const amount = amountLabel(fq.figure);
  const c = ctx.settings.currency;
  const pages = Math.max(1, Math.ceil(res.total / PAGE_SIZE));
  const qs = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (k !== "page" && v !== undefined) p.set(k, Array.isArray(v) ? v.join(",") : v);
    if (page > 1) p.set("page", String(page));
    return p.toString();
  };
  const from = res.total === 0 ? 0 : (pageNo - 1) * PAGE_SIZE + 1;
  return (
    <>
      <PageHeader title={describeFigure(fq)} description={`${formatInt(res.total)} ${res.total === 1 ? "person" : "people"}. Channel = first-touch channel; revenue to date in ${c}, refunds net.`}>
        <a href={`/leadership/people/export?${qs(1)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" download>
          Download CSV
        </a>
        {back}
      </PageHeader>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <caption className="sr-only">{describeFigure(fq)}</caption>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Channel</Th>
              <Th>Customer since</Th>
              {amount ? <Th right>{amount}</Th> : null}
              <Th right>Revenue to date</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {res.rows.length === 0 ? (
              <tr>
                <td colSpan={amount ? 6 : 5} className="px-3 py-10 text-center text-slate-600">
                  Nobody is behind this figure{pageNo > 1 ? " on this page" : ""}.
                </td>
              </tr>
            ) : (
              res.rows.map((r) => (
                <tr key={r.id} data-testid="person-row">
                  <Td>
                    <Link href={`/customers/${r.id}`} className="font-medium text-brand-700 hover:underline">
                      {r.name}
                    </Link>
                  </Td>
                  <Td>{r.email ?? none}</Td>
                  <Td>{r.channel}</Td>
                  <Td>{r.customerAt ? formatDateTime(r.customerAt) : none}</Td>
                  {amount ? <Td right>{r.amount === null ? none : formatCurrency(r.amount, c, 2)}</Td> : null}
                  <Td right>{formatCurrency(r.revenue, c, 2)}</Td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm">
        <span className="text-slate-600">
          {res.total === 0 ? "No rows" : `${formatInt(from)}–${formatInt(Math.min(res.total, pageNo * PAGE_SIZE))} of ${formatInt(res.total)}`}
        </span>
        <span className="flex gap-2">
          {pageNo > 1 ? (
            <Link href={`/leadership/people?${qs(pageNo - 1)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1">
              Previous page
            </Link>
          ) : null}
          {pageNo < pages ? (
            <Link href={`/leadership/people?${qs(pageNo + 1)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1">
              Next page
            </Link>
          ) : null}
        </span>
      </nav>
    </>
  );
}
