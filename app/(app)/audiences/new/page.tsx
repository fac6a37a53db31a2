// A new audience: the builder, empty or from one of the examples (?example=…).
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { listOwnerOptions } from "@/lib/data/contacts";
import { listEventCatalog } from "@/lib/data/event-catalog";
import { trackEventNames } from "@/lib/analytics/event-catalog";
import { audienceExamples, type AudienceDefinition } from "@/lib/analytics/audiences";
import { CHANNELS } from "@/lib/analytics/channel";
import { PageHeader } from "@/components/ui/page-header";
import { AudienceBuilder } from "@/components/audiences/audience-builder";

export const metadata: Metadata = { title: "New audience" };

const BLANK: AudienceDefinition = { type: "group", match: "all", conditions: [{ type: "event", event: "", did: true, window: { type: "last", days: 30 } }] };

export default async function NewAudiencePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("audiences");
  const { example } = await searchParams;
  const owners = await listOwnerOptions();
  const events = trackEventNames(await listEventCatalog());
  const priya = owners.find((o) => o.name.startsWith("Priya")) ?? owners[0] ?? null;
  const chosen = audienceExamples(priya?.id ?? null, priya?.name ?? null).find((e) => e.key === example);
  return (
    <>
      <PageHeader title={chosen ? `New audience: ${chosen.name}` : "New audience"} description="Combine conditions on behaviour, traits and CRM fields; the count and the members update as you edit." />
      <AudienceBuilder saved={null} start={chosen?.definition ?? BLANK} startName={chosen?.name} options={{ events, owners: owners.map((o) => ({ id: o.id, name: o.name })), channels: CHANNELS }} />
    </>
  );
}
