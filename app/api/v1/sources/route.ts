// GET /api/v1/sources — every source; POST creates one and answers 201 with its write key, once.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { createSourceOperation, listSourcesOperation } from "@/lib/api/operations/sources";
import { serializeSource, sourceAdminCall } from "@/lib/api/sources";
import { addSource, getSourceDetail, listSourceDetails } from "@/lib/data/source-admin";

export const dynamic = "force-dynamic";

export const GET = apiRoute(listSourcesOperation, async () => ({ sources: (await listSourceDetails()).map(serializeSource) }));

export const POST = apiRoute(createSourceOperation, async ({ body, actor }) => {
  const created = await sourceAdminCall(() => addSource(body, actor!));
  const detail = await getSourceDetail(created.id);
  return NextResponse.json({ ...serializeSource(detail!), writeKey: created.writeKey }, { status: 201 });
});
