// Event sources as the dashboard lists them (never the key hash).
import { db } from "../db/prisma";
import { maskSecret } from "../auth/secrets";

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
