// GET /export/profiles?from=&to=&format= — the Export page's profiles download for an admin (the same
// stream and query as the token API /api/v1/profiles/export).
import { apiRoute } from "@/lib/api/handler";
import { profilesExportQuery, rawExportResponse } from "@/lib/api/raw-export";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: "data:export", query: profilesExportQuery }, ({ req, query }) => rawExportResponse("profiles", query, req.nextUrl));
