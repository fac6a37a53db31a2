// The Profile API's shared pieces: the `{type}:{value}` path segment resolved to a live profile (400
// invalid_identifier with the parser's reason, 404 profile_not_found), the path and paging query
// schemas, and the data layer's cursor errors as 400s.
import "server-only";
import { z } from "zod";
import { ApiError } from "./errors";
import { instant, pageLimit } from "./query";
import { parsePersonRef, parseProfileRef, type PersonRef, type ProfileRef } from "../identity/profile-ref";
import { personByRef, type Person } from "../data/person";
import { STREAM_MAX_LIMIT, STREAM_PAGE_SIZE } from "../data/person-stream";
import { EVENTS_DEFAULT_LIMIT, EVENTS_MAX_LIMIT, findProfile, ProfileQueryError } from "../data/profiles";

const REF =
  "as `{type}:{value}`: `user_id`, `anonymous_id`, `email`, `phone`, a custom external id type, or `profile_id` (a merged-away id answers for its survivor). Values are normalised like ingest does (emails lower-cased, phones as +digits).";

/** The `[ref]` path segment of the profile routes. */
export const profileParams = z.object({ ref: z.string().describe(`The profile ${REF}`) });

/** The `[ref]` path segment of the timeline, which also takes a CRM contact. */
export const personParams = z.object({ ref: z.string().describe(`The person ${REF} Or \`contact_id:{id}\` for a CRM contact, with or without a profile.`) });

const refText = (ref: PersonRef) =>
  ref.kind === "contact_id" ? `contact ${ref.id}` : ref.kind === "profile_id" ? `profile ${ref.id}` : `${ref.type} ${JSON.stringify(ref.value)}`;
const MATCHING = "Identifiers are matched exactly after normalisation (emails lower-cased, phones as +digits).";

export const profileNotFoundMessage = (ref: ProfileRef): string => `No profile has ${refText(ref)}. ${MATCHING}`;
export const personNotFoundMessage = (ref: PersonRef): string => `Neither a profile nor a contact has ${refText(ref)}. ${MATCHING}`;

/** The live profile id the route's `[ref]` segment names. */
export async function profileFromParams(params: z.infer<typeof profileParams>): Promise<string> {
  const parsed = parseProfileRef(params.ref);
  if (!parsed.ok) throw new ApiError(400, "invalid_identifier", parsed.reason);
  const id = await findProfile(parsed.ref);
  if (!id) throw new ApiError(404, "profile_not_found", profileNotFoundMessage(parsed.ref));
  return id;
}

/** Runs a data-layer read, answering a stale or forged cursor with 400 invalid_cursor. */
export async function withCursor<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ProfileQueryError) throw new ApiError(400, err.code, err.message);
    throw err;
  }
}

const cursorField = z.string().trim().min(1).max(512).optional().describe("The cursor from the previous page's `cursor.next`.");

export const profileEventsQuery = z.object({
  limit: pageLimit(EVENTS_MAX_LIMIT, "Events per page.").default(EVENTS_DEFAULT_LIMIT),
  next: cursorField,
  event: z.string().trim().min(1).max(200).optional().describe("Only events with this name: the track event, the page or screen name, or the call type."),
});

export const profileMergesQuery = z.object({
  limit: z.coerce
    .number({ message: "limit is a whole number from 1 to 500" })
    .int("limit is a whole number from 1 to 500")
    .min(1, "limit is a whole number from 1 to 500")
    .max(500, "limit is at most 500; follow cursor.next for more")
    .default(100)
    .describe("Journal entries per page."),
  next: cursorField,
});

/** Segment's cursor object. */
export const cursorOf = (next: string | null, limit: number) => ({ has_more: next !== null, next, limit });

/** The person the route's `[ref]` segment names: a profile by any identifier, or `contact_id:{id}`. */
export async function personFromParams(params: z.infer<typeof personParams>): Promise<Person> {
  const parsed = parsePersonRef(params.ref);
  if (!parsed.ok) throw new ApiError(400, "invalid_identifier", parsed.reason);
  const person = await personByRef(parsed.ref);
  if (!person) throw new ApiError(404, "profile_not_found", personNotFoundMessage(parsed.ref));
  return person;
}

export const timelineQuery = z
  .object({
    limit: pageLimit(STREAM_MAX_LIMIT, "Items per page.").default(STREAM_PAGE_SIZE),
    next: cursorField,
    from: instant("from").describe("Items at or after this instant (ISO-8601, UTC; a bare date is its midnight)."),
    to: instant("to").describe("Items before this instant."),
    side: z
      .enum(["crm", "cdp"], { message: "side is crm or cdp (leave it out for both)" })
      .optional()
      .describe("Only what the team did (`crm`, needs the crm:read scope too) or only what the person did (`cdp`). Both when left out and the token has crm:read."),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: "from must be before to", path: ["from"] });
