"use server";
// Server actions of the ticket queue and ticket page: open a ticket, reply or add an internal note
// ("submit as" a status), change status/priority/assignee, and find a requester — all tickets:write
// (customer success and admins); everyone else reads tickets only.
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/auth/actions";
import * as tickets from "@/lib/data/tickets";
import { createTicketInput, findContactsInput, replyTicketInput, updateTicketInput } from "@/lib/crm/tickets";

async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof tickets.TicketError) throw new ActionError(err.code, err.message);
    throw err;
  }
}

function refresh(ticketId: string, contactId: string | null, companyId?: string | null) {
  revalidatePath("/tickets");
  revalidatePath(`/tickets/${ticketId}`);
  if (contactId) revalidatePath(`/contacts/${contactId}`);
  if (companyId) revalidatePath(`/companies/${companyId}`);
}

export const openTicket = action("tickets:write", createTicketInput, async (input, user) => {
  const t = await mapErrors(() => tickets.createTicket(input, user));
  refresh(t.id, input.contactId);
  return t;
});

export const replyToTicket = action("tickets:write", replyTicketInput, async (input, user) => {
  const r = await mapErrors(() => tickets.replyToTicket(input, user));
  refresh(r.id, r.contactId);
  return { commentId: r.commentId };
});

export const changeTicket = action("tickets:write", updateTicketInput, async (input, user) => {
  const r = await mapErrors(() => tickets.updateTicket(input, user));
  refresh(r.id, r.contactId);
  return { changed: r.changed };
});

export const findRequesters = action("tickets:write", findContactsInput, async ({ q }) => tickets.findContactOptions(q));
