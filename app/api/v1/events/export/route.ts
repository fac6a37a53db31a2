// GET /api/v1/events/export?from=&to=&source=&event=&format=ndjson|csv&cursor=&limit= — every stored
// event, streamed (keyset-paged, no cap), with X-Next-Cursor / X-Has-More / Link paging headers.
// API token with events:export.
import { apiRoute } from "@/lib/api/handler";
import { eventsExportOperation } from "@/lib/api/operations/raw-export";
import { rawExportResponse } from "@/lib/api/raw-export";

export const dynamic = "force-dynamic";

export const GET = apiRoute(eventsExportOperation, ({ req, query }) => rawExportResponse("events", query, req.nextUrl));
