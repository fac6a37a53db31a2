// Settings → Privacy (admins): delete or suppress a person by any identifier (with a dry-run count
// first), the requests made so far (API, CLI or here) with their status and counts, and the
// suppression list — hashes and dates only, never an identifier.
import type { Metadata } from "next";
import Link from "next/link";
import { requireArea } from "@/lib/auth/guard";
import { listPrivacyRequests, listSuppressions } from "@/lib/data/privacy";
import { PageHeader } from "@/components/ui/page-header";
import { PrivacyConsole } from "@/components/privacy/privacy-console";
import { PrivacyRequests, SuppressionList } from "@/components/privacy/privacy-lists";

export const metadata: Metadata = { title: "Privacy · Settings" };
export const dynamic = "force-dynamic";

export default async function PrivacyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("settings");
  const params = await searchParams;
  const prefill = typeof params.identifier === "string" ? params.identifier : "";
  const requests = await listPrivacyRequests(50);
  const suppressions = await listSuppressions(100);
  return (
    <>
      <PageHeader
        title="Privacy"
        description="Delete everything Tandem holds about a person, or stop collecting their data, by any of their identifiers. The same as POST /api/v1/privacy/deletions and npm run privacy."
      >
        <Link href="/settings" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          Back to Settings
        </Link>
      </PageHeader>
      <section aria-labelledby="privacy-act-heading" className="space-y-4">
        <h2 id="privacy-act-heading" className="text-lg font-semibold">
          Delete or suppress a person
        </h2>
        <PrivacyConsole prefill={prefill} />
      </section>
      <section aria-labelledby="privacy-requests-heading" className="mt-10 space-y-4">
        <h2 id="privacy-requests-heading" className="text-lg font-semibold">
          Requests
        </h2>
        <PrivacyRequests requests={requests} />
      </section>
      <section aria-labelledby="suppressions-heading" className="mt-10 space-y-4">
        <div>
          <h2 id="suppressions-heading" className="text-lg font-semibold">
            Suppression list
          </h2>
          <p className="text-sm text-slate-600">
            The Tracking API accepts and drops every message carrying one of these identifiers (shown as the SHA-256 of <code className="font-mono">type:value</code>
            ; the values are not kept). Dropped messages are counted in each source&apos;s volume.
          </p>
        </div>
        <SuppressionList total={suppressions.total} rows={suppressions.rows} />
      </section>
    </>
  );
}
