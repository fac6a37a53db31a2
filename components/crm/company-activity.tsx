"use client";
// A company's rolled-up timeline: interactions with it and its contacts, newest first, grouped by
// day (UTC), with "Load more" fetching the next page by keyset. Read-only (logging lives on the
// contact page).
import Link from "next/link";
import { useState, useTransition } from "react";
import { loadCompanyActivity } from "@/app/(app)/companies/actions";
import type { ActivityItem } from "@/lib/data/companies";

const KIND_LABELS: Record<string, string> = { note: "Note", call: "Call", email: "Email", meeting: "Meeting", demo: "Demo", form_fill: "Form" };
const day = new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeZone: "UTC" });
const time = new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone: "UTC" });

export function CompanyActivity({ companyId, initial, initialNext }: { companyId: string; initial: ActivityItem[]; initialNext: string | null }) {
  const [items, setItems] = useState(initial);
  const [next, setNext] = useState(initialNext);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const groups: { day: string; items: ActivityItem[] }[] = [];
  for (const item of items) {
    const d = day.format(new Date(item.occurredAt));
    const last = groups[groups.length - 1];
    if (last && last.day === d) last.items.push(item);
    else groups.push({ day: d, items: [item] });
  }

  if (items.length === 0) return <p className="text-sm text-slate-600">No interactions with this company or its contacts yet.</p>;

  return (
    <div className="space-y-4">
      {groups.map((g) => (
        <section key={g.day} aria-label={g.day}>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{g.day}</h3>
          <ol className="space-y-2">
            {g.items.map((i) => (
              <li key={i.id} data-testid="activity-item" className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                <div className="flex flex-wrap items-baseline gap-x-2">
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium">{KIND_LABELS[i.kind] ?? i.kind}</span>
                  <span className="font-medium">{i.subject ?? "(no subject)"}</span>
                  {i.outcome ? <span className="text-xs text-slate-500">{i.outcome.replace(/_/g, " ")}</span> : null}
                  <span className="ml-auto text-xs text-slate-500">{time.format(new Date(i.occurredAt))} UTC</span>
                </div>
                <p className="mt-1 text-xs text-slate-600">
                  {i.contactId ? (
                    <Link href={`/contacts/${i.contactId}`} className="link">
                      {i.contactName}
                    </Link>
                  ) : (
                    "Company"
                  )}
                  {i.authorName ? ` · by ${i.authorName}` : null}
                </p>
                {i.body ? <p className="mt-1 line-clamp-3 whitespace-pre-line text-slate-700">{i.body}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ))}
      {next ? (
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const res = await loadCompanyActivity({ companyId, before: next });
              if (!res.ok) return setError(res.message);
              setError(null);
              setItems((prev) => [...prev, ...res.data.items]);
              setNext(res.data.next);
            })
          }
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-60"
        >
          {pending ? "Loading…" : "Load more"}
        </button>
      ) : (
        <p className="text-xs text-slate-500">That is everything.</p>
      )}
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
    </div>
  );
}
