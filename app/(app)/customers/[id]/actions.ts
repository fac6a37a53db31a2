"use server";
// Server actions of a customer's page: page through the event stream, optionally filtered by name
// (everyone who reads customers).
import { z } from "zod";
import { action, ActionError } from "@/lib/auth/actions";
import { findProfile, profileEvents, PROFILE_PAGE_EVENTS, ProfileQueryError } from "@/lib/data/profiles";
import { toStreamPage, type StreamPage } from "@/components/customers/stream-event";

const loadEventsInput = z.object({
  profileId: z.string().trim().regex(/^[A-Za-z0-9_-]{1,128}$/, "Not a profile id."),
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
