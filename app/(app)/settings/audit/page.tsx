// Settings → Audit log (admins): every admin action — who, what, on what, when, from which address —
// filtered by actor, action and date range (all in the URL), newest first, keyset-paged, exportable.
import type { Metadata } from "next";
import Link from "next/link";
import { requireArea } from "@/lib/auth/guard";
import { listAuditActors, listAuditEntries } from "@/lib/data/audit";
import { parseAuditFilter, parseCursor } from "@/lib/audit/query";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { AuditLog, type AuditLogRow } from "@/components/audit/audit-log";

export const metadata: Metadata = { title: "Audit log · Settings" };
export const dynamic = "force-dynamic";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("audit");
  const params = await searchParams;
  const { filter, errors } = parseAuditFilter(params);
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const before = parseCursor(one(params.before));
  const after = before ? null : parseCursor(one(params.after));
  const page = await listAuditEntries(filter, { before, after });
  const actors = await listAuditActors();
  const header = (
    <PageHeader
      title="Audit log"
      description="Every admin action — users and roles, sources and write keys, API tokens, settings, profile splits — with who did it, when and from which address (as Tandem's collector saw the connection). Entries are never edited or deleted."
    >
      <Link href="/settings" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
        Back to Settings
      </Link>
    </PageHeader>
  );

  if (actors.length === 0 && page.rows.length === 0) {
    return (
      <>
        {header}
        <EmptyState title="No admin actions yet" icon="🛡" action={{ href: "/settings", label: "Open Settings" }}>
          <p>When an admin adds a user, changes a role, creates or rotates a source&apos;s key, mints an API token or changes a setting, it is recorded here.</p>
        </EmptyState>
      </>
    );
  }

  const rows: AuditLogRow[] = page.rows.map(({ at, seq: _seq, actorUserId, actorTokenId, ...e }) => ({
    ...e,
    at: at.toISOString(),
    actorKind: actorUserId ? "user" : actorTokenId ? "token" : "system",
  }));
  // An actor filter for someone no longer in the log's actors (a hand-edited URL) still shows as chosen.
  const knownActors = filter.actor && !actors.some((a) => a.key === filter.actor) ? [...actors, { key: filter.actor, label: filter.actor.replace(/^[a-z]+:/, "") }] : actors;

  return (
    <>
      {header}
      {errors.length ? (
        <div role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      ) : null}
      <AuditLog rows={rows} filter={filter} actors={knownActors} older={page.older} newer={page.newer} paged={Boolean(before || after)} />
    </>
  );
}
