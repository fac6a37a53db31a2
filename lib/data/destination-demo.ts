// The demo's webhook destination: “Warehouse loader”, paused (it points at warehouse.example.com,
// which the demo cannot and must not reach — Tandem phones nowhere), with a recorded delivery history
// over the demo's latest events: batches that succeeded at once, one that failed twice then succeeded,
// one still retrying and one dead-lettered after 24 hours of 503s and timeouts — so the destinations
// pages tell a true story (the history is recorded, not sent; the page says the destination is paused).
import "server-only";
import { db } from "../db/prisma";
import { createDestination } from "./destinations";
import { createDestinationSchema } from "../destinations/inputs";
import type { AuditActor } from "../audit/actions";

const HOUR = 3_600_000;

export async function seedDemoDestination(actor: AuditActor, now = new Date()): Promise<string> {
  const { destination } = await createDestination(
    createDestinationSchema.parse({
      name: "Warehouse loader",
      url: "https://warehouse.example.com/tandem-events",
      headers: { Authorization: "Bearer demo-warehouse-token" },
      filter: { types: ["track", "identify"] },
      enabled: false,
    }),
    actor,
    now,
  );
  const events = await db().$queryRaw<{ seq: string }[]>`
    SELECT seq::text FROM events WHERE type IN ('track', 'identify') ORDER BY seq DESC LIMIT 2000`;
  const seqs = events.map((e) => e.seq).reverse();
  interface Attempt { at: Date; ok: boolean; status: number | null; ms: number; error: string | null; excerpt: string | null }
  interface Row { status: string; seqs: string[]; created: Date; attempts: Attempt[]; next: Date }
  const rows: Row[] = [];
  const batches = Math.ceil(seqs.length / 100);
  for (let b = 0; b < batches; b++) {
    const part = seqs.slice(b * 100, b * 100 + 100);
    // Spread over the last 23 hours, oldest first; the dead one began 26 hours ago.
    const created = b === 0 ? new Date(now.getTime() - 26 * HOUR) : new Date(now.getTime() - 23 * HOUR + (b * 23 * HOUR) / batches);
    const ok = (at: Date, ms: number): Attempt => ({ at, ok: true, status: 200, ms, error: null, excerpt: '{"accepted":true}' });
    const fail = (at: Date, status: number | null): Attempt =>
      status ? { at, ok: false, status, ms: 180, error: `Answered ${status}.`, excerpt: "upstream warehouse is restarting" } : { at, ok: false, status: null, ms: 10_000, error: "No answer within 10 s.", excerpt: null };
    if (b === 0) {
      // 24 hours of failures, then the dead-letter list.
      const attempts: Attempt[] = [];
      for (let t = 0, i = 0; t <= 24 * HOUR; t += Math.min(HOUR, 5_000 * 2 ** i), i++) attempts.push(fail(new Date(created.getTime() + t), i % 3 === 2 ? null : 503));
      rows.push({ status: "dead", seqs: part, created, attempts, next: created });
    } else if (b === 4) {
      const a = created.getTime();
      rows.push({ status: "succeeded", seqs: part, created, attempts: [fail(new Date(a + 1000), 503), fail(new Date(a + 5_000), 502), ok(new Date(a + 14_000), 240)], next: created });
    } else if (b === batches - 1) {
      rows.push({ status: "pending", seqs: part, created, attempts: [fail(new Date(created.getTime() + 1000), null)], next: new Date(created.getTime() + 5_000) });
    } else {
      rows.push({ status: "succeeded", seqs: part, created, attempts: [ok(new Date(created.getTime() + 900), 60 + ((b * 37) % 140))], next: created });
    }
  }
  await db().$transaction(async (tx) => {
    for (const r of rows) {
      const last = r.attempts[r.attempts.length - 1]!;
      const [d] = await tx.$queryRawUnsafe<{ id: string }[]>(
        `INSERT INTO deliveries (destination_id, status, event_seqs, event_count, attempts, next_attempt_at, retry_from, created_at, delivered_at,
           last_attempt_at, last_status_code, last_latency_ms, last_error, response_excerpt)
         VALUES ($1, $2, $3::bigint[], $4, $5, $6, $7, $7, $8, $9, $10, $11, $12, $13) RETURNING id::text`,
        destination.id, r.status, r.seqs, r.seqs.length, r.attempts.length, r.next, r.created, r.status === "succeeded" ? last.at : null,
        last.at, last.status, last.ms, last.error, last.excerpt,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO delivery_attempts (delivery_id, destination_id, at, ok, status_code, latency_ms, error, response_excerpt)
         SELECT $1::bigint, $2, (a->>'at')::timestamptz, (a->>'ok')::boolean, (a->>'status')::int, (a->>'ms')::int, a->>'error', a->>'excerpt'
         FROM jsonb_array_elements($3::jsonb) a`,
        d!.id, destination.id, JSON.stringify(r.attempts),
      );
    }
  });
  return destination.id;
}
