// The CRM source's events for the demo's interactions: the same rows live logging writes (one track
// event of the built-in CRM source per interaction, carrying the contact's email so resolution links it
// to the person), so the demo's CDP holds the CRM copies exactly as a real install would. Pure.
import { interactionEvent, type CrmEventRow } from "../crm/crm-events";
import type { ContactRow, InteractionRow, UserRow } from "./types";

export function demoCrmEvents(interactions: InteractionRow[], contacts: ContactRow[], users: UserRow[]): CrmEventRow[] {
  const emailOf = new Map(contacts.map((c) => [c.id, c.email]));
  const authorEmail = new Map(users.map((u) => [u.id, u.email]));
  return interactions.map((i) => {
    const at = new Date(i.occurredAt);
    return interactionEvent(
      {
        id: i.id,
        kind: i.kind,
        contactId: i.contactId,
        contactEmail: emailOf.get(i.contactId) ?? null,
        occurredAt: at,
        subject: i.subject,
        outcome: i.outcome,
        durationSeconds: i.durationSeconds,
        authorEmail: authorEmail.get(i.authorId) ?? null,
      },
      at,
    );
  });
}
