"use client";
// The people behind one step of a funnel: who converted at it or dropped off before it (one breakdown
// value or everyone), latest first, 25 a page, each linking to their Customer 360 page.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { FunnelRequestInput } from "@/lib/analytics/funnel-definition";
import { formatDateTime, formatInt } from "@/lib/format";
import { postJson } from "@/components/analytics/post-json";

export interface PeopleQuery {
  step: number;
  stepLabel: string;
  outcome: "converted" | "dropped";
  breakdownValue?: string;
}

interface Person {
  profileId: string;
  name: string | null;
  email: string | null;
  at: string;
  enteredAt: string;
  url: string;
}

const PAGE = 25;

export function PeoplePanel({ funnel, query, onClose }: { funnel: FunnelRequestInput; query: PeopleQuery; onClose(): void }) {
  const [offset, setOffset] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const key = JSON.stringify([funnel, query]);
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setOffset(0);
  }
  const requestKey = `${key}#${offset}`;
  const [data, setData] = useState<{ key: string; error: string | null; total: number; people: Person[] } | null>(null);
  const loading = data?.key !== requestKey;
  const state = { loading, error: data?.error ?? null, total: data?.total ?? 0, people: loading ? [] : (data?.people ?? []) };

  useEffect(() => {
    heading.current?.focus();
  }, [key]);

  useEffect(() => {
    const ctrl = new AbortController();
    postJson<{ total: number; people: Person[] }>("/api/v1/analytics/funnels/people", { funnel, step: query.step, outcome: query.outcome, breakdownValue: query.breakdownValue, limit: PAGE, offset }, { signal: ctrl.signal })
      .then((res) => {
        if (!res.ok) setData({ key: requestKey, error: res.message, total: 0, people: [] });
        else setData({ key: requestKey, error: null, total: res.data.total, people: res.data.people });
      })
      .catch((err: unknown) => {
        if ((err as Error).name !== "AbortError") setData({ key: requestKey, error: "The list could not be loaded; check the connection and try again.", total: 0, people: [] });
      });
    return () => ctrl.abort();
  }, [funnel, query.step, query.outcome, query.breakdownValue, offset, requestKey]);

  const title = `${query.outcome === "converted" ? "Converted at" : "Dropped off before"} step ${query.step}: ${query.stepLabel}${query.breakdownValue !== undefined ? ` · ${query.breakdownValue}` : ""}`;
  const atLabel = query.outcome === "converted" ? `Reached step ${query.step}` : `Last step reached (${query.step - 1})`;

  return (
    <section aria-labelledby="people-heading" aria-busy={state.loading} className="rounded-lg border border-brand-100 bg-white p-4 shadow-sm" data-testid="funnel-people">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id="people-heading" ref={heading} tabIndex={-1} className="font-medium">
            {title}
          </h3>
          <p className="text-sm text-slate-600">
            {state.loading ? "Loading…" : `${formatInt(state.total)} ${state.total === 1 ? "person" : "people"}`} · through their best attempt, latest first
          </p>
        </div>
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50">
          Close
        </button>
      </div>
      {state.error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {state.error}
        </p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-1.5 pr-3">Person</th>
                <th scope="col" className="py-1.5 pr-3">Email</th>
                <th scope="col" className="py-1.5 pr-3">Entered (step 1)</th>
                <th scope="col" className="py-1.5 pr-3">{atLabel}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {state.people.map((p) => (
                <tr key={p.profileId}>
                  <td className="py-1.5 pr-3">
                    <Link href={p.url} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {p.name ?? p.email ?? `Profile ${p.profileId.slice(0, 8)}`}
                    </Link>
                  </td>
                  <td className="py-1.5 pr-3 text-slate-600">{p.email ?? "—"}</td>
                  <td className="py-1.5 pr-3 text-slate-600">{formatDateTime(p.enteredAt)}</td>
                  <td className="py-1.5 pr-3 text-slate-600">{formatDateTime(p.at)}</td>
                </tr>
              ))}
              {!state.loading && state.people.length === 0 ? (
                <tr>
                  <td colSpan={4} className="py-3 text-slate-500">
                    Nobody here.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {state.total > PAGE ? (
            <nav aria-label="People pages" className="mt-3 flex items-center gap-2 text-sm">
              <button type="button" disabled={offset === 0 || state.loading} onClick={() => setOffset(Math.max(0, offset - PAGE))} className="rounded-md border border-slate-300 px-2 py-1 disabled:opacity-50">
                Previous
              </button>
              <span className="text-slate-600">
                {formatInt(offset + 1)}–{formatInt(Math.min(offset + PAGE, state.total))} of {formatInt(state.total)}
              </span>
              <button type="button" disabled={offset + PAGE >= state.total || state.loading} onClick={() => setOffset(offset + PAGE)} className="rounded-md border border-slate-300 px-2 py-1 disabled:opacity-50">
                Next
              </button>
            </nav>
          ) : null}
        </div>
      )}
    </section>
  );
}
