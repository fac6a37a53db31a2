// The merge journal as two stories: why these identifiers are one person (merges and aliases) and why
// others were kept apart (refused merges and splits), each entry with its reason, rule and message.
import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { UndoMergeButton } from "./split-dialog";

export interface JournalEntryView {
  id: string;
  kind: "merge" | "alias" | "refused" | "split";
  at: Date;
  messageId: string | null;
  identifiers: { type: string; value: string }[];
  rule: string | null;
  reason: string;
  actor: { id: string; name: string } | null;
  otherProfileIds: string[];
}

const KIND_LABELS: Record<JournalEntryView["kind"], string> = {
  merge: "Merged",
  alias: "Aliased",
  refused: "Merge refused",
  split: "Split",
};
const KIND_COLORS: Record<JournalEntryView["kind"], string> = {
  merge: "bg-emerald-50 text-emerald-800",
  alias: "bg-sky-50 text-sky-800",
  refused: "bg-amber-50 text-amber-800",
  split: "bg-rose-50 text-rose-800",
};

export function ruleLabel(rule: string | null): string | null {
  if (!rule) return null;
  if (rule === "match") return "shared identifier";
  if (rule === "alias") return "explicit alias call";
  if (rule === "kept_apart") return "kept apart by an admin";
  if (rule === "admin") return "admin action";
  if (rule.startsWith("limit:")) return `limit on ${rule.slice(6)}`;
  return rule;
}

function Entry({ e }: { e: JournalEntryView }) {
  const rule = ruleLabel(e.rule);
  return (
    <li className="py-2 text-sm" data-testid="journal-entry">
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${KIND_COLORS[e.kind]}`}>{KIND_LABELS[e.kind]}</span>
        <time dateTime={e.at.toISOString()} className="text-xs text-slate-500">
          {formatDateTime(e.at)}
        </time>
        {e.actor ? <span className="text-xs text-slate-500">by {e.actor.name}</span> : null}
        {e.kind === "merge" || e.kind === "alias" ? <UndoMergeButton identifiers={e.identifiers} /> : null}
      </div>
      <p className="mt-1">{e.reason}</p>
      <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {rule ? (
          <div className="flex gap-1">
            <dt className="font-medium">Rule</dt>
            <dd>
              {rule} {e.rule !== rule ? <code className="text-slate-400">({e.rule})</code> : null}
            </dd>
          </div>
        ) : null}
        {e.messageId ? (
          <div className="flex gap-1">
            <dt className="font-medium">Message</dt>
            <dd>
              <code className="break-all">{e.messageId}</code>
            </dd>
          </div>
        ) : null}
        {e.identifiers.length ? (
          <div className="flex gap-1">
            <dt className="font-medium">Identifiers</dt>
            <dd className="break-all">{e.identifiers.map((i) => `${i.type}: ${i.value}`).join(", ")}</dd>
          </div>
        ) : null}
        {e.otherProfileIds.length ? (
          <div className="flex gap-1">
            <dt className="font-medium">Other profile{e.otherProfileIds.length > 1 ? "s" : ""}</dt>
            <dd className="flex flex-wrap gap-1">
              {e.otherProfileIds.map((id) => (
                <Link key={id} href={`/customers/${id}`} className="font-mono link">
                  {id.slice(0, 8)}
                </Link>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

export function MergeJournal({ entries, hasMore }: { entries: JournalEntryView[]; hasMore: boolean }) {
  const together = entries.filter((e) => e.kind === "merge" || e.kind === "alias");
  const apart = entries.filter((e) => e.kind === "refused" || e.kind === "split");
  return (
    <section aria-labelledby="journal-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="journal-heading" className="text-lg font-semibold">
        Merge journal
      </h2>
      <div className="mt-2 grid gap-6 md:grid-cols-2">
        <section aria-labelledby="journal-together">
          <h3 id="journal-together" className="text-sm font-semibold">
            Why these are one person
          </h3>
          {together.length ? (
            <ol className="divide-y divide-slate-100">{together.map((e) => <Entry key={e.id} e={e} />)}</ol>
          ) : (
            <p className="mt-1 text-sm text-slate-500">No merges: every identifier arrived together on this profile&apos;s own messages.</p>
          )}
        </section>
        <section aria-labelledby="journal-apart">
          <h3 id="journal-apart" className="text-sm font-semibold">
            Why these were kept apart
          </h3>
          {apart.length ? (
            <ol className="divide-y divide-slate-100">{apart.map((e) => <Entry key={e.id} e={e} />)}</ol>
          ) : (
            <p className="mt-1 text-sm text-slate-500">No refused merges or splits.</p>
          )}
        </section>
      </div>
      {hasMore ? <p className="mt-2 text-xs text-slate-500">Showing the latest {entries.length} entries; the Profile API&apos;s /merges lists them all.</p> : null}
    </section>
  );
}
