// Writing a CRM-source event into the CDP inside the caller's transaction, so the CRM change and its
// event commit together (interactions, web forms, tickets). It goes through identity resolution like
// any tracked event: its anonymous id and the contact's email link it to the person's profile.
import type { Prisma } from "../generated/prisma/client";
import type { CrmEventRow } from "../crm/crm-events";
import type { NormalizedEvent } from "../ingest/normalize";
import { storeEvents } from "./events";
import { prismaSql } from "./sql";

export class DuplicateCrmEventError extends Error {
  constructor(messageId: string) {
    super(`The CRM event ${messageId} is already stored; nothing was written.`);
    this.name = "DuplicateCrmEventError";
  }
}

export function crmNormalizedEvent(e: CrmEventRow): NormalizedEvent {
  return {
    messageId: e.messageId,
    type: e.type,
    event: e.event,
    name: null,
    userId: e.userId,
    anonymousId: e.anonymousId,
    groupId: null,
    previousId: null,
    properties: e.properties,
    traits: e.traits,
    context: e.context,
    integrations: {},
    channel: e.channel,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    utmTerm: null,
    utmContent: null,
    referrer: null,
    referringDomain: null,
    pageUrl: null,
    pagePath: null,
    clickIds: null,
    timestamp: e.timestamp,
    originalTimestamp: null,
    sentAt: null,
    receivedAt: e.receivedAt,
  };
}

export async function insertCrmEvent(tx: Prisma.TransactionClient, e: CrmEventRow): Promise<void> {
  const suppressed = new Set<string>();
  const inserted = await storeEvents(prismaSql(tx), [{ sourceId: e.sourceId, event: crmNormalizedEvent(e) }], [], { suppressed });
  // The caller's change must not commit without its event — unless the event is of a deleted or
  // suppressed person (lib/data/privacy.ts): then the CRM change commits and the CDP keeps nothing.
  if (inserted.size !== 1 && suppressed.size === 0) throw new DuplicateCrmEventError(e.messageId);
}
