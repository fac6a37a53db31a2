// Tickets: support requests and how they were resolved (CRM, owned by customer success).
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { countRecords } from "@/lib/data/overview";
import { formatInt } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Tickets" };

export default async function TicketsPage() {
  await requireArea("tickets");
  const counts = await countRecords();
  return (
    <>
      <PageHeader title="Tickets" description="Support requests, their status, first-response and resolution times." />
      <EmptyState title={counts.tickets ? "The ticket queue is on its way" : "No tickets yet"} icon="🎫">
        <p>
          {counts.tickets
            ? `${formatInt(counts.tickets)} tickets are in the database, ${formatInt(counts.openTickets)} of them still open.`
            : "Tickets appear here when customers ask for help."}
        </p>
        <p>The queue, replies and resolution figures arrive with the CRM release.</p>
      </EmptyState>
    </>
  );
}
