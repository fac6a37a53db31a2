// The privacy API's operations (app/api/v1/privacy): delete or suppress a person by any identifier,
// and read a request back. Token with privacy:write. The work runs inline in one transaction
// (lib/data/privacy.ts); 202 answers once it committed, with the request as stored.
import { z } from "zod";
import { parsePrivacyIdentifier } from "../../privacy/identifier";
import { defineOperation, type OperationExample } from "../operation";
import { dateTime, EXAMPLE, invalidRequestError, missingScopeExample, missingTokenExample, tokenErrors } from "./common";

const SCOPE = "privacy:write";
const access = { token: SCOPE } as const;

const IDENTIFIER_DOC =
  "The person's identifier as `type:value`: `email:ann@example.com`, `user_id:…`, `anonymous_id:…`, `phone:…` or a custom external id type (`shop_id:…`), normalised the way identity resolution stores it (emails lower-cased, phones to digits).";

export const deletionBody = z.strictObject({
  identifier: z.string().max(1100).describe(IDENTIFIER_DOC),
  contact: z
    .enum(["keep", "delete"])
    .default("keep")
    .describe("`keep` (default): the CRM contact stays, unlinked from the deleted profile. `delete`: the contact goes too, with its interactions, tickets, tasks and field history."),
  suppress: z
    .boolean()
    .default(true)
    .describe("Default true: the SHA-256 of each of the person's identifiers is kept, and the Tracking API drops their future messages (counted, not stored)."),
});

export const suppressionBody = z.strictObject({ identifier: z.string().max(1100).describe(IDENTIFIER_DOC) });

export const requestParams = z.object({ id: z.string().min(1).max(64) });

const counts = z.record(z.string(), z.number().int());

export const privacyRequestSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(["deletion", "suppression"]),
  status: z
    .enum(["pending", "running", "done", "nothing_found", "failed"])
    .describe("`done`; `nothing_found` (no stored person holds the identifier: nothing deleted, the identifier alone suppressed when asked); `failed` (nothing changed: send it again). The work runs before the answer, so `pending` and `running` are not seen today."),
  identifierType: z.string(),
  identifierHash: z.string().describe("SHA-256 (hex) of the normalised `type:value`: the value itself is never stored."),
  contact: z.enum(["keep", "delete"]).nullable().describe("Deletions: what happened to the CRM contact; null for suppressions."),
  suppress: z.boolean(),
  removed: counts.describe(
    "Deletions: rows removed per kind (rejectedMessages, events, mergeJournal, keptApart, accountLinks, fieldHistory, tasks, ticketComments, tickets, interactions, contactStages, contacts, identities, profiles) and contacts unlinked (contactsUnlinked). Empty for suppressions.",
  ),
  suppressedIdentifiers: z.number().int().describe("The person's identifiers now on the suppression list."),
  requestedBy: z.string().describe("Who asked: the token's or user's name."),
  requestedAt: dateTime(),
  completedAt: dateTime().nullable(),
  error: z.string().nullable(),
});

/** The 400 for an identifier that does not parse, as the route answers it. */
export function identifierError(input: string): { code: string; message: string } | null {
  const parsed = parsePrivacyIdentifier(input);
  return parsed.ok ? null : { code: "invalid_identifier", message: parsed.message };
}

const badIdentifier = (body: Record<string, unknown>): OperationExample => ({
  name: "badIdentifier",
  summary: "An identifier without its type",
  status: 400,
  body,
  error: identifierError(String(body.identifier))!,
});

const UNKNOWN = { identifier: "email:gone@example.com" };
const REQUEST_ERRORS = { 400: ["invalid_json", "invalid_request", "invalid_identifier"], ...tokenErrors(SCOPE) };

export const createDeletionOperation = defineOperation({
  method: "POST",
  path: "/api/v1/privacy/deletions",
  operationId: "createDeletion",
  tag: "Privacy",
  summary: "Delete a person",
  description:
    "Deletes everything Tandem holds about the person who has this identifier — the live profile and every profile merged into it: events of every source (the CRM's too), identities, traits, merge journal and kept-apart entries, refused messages carrying their identifiers, account memberships, the CRM link (and the contact when `contact` is `delete`) — in one transaction, so a concurrent message cannot bring half of them back. " +
    "By default the person's identifiers are then suppressed. The request is journaled (who, when, the identifier's type and hash, counts) and audited, never with the identifier. " +
    "An identifier nobody holds answers 202 with status `nothing_found`.",
  access,
  body: deletionBody,
  responses: { 202: { description: "Done (or nothing found): the request as stored; `GET` it again any time.", content: { "application/json": privacyRequestSchema } } },
  errors: REQUEST_ERRORS,
  examples: [
    { name: "unknown", summary: "An identifier nobody holds: nothing found (the identifier is suppressed)", status: 202, body: UNKNOWN },
    { name: "keepContact", summary: "Keep the CRM contact, do not suppress", status: 202, body: { identifier: "user_id:u-gone-7", contact: "keep", suppress: false } },
    badIdentifier({ identifier: EXAMPLE.email }),
    { name: "badContact", summary: "An unknown contact choice", status: 400, body: { ...UNKNOWN, contact: "archive" }, error: invalidRequestError(deletionBody, { ...UNKNOWN, contact: "archive" }) },
    { ...missingTokenExample(SCOPE), body: UNKNOWN },
    { ...missingScopeExample(SCOPE), body: UNKNOWN },
  ],
});

export const getDeletionOperation = defineOperation({
  method: "GET",
  path: "/api/v1/privacy/deletions/{id}",
  operationId: "getDeletion",
  tag: "Privacy",
  summary: "A deletion request",
  description: "The deletion's status and what it removed, per kind of data.",
  access,
  params: requestParams,
  responses: { 200: { description: "The request.", content: { "application/json": privacyRequestSchema } } },
  errors: { ...tokenErrors(SCOPE), 404: ["request_not_found"] },
  examples: [
    { name: "request", summary: "A deletion done", status: 200, params: { id: EXAMPLE.privacyRequestId } },
    { name: "unknown", summary: "An id that is not a deletion", status: 404, params: { id: "no-such-request" }, error: { code: "request_not_found", message: requestNotFoundMessage("deletion") } },
    missingTokenExample(SCOPE, { id: EXAMPLE.privacyRequestId }),
    missingScopeExample(SCOPE, { id: EXAMPLE.privacyRequestId }),
  ],
});

export const createSuppressionOperation = defineOperation({
  method: "POST",
  path: "/api/v1/privacy/suppressions",
  operationId: "createSuppression",
  tag: "Privacy",
  summary: "Suppress a person",
  description:
    "Adds the SHA-256 of each identifier of the person who has this identifier (or of this identifier alone when nobody holds it: status `nothing_found`) to the suppression list: the Tracking API then accepts and drops their messages (its `suppressed` count), counted in the source's volume, never stored. Stored data is kept: delete it with `POST /api/v1/privacy/deletions`.",
  access,
  body: suppressionBody,
  responses: { 202: { description: "Done (or nothing found): the request as stored.", content: { "application/json": privacyRequestSchema } } },
  errors: REQUEST_ERRORS,
  examples: [
    { name: "unknown", summary: "An identifier nobody holds yet: suppressed from now on", status: 202, body: { identifier: "anonymous_id:bot-crawler-9" } },
    badIdentifier({ identifier: "email:not-an-email" }),
    { ...missingTokenExample(SCOPE), body: { identifier: "anonymous_id:bot-crawler-9" } },
    { ...missingScopeExample(SCOPE), body: { identifier: "anonymous_id:bot-crawler-9" } },
  ],
});

export const getSuppressionOperation = defineOperation({
  method: "GET",
  path: "/api/v1/privacy/suppressions/{id}",
  operationId: "getSuppression",
  tag: "Privacy",
  summary: "A suppression request",
  description: "The suppression's status and how many identifiers it put on the list.",
  access,
  params: requestParams,
  responses: { 200: { description: "The request.", content: { "application/json": privacyRequestSchema } } },
  errors: { ...tokenErrors(SCOPE), 404: ["request_not_found"] },
  examples: [
    { name: "request", summary: "A suppression done", status: 200, params: { id: EXAMPLE.suppressionRequestId } },
    { name: "unknown", summary: "An id that is not a suppression", status: 404, params: { id: EXAMPLE.privacyRequestId }, error: { code: "request_not_found", message: requestNotFoundMessage("suppression") } },
    missingTokenExample(SCOPE, { id: EXAMPLE.suppressionRequestId }),
    missingScopeExample(SCOPE, { id: EXAMPLE.suppressionRequestId }),
  ],
});

export function requestNotFoundMessage(kind: "deletion" | "suppression"): string {
  return `No ${kind} request has this id; use the id a POST /api/v1/privacy/${kind === "deletion" ? "deletions" : "suppressions"} answered with.`;
}

export const privacyOperations = [createDeletionOperation, getDeletionOperation, createSuppressionOperation, getSuppressionOperation];
