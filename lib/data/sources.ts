// Event sources as the dashboard lists them (never the key hash).
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import { generateSecret } from "../auth/secrets";

export interface IngestSource {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  allowedOrigins: string[];
  rateLimitPerSec: number | null;
}

/** The source whose write key hashes to `hash`, for the Tracking API. */
export function findSourceByWriteKeyHash(hash: string): Promise<IngestSource | null> {
  return db().source.findUnique({
    where: { writeKeyHash: hash },
    select: { id: true, name: true, kind: true, enabled: true, allowedOrigins: true, rateLimitPerSec: true },
  });
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
