// GET /api/sources/[id]/messages?after=<cursor>&type=&event=&status= — the live debugger's poll:
// a source's newest accepted events, rejected messages and quarantined messages after the cursor,
// newest first (admin). status: all, accepted, rejected or quarantined.
import { apiRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { listSourceMessages } from "@/lib/data/source-admin";
import { messagesQuery } from "@/lib/sources/inputs";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: "sources:manage", query: messagesQuery }, async ({ params, query }) => {
  const page = await listSourceMessages(String(params.id), query);
  if (!page) throw new ApiError(404, "source_not_found", "There is no source with this id; open it again from Sources.");
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
});
