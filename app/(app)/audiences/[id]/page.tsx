// One saved audience in the builder: its live count and members, export, and (for its author or an
// admin) changes and deletion.
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { getAudience } from "@/lib/data/audiences";
import { listOwnerOptions } from "@/lib/data/contacts";
import { listEventCatalog } from "@/lib/data/event-catalog";
import { trackEventNames } from "@/lib/analytics/event-catalog";
import { canEditAudience } from "@/lib/analytics/audiences";
import { CHANNELS } from "@/lib/analytics/channel";
import { PageHeader } from "@/components/ui/page-header";
import { AudienceBuilder } from "@/components/audiences/audience-builder";

export const metadata: Metadata = { title: "Audience" };

export default async function AudiencePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("audiences");
  const { id } = await params;
  const audience = await getAudience(id);
  if (!audience) notFound();
  const owners = await listOwnerOptions();
  const events = trackEventNames(await listEventCatalog());
  return (
    <>
      <PageHeader title={audience.name} description={audience.description ?? "A saved audience: its members are computed when you look."} />
      <AudienceBuilder
        key={audience.updatedAt.toISOString()}
        saved={{
          id: audience.id,
          name: audience.name,
          description: audience.description,
          definition: audience.definition,
          canEdit: canEditAudience(user, audience.createdBy?.id ?? null),
          author: audience.createdBy?.name ?? null,
        }}
        start={audience.definition}
        options={{ events, owners: owners.map((o) => ({ id: o.id, name: o.name })), channels: CHANNELS }}
      />
    </>
  );
}
