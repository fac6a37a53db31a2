// POST /api/v1/analytics/paths — the most common next (or previous) steps from an anchor event or
// page within sessions, per level, with links and the top whole paths. Session or token (analytics:read).
import { apiRoute } from "@/lib/api/handler";
import { pathsOperation } from "@/lib/api/operations/analytics";
import { findPaths } from "@/lib/data/paths";

export const dynamic = "force-dynamic";

export const POST = apiRoute(pathsOperation, async ({ body }) => ({
  from: body.from.toISOString(),
  to: body.to.toISOString(),
  pages: body.pages,
  ...(await findPaths(body)),
}));
