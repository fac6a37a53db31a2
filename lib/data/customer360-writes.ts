// Closing the gaps the Customer 360 page shows: a product user becomes a CRM contact in one click (from
// what the profile knows; the creator owns it; the email links it), and an admin assigns an owner.
// Both go through the contacts module, so field history, stage history and the CRM link are written
// exactly as for a contact made by hand.
import "server-only";
import { db } from "../db/prisma";
import type { Actor } from "../crm/contacts-access";
import { cdpValue, type CdpTrait } from "../customer360/knowledge";
import { createContact, CrmError, getContactRecord, updateContact } from "./contacts";
import { profileExternalIds, profileTraits } from "./profiles";
import { personMilestones } from "./person-stream";
import { lifecycleSettings } from "./lifecycle";

export { CrmError as Customer360Error };

const fit = (v: string | null, max: number) => (v && v.length <= max ? v : null);

/** Creates the contact for a live profile that has none; the actor becomes its owner. */
export async function contactFromProfile(profileId: string, actor: Actor): Promise<{ id: string }> {
  const existing = await db().contact.findFirst({ where: { profileId }, select: { id: true } });
  if (existing) throw new CrmError("conflict", "This customer already has a CRM contact; open it from the page.");
  const traits = await profileTraits(profileId);
  const identities = await profileExternalIds(profileId);
  const email = identities.filter((i) => i.type === "email").sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())[0]?.value ?? null;
  if (!email) throw new CrmError("invalid_input", "The product has no email for this person yet, and contacts link to profiles by email; add the contact by hand once you know it.");
  const byKey: Record<string, CdpTrait> = Object.fromEntries((traits?.traits ?? []).map((t) => [t.key, { value: t.value, source: t.sourceName ?? "", at: null }]));
  const phone = identities.find((i) => i.type === "phone")?.value ?? null;
  const milestones = await personMilestones([profileId], await lifecycleSettings());
  return createContact(
    {
      email,
      firstName: fit(cdpValue("firstName", byKey)?.value ?? null, 100),
      lastName: fit(cdpValue("lastName", byKey)?.value ?? null, 100),
      phone: fit(phone, 40),
      jobTitle: fit(cdpValue("title", byKey)?.value ?? null, 120),
      companyId: null,
      ownerId: actor.id,
      lifecycleStage: milestones.customer ? "customer" : milestones.signedUp || milestones.trialStarted ? "lead" : "subscriber",
    },
    actor,
  );
}

/** An admin gives a contact an owner (who must work the CRM). */
export async function assignContactOwner(contactId: string, ownerId: string, actor: Actor): Promise<void> {
  const c = await getContactRecord(contactId);
  if (!c) throw new CrmError("not_found", "This contact no longer exists.");
  await updateContact(
    { id: c.id, email: c.email, firstName: c.firstName, lastName: c.lastName, phone: c.phone, jobTitle: c.jobTitle, companyId: c.companyId, ownerId, lifecycleStage: c.lifecycleStage },
    actor,
  );
}
