// GET /export/download?format=json | ?format=csv&entity=… — the export page's downloads for a
// signed-in CRM reader (the same streams as the token API /api/v1/crm/export).
import { apiRoute } from "@/lib/api/handler";
import { exportQuerySchema } from "@/lib/crm/export";
import { exportResponse } from "@/lib/data/crm-export";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: "crm:read", query: exportQuerySchema }, async ({ query }) => exportResponse(query));
