// A source's live debugger (admin): incoming messages within a second or two, newest first, with
// rejected ones and their reasons, and quarantined ones with their tracking plan violations.
import { Breadcrumb } from "@/components/ui/breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { findSource } from "@/lib/sources/find-source";
import { snippetBaseUrl } from "@/lib/sources/public-base-url";
import { buildSnippets } from "@/lib/sources/snippets";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/sources/badges";
import { LiveDebugger } from "@/components/sources/live-debugger";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requireArea("sources");
  const source = await findSource((await params).id);
  return { title: source ? `Debugger · ${source.name}` : "Source not found" };
}

export default async function SourceDebuggerPage({ params }: Params) {
  await requireArea("sources");
  const { id } = await params;
  const source = await findSource(id);
  if (!source) notFound();
  const baseUrl = await snippetBaseUrl();
  return (
    <>
      <Breadcrumb trail={[{ href: "/sources", label: "Sources" }, { href: `/sources/${id}`, label: source.name }]} current="Live debugger" />
      <PageHeader
        title={`Live debugger: ${source.name}`}
        description="Messages as they reach this source, newest first — accepted events with the JSON as stored, rejected messages with the reason, and messages its tracking plan quarantined with their violations. Click a row for its JSON. Times are UTC."
      >
        <StatusBadge enabled={source.enabled} />
      </PageHeader>
      {!source.enabled ? (
        <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This source is disabled: its write key is refused, so nothing new will arrive until it is{" "}
          <Link href={`/sources/${id}`} className="font-medium underline">
            enabled again
          </Link>
          .
        </p>
      ) : null}
      <LiveDebugger sourceId={id} curlSnippet={buildSnippets(baseUrl).curl} />
    </>
  );
}
