// Tickets: the support queue (server-paged; the view — status, priority, assignee, search, sort,
// page — is the URL). Everyone who reads the CRM sees it; customer success and admins work it.
// `?new=<contactId>` opens the "New ticket" form for that contact.
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { getContactOption, listAssigneeOptions, listTickets } from "@/lib/data/tickets";
import { parseTicketsView } from "@/lib/crm/tickets";
import { PageHeader } from "@/components/ui/page-header";
import { TicketsTable } from "@/components/tickets/tickets-table";

export const metadata: Metadata = { title: "Tickets" };

export default async function TicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("tickets");
  const params = await searchParams;
  const view = parseTicketsView(params);
  const canWrite = can(user.role, "tickets:write");
  const page = await listTickets(view, user.id);
  const assignees = await listAssigneeOptions();
  const newId = typeof params.new === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(params.new) ? params.new : null;
  const newFor = canWrite && newId ? await getContactOption(newId) : null;
  return (
    <>
      <PageHeader title="Tickets" description="Support requests: status, priority, who works them, first-response and resolution times. The view is kept in the address." />
      <TicketsTable rows={page.rows} total={page.total} view={view} assignees={assignees} canWrite={canWrite} newFor={newFor} />
    </>
  );
}
