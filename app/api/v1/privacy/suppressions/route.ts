// POST /api/v1/privacy/suppressions — suppress a person by any identifier (202 with the request). API token with privacy:write.
import { apiRoute } from "@/lib/api/handler";
import { createSuppressionOperation } from "@/lib/api/operations/privacy";
import { accepted, identifierOrThrow } from "@/lib/api/privacy";
import { suppressPerson } from "@/lib/data/privacy";

export const dynamic = "force-dynamic";

export const POST = apiRoute(createSuppressionOperation, async ({ body, actor }) => accepted(await suppressPerson(identifierOrThrow(body.identifier), actor!)));
