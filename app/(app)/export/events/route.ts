// GET /export/events?from=&to=&source=&event=&format= — the Export page's raw events download for an
// admin (the same stream and query as the token API /api/v1/events/export).
import { apiRoute } from "@/lib/api/handler";
import { eventsExportQuery, rawExportResponse } from "@/lib/api/raw-export";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: "data:export", query: eventsExportQuery }, ({ req, query }) => rawExportResponse("events", query, req.nextUrl));
