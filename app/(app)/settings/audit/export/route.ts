// GET /settings/audit/export?actor=&action=&from=&to= — the filtered audit log as a streamed CSV (admins).
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { parseAuditFilter } from "@/lib/audit/query";
import { auditExportResponse } from "@/lib/data/audit";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: "audit:read" }, async ({ req }) => {
  const { filter, errors } = parseAuditFilter(req.nextUrl.searchParams);
  if (errors.length) throw new ApiError(400, "invalid_filter", errors.join(" "));
  return auditExportResponse(filter);
});
