// Event sources as the dashboard lists them (never the key hash).
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { generateSecret } from "../auth/secrets";
import type { PlanAction, PlanEvent, TrackingPlanDef } from "../ingest/plan-check";

export interface IngestSource {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  allowedOrigins: string[];
  rateLimitPerSec: number | null;
  /** Its tracking plan (checked by lib/ingest/plan-check.ts), or null. */
  plan: TrackingPlanDef | null;
}

/** A tracking_plans row as the plan check reads it. */
export function toPlanDef(row: { version: number; events: unknown; identifySchema: unknown; unplanned: string; invalid: string }): TrackingPlanDef {
  return {
    version: row.version,
    events: (Array.isArray(row.events) ? row.events : []) as PlanEvent[],
    identifySchema: (row.identifySchema ?? null) as TrackingPlanDef["identifySchema"],
    unplanned: row.unplanned as PlanAction,
    invalid: row.invalid as PlanAction,
  };
}

/** The source whose write key hashes to `hash`, with its tracking plan, for the Tracking API. */
export async function findSourceByWriteKeyHash(hash: string): Promise<IngestSource | null> {
  const row = await db().source.findUnique({
    where: { writeKeyHash: hash },
    select: {
      id: true,
      name: true,
      kind: true,
      enabled: true,
      allowedOrigins: true,
      rateLimitPerSec: true,
      trackingPlan: { select: { version: true, events: true, identifySchema: true, unplanned: true, invalid: true } },
    },
  });
  if (!row) return null;
  const { trackingPlan, ...source } = row;
  return { ...source, plan: trackingPlan ? toPlanDef(trackingPlan) : null };
}

export interface NewSourceInput {
  name: string;
  kind: "web" | "server" | "mobile" | "crm" | "import";
  allowedOrigins?: string[];
  rateLimitPerSec?: number | null;
  builtIn?: boolean;
}

/** Creates a source; the full write key is returned once and only its hash is stored. */
export async function createSource(input: NewSourceInput, client: Prisma.TransactionClient = db()): Promise<{ id: string; writeKey: string }> {
  const key = generateSecret("wk");
  const row = await client.source.create({
    data: {
      name: input.name,
      kind: input.kind,
      writeKeyHash: key.hash,
      writeKeyPrefix: key.prefix,
      allowedOrigins: input.allowedOrigins ?? [],
      rateLimitPerSec: input.rateLimitPerSec ?? null,
      builtIn: input.builtIn ?? false,
    },
    select: { id: true },
  });
  return { id: row.id, writeKey: key.value };
}
