// GET /api/v1/token — which API token this is and what it may do (any valid token; for checking setup).
import { apiRoute } from "@/lib/api/handler";
import { tokenOperation } from "@/lib/api/operations/tokens";

export const dynamic = "force-dynamic";

export const GET = apiRoute(tokenOperation, async ({ token }) => ({
  name: token!.name,
  scopes: token!.scopes,
}));
