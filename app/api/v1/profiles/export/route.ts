// GET /api/v1/profiles/export?from=&to=&format=ndjson|csv&cursor=&limit= — every live profile with its
// identities and traits, streamed (keyset-paged, no cap), with the same paging headers as the events
// export. API token with events:export.
import { apiRoute } from "@/lib/api/handler";
import { profilesExportOperation } from "@/lib/api/operations/raw-export";
import { rawExportResponse } from "@/lib/api/raw-export";

export const dynamic = "force-dynamic";

export const GET = apiRoute(profilesExportOperation, ({ req, query }) => rawExportResponse("profiles", query, req.nextUrl));
