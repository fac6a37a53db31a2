// POST /api/v1/privacy/deletions — delete a person by any identifier (202 with the request). API token with privacy:write.
import { apiRoute } from "@/lib/api/handler";
import { createDeletionOperation } from "@/lib/api/operations/privacy";
import { accepted, identifierOrThrow } from "@/lib/api/privacy";
import { deletePerson } from "@/lib/data/privacy";

export const dynamic = "force-dynamic";

export const POST = apiRoute(createDeletionOperation, async ({ body, actor }) =>
  accepted(await deletePerson(identifierOrThrow(body.identifier), { contact: body.contact, suppress: body.suppress }, actor!)),
);
