// The demo's tracking plan, on the Backend source: its billing events as the product team specified
// them. The story the source's page tells is true: the plan is checked against the Backend's own
// stored events of the last 7 days (its identify calls lack the `email` trait the plan requires, and
// every "Subscription Cancelled" the `cancelled_by` property: flagged), and a billing job nobody
// planned for sent "Refund Issued" events,
// which the plan blocked into the quarantine — release them once the plan lists the event.
import type pg from "pg";
import { checkMessage, compilePlan } from "../ingest/plan-check";
import type { NormalizedEvent } from "../ingest/normalize";
import type { PlanDocument } from "../sources/plan";
import { planRows, quarantineParam, violationParam, type QuarantineRow, type ViolationRow } from "../data/plan-store";
import { storeEvents } from "../data/events";
import { recordAudit } from "../data/audit";
import { pgSql } from "../data/sql";
import { DEMO_SETUP_ACTOR } from "../audit/actions";
import { demoId } from "./ids";

const obj = (properties: Record<string, unknown>, required: string[]) => ({ type: "object", properties, required });
const str = { type: "string" };
const num = { type: "number" };
const int = { type: "integer" };
const bool = { type: "boolean" };

export const DEMO_PLAN: PlanDocument = {
  events: [
    { name: "Trial Started", schema: obj({ plan: str, trial_days: int, trial_ends_at: str }, ["plan", "trial_days"]) },
    { name: "Trial Ended", schema: obj({ plan: str, converted: bool }, ["plan", "converted"]) },
    {
      name: "Subscription Started",
      schema: obj({ subscription_id: str, plan: str, price: num, revenue: num, currency: str, billing_period: str, mrr: num, reactivated: bool }, ["subscription_id", "plan", "price", "currency"]),
    },
    {
      name: "Subscription Renewed",
      schema: obj({ subscription_id: str, plan: str, price: num, revenue: num, currency: str, billing_period: str, period: int }, ["subscription_id", "plan", "price", "currency"]),
    },
    {
      name: "Subscription Cancelled",
      schema: obj({ subscription_id: str, plan: str, mrr: num, reason: str, tenure_months: int, currency: str, cancelled_by: { enum: ["customer", "support", "billing"] } }, [
        "subscription_id",
        "plan",
        "reason",
        "cancelled_by",
      ]),
    },
  ],
  // The product team wants every identify to carry the email; the Backend's send only the plan.
  identify: obj({ plan: str, email: str }, ["plan", "email"]),
  unplanned: "block",
  invalid: "flag",
};

const DAY = 24 * 3600 * 1000;

interface StoredRow {
  message_id: string;
  type: NormalizedEvent["type"];
  event: string | null;
  user_id: string | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
  received_at: Date;
}

/** The blocked billing-job messages: unplanned "Refund Issued" for a few of the Backend's customers. */
export function demoRefunds(seed: number, endMs: number, users: string[]): NormalizedEvent[] {
  return users.slice(0, 4).map((userId, i) => {
    const at = new Date(endMs - (i * 17 + 5) * 3600 * 1000);
    return {
      messageId: demoId(seed, "msg-refund", i),
      type: "track",
      event: "Refund Issued",
      name: null,
      userId,
      anonymousId: null,
      groupId: null,
      previousId: null,
      properties: { refund_id: `re_${demoId(seed, "refund", i).slice(0, 8)}`, amount: [29, 79, 29, 199][i % 4], currency: "USD", reason: ["duplicate charge", "downgrade proration", "goodwill", "annual switch"][i % 4] },
      traits: {},
      context: { library: { name: "billing-worker", version: "0.9.2" } },
      integrations: {},
      channel: null,
      utmSource: null,
      utmMedium: null,
      utmCampaign: null,
      utmTerm: null,
      utmContent: null,
      referrer: null,
      referringDomain: null,
      pageUrl: null,
      pagePath: null,
      clickIds: null,
      timestamp: at,
      originalTimestamp: at,
      sentAt: at,
      receivedAt: at,
    };
  });
}

/**
 * Gives the Backend source its plan, records the violations its last 7 days of stored events really
 * have (flagged), and quarantines the unplanned refunds (blocked). Returns what was written.
 */
export async function seedDemoPlan(client: pg.Client, source: { id: string; name: string }, seed: number, endMs: number): Promise<{ flagged: number; quarantined: number }> {
  const sql = pgSql(client);
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO tracking_plans (source_id, version, events, identify_schema, unplanned, invalid, created_at, updated_at)
       VALUES ($1, 1, $2::jsonb, $3::jsonb, $4, $5, $6, $6)`,
      [source.id, JSON.stringify(DEMO_PLAN.events), JSON.stringify(DEMO_PLAN.identify), DEMO_PLAN.unplanned, DEMO_PLAN.invalid, new Date(endMs - 8 * DAY)],
    );
    await recordAudit(sql, DEMO_SETUP_ACTOR, {
      action: "plan.updated",
      at: new Date(endMs - 8 * DAY),
      target: { type: "source", id: source.id, label: source.name },
      details: { version: 1, events: DEMO_PLAN.events.length, added: DEMO_PLAN.events.map((e) => e.name), removed: [], identifySchema: true, unplanned: { from: null, to: "block" }, invalid: { from: null, to: "flag" } },
    });
    const plan = compilePlan({ version: 1, events: DEMO_PLAN.events, identifySchema: DEMO_PLAN.identify, unplanned: DEMO_PLAN.unplanned, invalid: DEMO_PLAN.invalid });
    const { rows } = await client.query<StoredRow>(
      `SELECT message_id, type::text AS type, event, user_id, properties, traits, received_at FROM events
       WHERE source_id = $1 AND type IN ('track', 'identify') AND received_at >= $2 ORDER BY received_at`,
      [source.id, new Date(endMs - 7 * DAY)],
    );
    const flagged: ViolationRow[] = [];
    const receivedAt: Date[] = [];
    for (const r of rows) {
      const e = { messageId: r.message_id, type: r.type, event: r.event, userId: r.user_id, anonymousId: null, properties: r.properties, traits: r.traits, context: {} } as unknown as NormalizedEvent;
      const verdict = checkMessage(plan, e);
      if (verdict.action !== "flag") continue;
      for (const v of planRows(e, null, verdict).violations) {
        flagged.push(v);
        receivedAt.push(r.received_at);
      }
    }
    const users = [...new Set(rows.filter((r) => r.event === "Subscription Started" && r.user_id).map((r) => r.user_id!))];
    const blocked: QuarantineRow[] = [];
    const blockedViolations: { at: Date; rows: ViolationRow[] }[] = [];
    for (const e of demoRefunds(seed, endMs, users.length ? users : rows.flatMap((r) => (r.user_id ? [r.user_id] : [])))) {
      const verdict = checkMessage(plan, e);
      if (verdict.action !== "block") continue;
      const raw = { type: "track", event: e.event, userId: e.userId, messageId: e.messageId, properties: e.properties, context: e.context, timestamp: e.timestamp.toISOString() };
      const out = planRows(e, raw, verdict);
      blocked.push(out.quarantined!);
      blockedViolations.push({ at: e.receivedAt, rows: out.violations });
    }
    // Through the ingest statement itself, as the Tracking API writes them.
    for (let i = 0; i < blocked.length; i++) {
      const at = blockedViolations[i]!.at;
      await storeEvents(sql, [], { rejected: [], violations: violationParam(source.id, at, blockedViolations[i]!.rows), quarantined: quarantineParam(source.id, at, [blocked[i]!]) }, { resolve: false });
    }
    // After the quarantine (whose bounds also age out violations past 30 days, for old-anchored demos).
    if (flagged.length) {
      await client.query(
        `INSERT INTO plan_violations (source_id, received_at, message_id, type, event_name, kind, path, detail, action, user_id, anonymous_id, email, example)
         SELECT r.source_id, r.received_at, r.message_id, r.type, r.event_name, r.kind, r.path, r.detail, r.action, r.user_id, r.anonymous_id, r.email, r.example
         FROM jsonb_to_recordset($1::jsonb) AS r(source_id text, received_at timestamptz, message_id text, type text, event_name text,
           kind text, path text, detail text, action text, user_id text, anonymous_id text, email text, example jsonb)`,
        [JSON.stringify(flagged.flatMap((v, i) => violationParam(source.id, receivedAt[i]!, [v])))],
      );
    }
    await client.query("COMMIT");
    return { flagged: new Set(flagged.map((f) => f.messageId)).size, quarantined: blocked.length };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}
