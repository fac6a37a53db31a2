// The demo's webhook destination: “Warehouse loader”, paused (it points at warehouse.example.com,
// which the demo cannot and must not reach — Tandem phones nowhere), with a recorded delivery history
// over the demo's latest events: batches that succeeded at once, one that failed twice then succeeded,
// one still retrying and one dead-lettered after 24 hours of 503s and timeouts — so the destinations
// pages tell a true story (the history is recorded, not sent; the page says the destination is paused).
// And “Lifecycle email sync”, a paused profile-change webhook with the same kind of history over the
// demo's latest profile changes: the traits its people's identify calls set and the merges their
// sign-ins made (from the merge journal), recorded in the feed as resolution would have.
import "server-only";
import { db } from "../db/prisma";
import { createDestination } from "./destinations";
import { createDestinationSchema } from "../destinations/inputs";
import type { AuditActor } from "../audit/actions";

const HOUR = 3_600_000;

export async function seedDemoDestination(actor: AuditActor, now = new Date()): Promise<string> {
  const id = await seedEventsDestination(actor, now);
  await seedProfileDestination(actor, now);
  return id;
}

/**
 * The demo's profile-change feed and its destination: the latest identified profiles' traits (as
 * changes from nothing) and the latest merges, in time order, written BEFORE the destination exists —
 * so they are below its starting horizon and never dispatched again — then its recorded history.
 */
async function seedProfileDestination(actor: AuditActor, now: Date): Promise<void> {
  await db().$executeRawUnsafe(
    `INSERT INTO profile_changes (kind, profile_id, related_profile_ids, traits, previous, created_at)
     SELECT kind, profile_id, related, traits, previous, at FROM (
       (SELECT 'traits_changed' AS kind, p.id AS profile_id, ARRAY[]::text[] AS related, p.traits,
               (SELECT jsonb_object_agg(k, NULL) FROM jsonb_object_keys(p.traits) k) AS previous, p.first_seen_at AS at
          FROM profiles p WHERE p.merged_into_id IS NULL AND p.traits <> '{}' AND p.first_seen_at IS NOT NULL
          ORDER BY p.first_seen_at DESC LIMIT 240)
       UNION ALL
       (SELECT 'merged', j.into_profile_id, ARRAY[j.from_profile_id], NULL, NULL, j.created_at
          FROM merge_journal j WHERE j.kind = 'merge' AND j.from_profile_id IS NOT NULL AND j.into_profile_id IS NOT NULL
          ORDER BY j.created_at DESC LIMIT 60)
     ) c ORDER BY at`,
  );
  const { destination } = await createDestination(
    createDestinationSchema.parse({
      name: "Lifecycle email sync",
      kind: "profile_webhook",
      url: "https://lifecycle.example.com/tandem-profiles",
      filter: { types: ["traits_changed", "merged", "deleted"] },
      enabled: false,
      batchSize: 50,
    }),
    actor,
    now,
  );
  const changes = await db().$queryRaw<{ seq: string }[]>`SELECT seq::text FROM profile_changes ORDER BY seq`;
  await recordHistory(destination.id, changes.map((c) => c.seq), 50, now);
}

async function seedEventsDestination(actor: AuditActor, now: Date): Promise<string> {
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
  await recordHistory(destination.id, events.map((e) => e.seq).reverse(), 100, now);
  return destination.id;
}

/**
 * A recorded delivery history over these seqs, `size` per batch, spread over the last day: batches that
 * succeeded at once, one that failed twice then succeeded, the newest still retrying and the oldest
 * dead-lettered after 24 hours of 503s and timeouts.
 */
async function recordHistory(destinationId: string, seqs: string[], size: number, now: Date): Promise<void> {
  interface Attempt { at: Date; ok: boolean; status: number | null; ms: number; error: string | null; excerpt: string | null }
  interface Row { status: string; seqs: string[]; created: Date; attempts: Attempt[]; next: Date }
  const rows: Row[] = [];
  const batches = Math.ceil(seqs.length / size);
  for (let b = 0; b < batches; b++) {
    const part = seqs.slice(b * size, b * size + size);
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
        destinationId, r.status, r.seqs, r.seqs.length, r.attempts.length, r.next, r.created, r.status === "succeeded" ? last.at : null,
        last.at, last.status, last.ms, last.error, last.excerpt,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO delivery_attempts (delivery_id, destination_id, at, ok, status_code, latency_ms, error, response_excerpt)
         SELECT $1::bigint, $2, (a->>'at')::timestamptz, (a->>'ok')::boolean, (a->>'status')::int, (a->>'ms')::int, a->>'error', a->>'excerpt'
         FROM jsonb_array_elements($3::jsonb) a`,
        d!.id, destinationId, JSON.stringify(r.attempts),
      );
    }
  });
}
