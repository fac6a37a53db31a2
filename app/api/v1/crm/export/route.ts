// GET /api/v1/crm/export?format=json — the whole CRM as one streamed JSON document
// ({exportedAt, contacts, companies, interactions, tickets, tasks, history});
// GET /api/v1/crm/export?format=csv&entity=contacts|companies|interactions|tickets|tasks|history —
// one entity as a streamed CSV. Every row (keyset-paged, no caps). API token with export:read.
import { apiRoute } from "@/lib/api/handler";
import { crmExportOperation } from "@/lib/api/operations/crm-export";
import { exportResponse } from "@/lib/data/crm-export";

export const dynamic = "force-dynamic";

export const GET = apiRoute(crmExportOperation, async ({ query }) => exportResponse(query));
