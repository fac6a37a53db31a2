"use server";
// Server actions of a customer's page: split identifiers off into a new profile (admins: undoing a bad
// merge). The stream's actions are in lib/actions/customer360.ts.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, ActionError } from "@/lib/auth/actions";
import { splitProfile, SplitError } from "@/lib/data/identity-split";
import { MAX_IDENTIFIER_LENGTH } from "@/lib/identity/identifiers";

const profileIdInput = z.string().trim().regex(/^[A-Za-z0-9_-]{1,128}$/, "Not a profile id.");

const splitInput = z.object({
  profileId: profileIdInput,
  // Values are compared exactly as stored (already normalised at ingest), so they are not trimmed.
  identifiers: z
    .array(
      z.object({
        type: z.string().trim().min(1, "Identifier type is missing.").max(100, "Identifier type is too long."),
        value: z.string().min(1, "Identifier value is missing.").max(MAX_IDENTIFIER_LENGTH, "Identifier value is too long."),
      }),
    )
    .min(1, "Choose at least one identifier to move to the new profile.")
    .max(1000, "Move at most 1,000 identifiers at once."),
});

/** Moves the chosen identifiers (and the events they lead) of a profile to a new profile, kept apart from it. */
export const splitProfileAction = action("settings:manage", splitInput, async ({ profileId, identifiers }, _user, actor) => {
  try {
    const result = await splitProfile(profileId, identifiers, actor);
    revalidatePath(`/customers/${profileId}`);
    revalidatePath("/customers");
    return { newProfileId: result.newProfileId, movedEvents: result.movedEvents };
  } catch (err) {
    if (err instanceof SplitError) throw new ActionError(err.code, err.message);
    throw err;
  }
});
