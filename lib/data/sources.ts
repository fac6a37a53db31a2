// Event sources as the dashboard lists them (never the key hash).
import { db } from "../db/prisma";
import { generateSecret, maskSecret } from "../auth/secrets";

export async function listSources() {
  const rows = await db().source.findMany({
    select: { id: true, name: true, kind: true, enabled: true, builtIn: true, writeKeyPrefix: true, createdAt: true },
    orderBy: [{ builtIn: "asc" }, { name: "asc" }],
  });
  const counts = await db().$queryRaw<{ source_id: string; n: number; last: Date | null }[]>`
    SELECT source_id, count(*)::int AS n, max(received_at) AS last FROM events GROUP BY source_id`;
  const bySource = new Map(counts.map((c) => [c.source_id, c]));
  return rows.map(({ writeKeyPrefix, ...s }) => ({
    ...s,
    maskedWriteKey: maskSecret(writeKeyPrefix),
    events: bySource.get(s.id)?.n ?? 0,
    lastEventAt: bySource.get(s.id)?.last ?? null,
  }));
}

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
export async function createSource(input: NewSourceInput): Promise<{ id: string; writeKey: string }> {
  const key = generateSecret("wk");
  const row = await db().source.create({
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
