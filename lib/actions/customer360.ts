"use server";
// Server actions of the Customer 360 page: page through the person's merged stream (everyone who reads
// the CRM; the CDP side also needs customers:read), turn a product user into a CRM contact in one
// click (crm:write; the creator becomes the owner) and assign a contact's owner (admins).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, ActionError } from "../auth/actions";
import { authorize } from "../auth/guard";
import { TIMELINE_KINDS } from "../crm/timeline";
import { CDP_TYPES, personStreamPage, STREAM_PAGE_SIZE } from "../data/person-stream";
import { personByContact, personByProfile } from "../data/person";
import { findProfile, ProfileQueryError } from "../data/profiles";
import { lifecycleSettings } from "../data/lifecycle";
import { assignContactOwner, contactFromProfile, Customer360Error } from "../data/customer360-writes";
import type { EncodedStreamPage } from "../data/person-stream";

const id = z.string().trim().regex(/^[A-Za-z0-9_-]{1,128}$/, "Not an id.");
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Pick a date")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Pick a date");

const streamInput = z
  .object({
    profileId: id.nullish(),
    /** The contact whose CRM items are shown (one of the person's). */
    contactId: id.nullish(),
    cursor: z.string().max(500).nullish(),
    side: z.enum(["crm", "cdp"]).nullish(),
    kinds: z.array(z.enum(TIMELINE_KINDS)).max(TIMELINE_KINDS.length).optional(),
    authorId: z.string().max(100).optional(),
    names: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
    types: z.array(z.enum(CDP_TYPES)).max(CDP_TYPES.length).optional(),
    hidePageViews: z.boolean().optional(),
    /** Jump: items on or before this UTC day. */
    until: day.nullish(),
  })
  .refine((v) => v.profileId || v.contactId, { message: "Name a customer or a contact", path: ["profileId"] });

export const loadPersonStream = action("crm:read", streamInput, async (input): Promise<EncodedStreamPage> => {
  let person;
  if (input.profileId) {
    await authorize("customers:read");
    const live = await findProfile({ kind: "profile_id", id: input.profileId });
    if (!live) throw new ActionError("not_found", "This customer no longer exists; reload the page.");
    person = await personByProfile(live);
  } else {
    person = await personByContact(input.contactId!);
    if (!person) throw new ActionError("not_found", "This contact no longer exists; reload the page.");
  }
  const contact = input.contactId ? person.contacts.find((c) => c.id === input.contactId) : person.contacts[0];
  if (input.contactId && !contact) throw new ActionError("not_found", "That contact is not this customer's; reload the page.");
  const subject = { familyIds: person.familyIds, contactIds: contact ? [contact.id] : [] };
  const until = input.until ? new Date(Date.parse(`${input.until}T00:00:00Z`) + 86_400_000) : undefined;
  try {
    return await personStreamPage(
      subject,
      {
        side: input.side ?? null,
        crm: { kinds: input.kinds, authorId: input.authorId || undefined },
        names: input.names,
        types: input.types,
        hidePageViews: input.hidePageViews,
        to: until,
      },
      input.cursor ?? null,
      STREAM_PAGE_SIZE,
      await lifecycleSettings(),
    );
  } catch (err) {
    if (err instanceof ProfileQueryError) throw new ActionError(err.code, "The list moved on; reload the page to start again.");
    throw err;
  }
});

const mapErrors = async <T,>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Customer360Error) throw new ActionError(err.code, err.message);
    throw err;
  }
};

export const createContactFromProfile = action("crm:write", z.object({ profileId: id }), async ({ profileId }, user) => {
  const live = await findProfile({ kind: "profile_id", id: profileId });
  if (!live) throw new ActionError("not_found", "This customer no longer exists; reload the page.");
  const created = await mapErrors(() => contactFromProfile(live, user));
  revalidatePath(`/customers/${live}`);
  revalidatePath("/journeys");
  return created;
});

export const assignOwner = action("settings:manage", z.object({ contactId: id, ownerId: id }), async ({ contactId, ownerId }, user) => {
  await mapErrors(() => assignContactOwner(contactId, ownerId, user));
  revalidatePath(`/contacts/${contactId}`);
  revalidatePath("/journeys");
  return { contactId, ownerId };
});
