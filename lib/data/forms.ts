// Web form submissions into the CRM, in one transaction: the contact (created, or only its blank
// fields filled — a public form never overwrites what the team recorded), a form-fill interaction
// on the timeline, and a "Form Submitted" CDP event carrying the email and the visitor's
// anonymous id, so identity resolution can join the lead's earlier visits.
import { randomUUID } from "node:crypto";
import { db } from "../db/prisma";
import { linkContactToProfile, lockIdentities } from "./identity-store";
import { prismaSql } from "./sql";
import { recordAudit } from "./audit";
import type { AuditActor } from "../audit/actions";
import { insertCrmEvent } from "./crm-events";
import { contactAnonymousId, interactionEvent } from "../crm/crm-events";
import { describeSubmission, fillBlanks, type Submission } from "../crm/forms";

export class FormError extends Error {
  constructor(
    readonly code: "form_not_found",
    message: string,
  ) {
    super(message);
  }
}

export function findForm(id: string) {
  return db().form.findUnique({ where: { id }, select: { id: true, name: true, enabled: true, redirectUrl: true } });
}

export function listForms() {
  return db().form.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, enabled: true, redirectUrl: true, createdAt: true } });
}

export function createForm(input: { name: string; redirectUrl?: string | null }, actor: AuditActor) {
  return db().$transaction(async (tx) => {
    const form = await tx.form.create({ data: { name: input.name.trim(), redirectUrl: input.redirectUrl || null }, select: { id: true, name: true, redirectUrl: true } });
    await recordAudit(prismaSql(tx), actor, { action: "form.created", target: { type: "form", id: form.id, label: form.name }, details: { redirectUrl: form.redirectUrl } });
    return { id: form.id };
  });
}

export async function submitForm(formId: string, s: Submission, now: Date): Promise<{ contactId: string; created: boolean; interactionId: string }> {
  return db().$transaction(async (tx) => {
    // Before any row lock: this transaction logs a CRM event, which resolves identities.
    await lockIdentities(prismaSql(tx));
    const form = await tx.form.findUnique({ where: { id: formId }, select: { id: true, name: true, enabled: true } });
    if (!form || !form.enabled) throw new FormError("form_not_found", "This form does not exist or is switched off.");
    const source = `web form: ${form.name}`;
    let contact = await tx.contact.findUnique({
      where: { email: s.contact.email },
      select: { id: true, companyId: true, firstName: true, lastName: true, phone: true, jobTitle: true },
    });
    const created = !contact;
    if (!contact) {
      const company = s.contact.company
        ? await tx.company.findFirst({ where: { name: { equals: s.contact.company, mode: "insensitive" } }, select: { id: true } })
        : null;
      contact = await tx.contact.create({
        data: {
          email: s.contact.email,
          firstName: s.contact.firstName,
          lastName: s.contact.lastName,
          phone: s.contact.phone,
          jobTitle: s.contact.jobTitle,
          companyId: company?.id ?? null,
          lifecycleStage: "lead",
          stageHistory: { create: { stage: "lead", enteredAt: now } },
        },
        select: { id: true, companyId: true, firstName: true, lastName: true, phone: true, jobTitle: true },
      });
      await tx.fieldHistory.create({ data: { entity: "contact", entityId: contact.id, field: "created", newValue: source, changedAt: now } });
      await linkContactToProfile(prismaSql(tx), contact.id);
    } else {
      const patch = fillBlanks(contact, s.contact);
      if (Object.keys(patch).length) {
        await tx.contact.update({ where: { id: contact.id }, data: patch });
        await tx.fieldHistory.createMany({
          data: Object.entries(patch).map(([field, value]) => ({ entity: "contact", entityId: contact!.id, field, oldValue: null, newValue: value, changedAt: now })),
        });
      }
    }
    const interactionId = randomUUID();
    await tx.interaction.create({
      data: {
        id: interactionId,
        kind: "form_fill",
        contactId: contact.id,
        companyId: contact.companyId,
        occurredAt: now,
        subject: form.name,
        body: describeSubmission(s.values),
      },
    });
    const base = interactionEvent(
      { id: interactionId, kind: "form_fill", contactId: contact.id, contactEmail: s.contact.email, occurredAt: now, subject: form.name, outcome: null, durationSeconds: null, authorEmail: null },
      now,
    );
    const traits = { email: s.contact.email, ...(s.contact.firstName ? { firstName: s.contact.firstName } : {}), ...(s.contact.lastName ? { lastName: s.contact.lastName } : {}) };
    const e = {
      ...base,
      anonymousId: s.anonymousId ?? contactAnonymousId(contact.id),
      properties: { form_id: form.id, form_name: form.name, interaction_id: interactionId, values: s.values },
      traits,
      context: { traits, library: { name: "tandem-forms" } },
    };
    await insertCrmEvent(tx, e);
    await tx.$executeRaw`UPDATE contacts SET last_interaction_at = GREATEST(COALESCE(last_interaction_at, ${now}), ${now}) WHERE id = ${contact.id}`;
    return { contactId: contact.id, created, interactionId };
  });
}
