// CRM → CDP: every logged interaction is also an event of the built-in "CRM" source, so identity
// resolution can join what the team did with what the person did. Pure: ids and clock passed in.

export const CRM_SOURCE_ID = "crm";

export type InteractionKind = "note" | "call" | "email" | "meeting" | "demo" | "form_fill";

/** The CDP event name each kind of interaction is written as. */
export const CRM_EVENT_NAMES: Record<InteractionKind, string> = {
  note: "Note Logged",
  call: "Call Logged",
  email: "Email Logged",
  meeting: "Meeting Held",
  demo: "Demo Held",
  form_fill: "Form Submitted",
};

export function crmEventName(kind: InteractionKind): string {
  return CRM_EVENT_NAMES[kind];
}

export const interactionMessageId = (interactionId: string) => `crm-interaction-${interactionId}`;
/** The CRM source's stand-in anonymous id for a contact (a track event needs userId or anonymousId). */
export const contactAnonymousId = (contactId: string) => `crm-contact-${contactId}`;

export interface InteractionForEvent {
  id: string;
  kind: InteractionKind;
  contactId: string;
  contactEmail: string | null;
  occurredAt: Date;
  subject: string | null;
  outcome: string | null;
  durationSeconds: number | null;
  authorEmail: string | null;
}

/** The `events` row (track, source "crm") that mirrors one interaction. */
export interface CrmEventRow {
  sourceId: string;
  messageId: string;
  type: "track";
  event: string;
  userId: null;
  anonymousId: string;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
  channel: null;
  timestamp: Date;
  receivedAt: Date;
}

export function interactionEvent(i: InteractionForEvent, receivedAt: Date): CrmEventRow {
  const traits: Record<string, unknown> = i.contactEmail ? { email: i.contactEmail } : {};
  return {
    sourceId: CRM_SOURCE_ID,
    messageId: interactionMessageId(i.id),
    type: "track",
    event: crmEventName(i.kind),
    userId: null,
    anonymousId: contactAnonymousId(i.contactId),
    properties: {
      interaction_id: i.id,
      kind: i.kind,
      outcome: i.outcome,
      duration_seconds: i.durationSeconds,
      author_email: i.authorEmail,
      subject: i.subject,
    },
    traits,
    context: { traits, library: { name: "tandem-crm" } },
    channel: null,
    timestamp: i.occurredAt,
    receivedAt,
  };
}
