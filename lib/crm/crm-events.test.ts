import { describe, expect, it } from "vitest";
import { crmEventName, interactionEvent, type InteractionKind } from "./crm-events";

describe("crmEventName", () => {
  it.each([
    ["note", "Note Logged"],
    ["call", "Call Logged"],
    ["email", "Email Logged"],
    ["meeting", "Meeting Held"],
    ["demo", "Demo Held"],
    ["form_fill", "Form Submitted"],
  ] as [InteractionKind, string][])("%s → %s", (kind, name) => {
    expect(crmEventName(kind)).toBe(name);
  });
});

describe("interactionEvent", () => {
  const base = {
    id: "i1",
    kind: "call" as const,
    contactId: "c1",
    contactEmail: "marc@acme.example",
    occurredAt: new Date("2026-01-02T10:00:00Z"),
    subject: "Intro",
    outcome: "connected",
    durationSeconds: 300,
    authorEmail: "sales@tandem.local",
  };
  const now = new Date("2026-01-02T10:00:05Z");

  it("is a track event of the CRM source carrying the contact's email", () => {
    expect(interactionEvent(base, now)).toEqual({
      sourceId: "crm",
      messageId: "crm-interaction-i1",
      type: "track",
      event: "Call Logged",
      userId: null,
      anonymousId: "crm-contact-c1",
      properties: { interaction_id: "i1", kind: "call", outcome: "connected", duration_seconds: 300, author_email: "sales@tandem.local", subject: "Intro" },
      traits: { email: "marc@acme.example" },
      context: { traits: { email: "marc@acme.example" }, library: { name: "tandem-crm" } },
      channel: null,
      timestamp: base.occurredAt,
      receivedAt: now,
    });
  });

  it("leaves the email out when the contact has none, but still has an anonymous id", () => {
    const e = interactionEvent({ ...base, contactEmail: null, kind: "note", outcome: null, durationSeconds: null }, now);
    expect(e.traits).toEqual({});
    expect(e.context.traits).toEqual({});
    expect(e.anonymousId).toBe("crm-contact-c1");
    expect(e.event).toBe("Note Logged");
  });
});
