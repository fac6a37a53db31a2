// GET /api/v1/token — which API token this is and what it may do (any valid token; for checking setup).
import { apiRoute } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: { token: "any" } }, async ({ token }) => ({
  name: token!.name,
  scopes: token!.scopes,
}));
