// GET /api/health — liveness and database reachability (public; no data).
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { healthOperation } from "@/lib/api/operations/meta";
import { db } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

export const GET = apiRoute(healthOperation, async () => {
  try {
    await db().$queryRaw`SELECT 1`;
  } catch {
    throw new ApiError(503, "database_unavailable", "The database is not reachable; check DATABASE_URL or restart Tandem.");
  }
  return { ok: true };
});
