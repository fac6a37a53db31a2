// GET /api/health — liveness and database reachability (public; no data).
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { db } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: "public" }, async () => {
  try {
    await db().$queryRaw`SELECT 1`;
  } catch {
    throw new ApiError(503, "database_unavailable", "The database is not reachable; check DATABASE_URL or restart Tandem.");
  }
  return { ok: true };
});
