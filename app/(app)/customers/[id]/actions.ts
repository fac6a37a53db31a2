"use server";
// Server actions of a customer's page: page through the event stream, optionally filtered by name
// (everyone who reads customers), and split identifiers off into a new profile (admins: undoing a
// bad merge).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, ActionError } from "@/lib/auth/actions";
import { findProfile, profileEvents, PROFILE_PAGE_EVENTS, ProfileQueryError } from "@/lib/data/profiles";
import { splitProfile, SplitError } from "@/lib/data/identity-split";
import { MAX_IDENTIFIER_LENGTH } from "@/lib/identity/identifiers";
import { toStreamPage, type StreamPage } from "@/components/customers/stream-event";

const profileIdInput = z.string().trim().regex(/^[A-Za-z0-9_-]{1,128}$/, "Not a profile id.");

const loadEventsInput = z.object({
  profileId: profileIdInput,
  cursor: z.string().max(512).nullish(),
  event: z.string().trim().max(200).nullish(),
});

export const loadProfileEvents = action("customers:read", loadEventsInput, async ({ profileId, cursor, event }): Promise<StreamPage> => {
  const id = await findProfile({ kind: "profile_id", id: profileId });
  if (!id) throw new ActionError("not_found", "This customer no longer exists; reload the page.");
  try {
    return toStreamPage(await profileEvents(id, { limit: PROFILE_PAGE_EVENTS, cursor, event: event || null }));
  } catch (err) {
    if (err instanceof ProfileQueryError) throw new ActionError(err.code, "The list moved on; reload the page to start again.");
    throw err;
  }
});

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
export const splitProfileAction = action("settings:manage", splitInput, async ({ profileId, identifiers }, user) => {
  try {
    const result = await splitProfile(profileId, identifiers, { id: user.id, name: user.name });
    revalidatePath(`/customers/${profileId}`);
    revalidatePath("/customers");
    return { newProfileId: result.newProfileId, movedEvents: result.movedEvents };
  } catch (err) {
    if (err instanceof SplitError) throw new ActionError(err.code, err.message);
    throw err;
  }
});
