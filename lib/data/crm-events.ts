// Writing a CRM-source event into the CDP inside the caller's transaction, so the CRM change and its
// event commit together (interactions, web forms, tickets).
import type { Prisma } from "../generated/prisma/client";
import type { CrmEventRow } from "../crm/crm-events";

export async function insertCrmEvent(tx: Prisma.TransactionClient, e: CrmEventRow): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO events (source_id, message_id, type, event, user_id, anonymous_id, properties, traits, context, channel, timestamp, received_at)
    VALUES (${e.sourceId}, ${e.messageId}, 'track'::"EventType", ${e.event}, NULL, ${e.anonymousId}, ${JSON.stringify(e.properties)}::jsonb,
      ${JSON.stringify(e.traits)}::jsonb, ${JSON.stringify(e.context)}::jsonb, NULL, ${e.timestamp}, ${e.receivedAt})`;
}
