// Contacts: the people the team deals with (CRM).
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { countRecords } from "@/lib/data/overview";
import { formatInt } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage() {
  await requireArea("contacts");
  const counts = await countRecords();
  return (
    <>
      <PageHeader title="Contacts" description="Everyone your team talks to, with their relationship timeline and what they did in the product." />
      <EmptyState title={counts.contacts ? "The contacts table is on its way" : "No contacts yet"} icon="👤">
        <p>
          {counts.contacts
            ? `${formatInt(counts.contacts)} contacts and ${formatInt(counts.interactions)} logged interactions are already in the database.`
            : "Contacts appear here when your team adds them, imports a CSV or a web form creates them."}
        </p>
        <p>Searching, filtering, the relationship timeline and one-click call logging arrive with the CRM release.</p>
      </EmptyState>
    </>
  );
}
