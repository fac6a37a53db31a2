// GET /api/v1/profiles/{type}:{value}/timeline?limit=50&next=…&from=…&to=…&side=crm|cdp — one person's
// CRM relationship timeline and CDP journey as one stream, newest first (also `contact_id:{id}` for a
// contact the product never saw). Token with profiles:read; CRM items also need crm:read.
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { profileTimelineOperation } from "@/lib/api/operations/profiles";
import { cursorOf, personFromParams, withCursor } from "@/lib/api/profiles";
import { personStreamPage } from "@/lib/data/person-stream";
import { lifecycleSettings } from "@/lib/data/lifecycle";
import { toApiItem } from "@/lib/customer360/api-shape";

export const dynamic = "force-dynamic";

export const GET = apiRoute(profileTimelineOperation, async ({ params, query, token }) => {
  const canReadCrm = token!.scopes.includes("crm:read");
  if (query.side === "crm" && !canReadCrm) {
    throw new ApiError(403, "insufficient_scope", "CRM items (notes, email bodies) need the crm:read scope as well as profiles:read; create a token that has both.");
  }
  const person = await personFromParams(params);
  const subject = { familyIds: person.familyIds, contactIds: person.contacts.map((c) => c.id) };
  const filters = { side: query.side ?? (canReadCrm ? null : ("cdp" as const)), from: query.from, to: query.to };
  const page = await withCursor(async () => personStreamPage(subject, filters, query.next ?? null, query.limit, await lifecycleSettings()));
  return { data: page.items.map(toApiItem), cursor: cursorOf(page.next, query.limit) };
});
