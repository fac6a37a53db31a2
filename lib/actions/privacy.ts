"use server";
// Settings → Privacy (admins): preview what deleting a person removes, delete, suppress. The same
// data-layer path as the privacy API and the CLI (lib/data/privacy.ts), audited as the admin.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, ActionError } from "../auth/actions";
import { parsePrivacyIdentifier } from "../privacy/identifier";
import type { Identifier } from "../identity/identifiers";
import { deletePerson, previewDeletion, suppressPerson } from "../data/privacy";

const identifierField = z.string().trim().min(1, "Enter the person's identifier, like email:ann@example.com").max(1100);
const contactField = z.enum(["keep", "delete"]).default("keep");

function identifierOf(input: string): Identifier {
  const parsed = parsePrivacyIdentifier(input);
  if (!parsed.ok) throw new ActionError("invalid_identifier", parsed.message, { identifier: parsed.message });
  return parsed.identifier;
}

export const previewDeletionAction = action("settings:manage", z.object({ identifier: identifierField, contact: contactField }), async (input) => {
  const removed = await previewDeletion(identifierOf(input.identifier), input.contact);
  return { found: removed !== null, removed: removed ?? {} };
});

export const deletePersonAction = action(
  "settings:manage",
  z.object({ identifier: identifierField, contact: contactField, suppress: z.boolean().default(true) }),
  async (input, _user, actor) => {
    const done = await deletePerson(identifierOf(input.identifier), { contact: input.contact, suppress: input.suppress }, actor);
    revalidatePath("/settings/privacy");
    return done;
  },
);

export const suppressPersonAction = action("settings:manage", z.object({ identifier: identifierField }), async (input, _user, actor) => {
  const done = await suppressPerson(identifierOf(input.identifier), actor);
  revalidatePath("/settings/privacy");
  return done;
});
