// The admin API's destinations (issue 12, item 3): the same zod schemas and data-layer functions as
// Settings → Destinations. Token scope admin:write.
import { z } from "zod";
import { refuseAddress } from "../../destinations/address";
import { createDestinationSchema, deliverySchema, DELIVERY_STATUSES, destinationSchema, filterProblem, updateDestinationSchema } from "../../destinations/inputs";
import { notFoundMessage } from "../../destinations/errors";
import { defineOperation, type OperationExample } from "../operation";
import { EXAMPLE, invalidRequestError, missingTokenExample, tokenErrors } from "./common";

const access = { token: "admin:write" } as const;
const idParams = z.strictObject({ id: z.string().min(1).max(100).describe("The destination's id.") });
const errors = tokenErrors("admin:write");
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const notFound = (params: Record<string, string> = { id: UNKNOWN }): OperationExample => ({
  name: "unknownDestination",
  summary: "A destination that does not exist",
  status: 404,
  params,
  error: { code: "not_found", message: notFoundMessage(params.id!) },
});

export const destinationWithSecretSchema = z.strictObject({
  destination: destinationSchema,
  secret: z.string().describe("The signing secret (`whsec_…`): shown only now. Verify `X-Tandem-Signature` with it."),
});

const METADATA_URL = "http://169.254.169.254/latest/meta-data";
const newExample = {
  name: "Order webhook",
  url: "https://hooks.example.com/tandem",
  headers: { Authorization: "Bearer receiver-token" },
  filter: { types: ["track"], names: ["Order Completed"] },
};

const profileExample = {
  name: "CRM profile sync",
  kind: "profile_webhook",
  url: "https://hooks.example.com/profiles",
  filter: { types: ["traits_changed", "merged", "deleted"] },
};

export const createDestinationOperation = defineOperation({
  method: "POST",
  path: "/api/v1/destinations",
  operationId: "createDestination",
  tag: "Destinations",
  summary: "Create a webhook destination",
  description:
    "Accepted events matching the filter are sent from now on as `POST {\"batch\":[…]}`, signed with `X-Tandem-Signature`. With `kind: \"profile_webhook\"` the batch holds profile changes instead — `traits_changed` (new and previous values of the changed traits), `merged`, `split`, `deleted` — filtered by change type. The URL must be http(s) and resolve to public addresses only. Header values are write-only. Answers 201 with the destination and its signing secret, shown only here.",
  access,
  body: createDestinationSchema,
  responses: { 201: { description: "Created.", content: { "application/json": destinationWithSecretSchema } } },
  errors: { 400: ["invalid_request", "invalid_url", "unknown_source", "invalid_filter"], ...errors, 409: ["name_taken"] },
  examples: [
    { name: "create", summary: "A webhook for completed orders", status: 201, body: newExample },
    { name: "profileChanges", summary: "A webhook for profile changes", status: 201, body: profileExample },
    {
      name: "profileFilter",
      summary: "A profile-change webhook filtered by event name",
      status: 400,
      body: { ...profileExample, name: "Wrong filter", filter: { names: ["Order Completed"] } },
      error: { code: "invalid_filter", message: filterProblem("profile_webhook", { sources: [], types: [], names: ["Order Completed"] })! },
    },
    {
      name: "metadataUrl",
      summary: "A URL that reaches the cloud metadata service",
      status: 400,
      body: { name: "Sneaky", url: METADATA_URL },
      error: { code: "invalid_url", message: refuseAddress("169.254.169.254", true)! },
    },
    { name: "noUrl", summary: "Without a URL", status: 400, body: { name: "No URL" }, error: invalidRequestError(createDestinationSchema, { name: "No URL" }) },
    {
      name: "nameTaken",
      summary: "A name already in use",
      status: 409,
      body: { name: "Warehouse loader", url: "https://hooks.example.com/other" },
      error: { code: "name_taken", message: "A destination is already named “Warehouse loader”: choose another name." },
    },
    { ...missingTokenExample("admin:write"), body: newExample },
  ],
});

export const listDestinationsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/destinations",
  operationId: "listDestinations",
  tag: "Destinations",
  summary: "List destinations",
  description: "Every destination with its filter, header names (values are never shown) and delivery counts by status.",
  access,
  responses: { 200: { description: "The destinations.", content: { "application/json": z.strictObject({ destinations: z.array(destinationSchema) }) } } },
  errors,
  examples: [{ name: "list", summary: "Every destination", status: 200 }, missingTokenExample("admin:write")],
});

export const getDestinationOperation = defineOperation({
  method: "GET",
  path: "/api/v1/destinations/{id}",
  operationId: "getDestination",
  tag: "Destinations",
  summary: "One destination",
  description: "The destination, its header names (values are write-only) and its delivery counts.",
  access,
  params: idParams,
  responses: { 200: { description: "The destination.", content: { "application/json": destinationSchema } } },
  errors: { ...errors, 404: ["not_found"] },
  examples: [{ name: "get", summary: "A destination", status: 200, params: { id: EXAMPLE.destinationId } }, notFound(), missingTokenExample("admin:write", { id: EXAMPLE.destinationId })],
});

export const updateDestinationOperation = defineOperation({
  method: "PATCH",
  path: "/api/v1/destinations/{id}",
  operationId: "updateDestination",
  tag: "Destinations",
  summary: "Change a destination",
  description:
    "Changes the fields given. `headers` sets (a value) or removes (null) the named headers and keeps the others. `rotateSecret: true` issues a new signing secret, returned once in `secret`; the previous one keeps signing beside it for 24 hours. `backfillFrom` also sends the events received from that instant until the destination was created (409 while a backfill runs; 400 for a profile-change webhook).",
  access,
  params: idParams,
  body: updateDestinationSchema,
  responses: {
    200: {
      description: "The destination, and the new secret when rotated.",
      content: { "application/json": z.strictObject({ destination: destinationSchema, secret: z.string().nullable() }) },
    },
  },
  errors: { 400: ["invalid_request", "invalid_url", "unknown_source", "invalid_filter", "invalid_backfill"], ...errors, 404: ["not_found"], 409: ["name_taken", "backfill_running"] },
  examples: [
    { name: "pause", summary: "Pause it", status: 200, params: { id: EXAMPLE.destinationId }, body: { enabled: false } },
    { name: "rotate", summary: "Rotate its signing secret", status: 200, params: { id: EXAMPLE.destinationId }, body: { rotateSecret: true } },
    { name: "headers", summary: "Replace one header's value, remove another", status: 200, params: { id: EXAMPLE.destinationId }, body: { headers: { Authorization: "Bearer new-token", "X-Old": null } } },
    {
      name: "loopback",
      summary: "A URL on the server itself",
      status: 400,
      params: { id: EXAMPLE.destinationId },
      body: { url: "http://127.0.0.1:8080/hook" },
      error: { code: "invalid_url", message: refuseAddress("127.0.0.1", false)! },
    },
    { ...notFound(), body: { enabled: true } },
    { ...missingTokenExample("admin:write", { id: EXAMPLE.destinationId }), body: { enabled: false } },
  ],
});

export const deleteDestinationOperation = defineOperation({
  method: "DELETE",
  path: "/api/v1/destinations/{id}",
  operationId: "deleteDestination",
  tag: "Destinations",
  summary: "Delete a destination",
  description: "Stops sending and removes the destination with its outbox and delivery log.",
  access,
  params: idParams,
  responses: { 200: { description: "Deleted.", content: { "application/json": z.strictObject({ deleted: z.literal(true) }) } } },
  errors: { ...errors, 404: ["not_found"] },
  examples: [
    { name: "delete", summary: "Delete a destination", status: 200, params: { id: EXAMPLE.retiredDestinationId }, response: { deleted: true } },
    notFound(),
    missingTokenExample("admin:write", { id: EXAMPLE.retiredDestinationId }),
  ],
});

export const deliveriesQuerySchema = z.strictObject({
  status: z.enum(DELIVERY_STATUSES).optional().describe("Only deliveries in this state (`retrying`: failed, to be tried again; `dead`: gave up after 24 h)."),
  before: z.string().regex(/^\d{1,18}$/, "before is a delivery id (digits), from the previous page's next.").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const listDeliveriesOperation = defineOperation({
  method: "GET",
  path: "/api/v1/destinations/{id}/deliveries",
  operationId: "listDeliveries",
  tag: "Destinations",
  summary: "A destination's delivery log",
  description: "Its deliveries (one per batch), newest first: status, attempts, last status code, latency, error and a 2 KB excerpt of the answer. Page with `before`.",
  access,
  params: idParams,
  query: deliveriesQuerySchema,
  responses: {
    200: {
      description: "A page of deliveries.",
      content: { "application/json": z.strictObject({ deliveries: z.array(deliverySchema), next: z.string().nullable().describe("Pass as `before` for older deliveries; null on the last page.") }) },
    },
  },
  errors: { 400: ["invalid_request"], ...errors, 404: ["not_found"] },
  examples: [
    { name: "log", summary: "The latest deliveries", status: 200, params: { id: EXAMPLE.destinationId } },
    { name: "dead", summary: "The dead letters", status: 200, params: { id: EXAMPLE.destinationId }, query: { status: "dead" } },
    { name: "badStatus", summary: "A status that does not exist", status: 400, params: { id: EXAMPLE.destinationId }, query: { status: "lost" }, error: invalidRequestError(deliveriesQuerySchema, { status: "lost" }) },
    notFound(),
  ],
});

export const destinationOperations = [
  createDestinationOperation,
  listDestinationsOperation,
  getDestinationOperation,
  updateDestinationOperation,
  deleteDestinationOperation,
  listDeliveriesOperation,
] as const;
