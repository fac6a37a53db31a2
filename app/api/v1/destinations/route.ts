// POST /api/v1/destinations — create a webhook destination (201 with its signing secret, shown once);
// GET — list them. Token scope admin:write; the same data layer as Settings → Destinations.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { asApi } from "@/lib/api/destinations";
import { createDestinationOperation, listDestinationsOperation } from "@/lib/api/operations/destinations";
import { createDestination, listDestinations } from "@/lib/data/destinations";

export const dynamic = "force-dynamic";

export const POST = apiRoute(createDestinationOperation, async ({ body, actor }) => NextResponse.json(await asApi(createDestination(body, actor!)), { status: 201 }));

export const GET = apiRoute(listDestinationsOperation, async () => ({ destinations: await listDestinations() }));
