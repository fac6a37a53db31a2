// Loads metric facts (lib/metrics/fact-rows.ts) into a test database with a few set-based statements.
import type { Db } from "../lib/db/prisma";
import { factRows } from "../lib/metrics/fact-rows";
import type { MetricFacts } from "../lib/metrics/model";

export const METRIC_SOURCES = [
  { id: "mw-server", kind: "server" },
  { id: "mw-crm", kind: "crm" },
  { id: "mw-web", kind: "web" },
] as const;

export async function loadMetricFacts(db: Db, facts: MetricFacts, opts: { noise?: boolean } = {}): Promise<void> {
  const rows = factRows(facts, opts);
  await db.$executeRawUnsafe(
    `INSERT INTO sources (id, name, kind, write_key_hash, write_key_prefix)
     SELECT r.id, r.id, r.kind::"SourceKind", 'hash-' || r.id, 'wk_' FROM jsonb_to_recordset($1::jsonb) AS r(id text, kind text) ON CONFLICT (id) DO NOTHING`,
    JSON.stringify(METRIC_SOURCES),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO profiles (id, merged_into_id, first_channel) SELECT r.id, r.merged_into_id, r.first_channel FROM jsonb_to_recordset($1::jsonb) AS r(id text, merged_into_id text, first_channel text)`,
    JSON.stringify(rows.profiles.map((p) => ({ id: p.id, merged_into_id: p.mergedIntoId, first_channel: p.firstChannel }))),
  );
  const source = (kind: string) => METRIC_SOURCES.find((s) => s.kind === kind)!.id;
  for (let i = 0; i < rows.events.length; i += 5000) {
    await db.$executeRawUnsafe(
      `INSERT INTO events (source_id, message_id, type, event, profile_id, timestamp, received_at, properties)
       SELECT r.source_id, r.message_id, r.type::"EventType", r.event, r.profile_id, to_timestamp(r.ms / 1000.0), to_timestamp(r.ms / 1000.0), r.properties
       FROM jsonb_to_recordset($1::jsonb) AS r(source_id text, message_id text, type text, event text, profile_id text, ms float8, properties jsonb)`,
      JSON.stringify(
        rows.events.slice(i, i + 5000).map((e) => ({ source_id: source(e.sourceKind), message_id: e.messageId, type: e.type, event: e.event, profile_id: e.profileId, ms: e.timestamp, properties: e.properties })),
      ),
    );
  }
  if (facts.spend.length) {
    await db.$executeRawUnsafe(
      `INSERT INTO marketing_spend (month, channel, source, amount, currency)
       SELECT (r.month || '-01')::date, r.channel, r.source, r.cents / 100.0, r.currency FROM jsonb_to_recordset($1::jsonb) AS r(month text, channel text, source text, cents int8, currency text)`,
      JSON.stringify(facts.spend),
    );
  }
}
