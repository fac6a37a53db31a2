// Random audience definitions over the analytics test world (tests/analytics-world.ts): leaves of
// every kind — events, CRM interactions, traits, profile fields, CRM fields — with values the world
// holds (and some it does not), nested in AND/OR groups. For SQL-vs-reference equivalence tests.
import { INTERACTION_KINDS, TRAIT_OPS, type AudienceCondition, type AudienceDefinition, type TimeWindow } from "../lib/analytics/audiences";
import type { Rng } from "../lib/identity/seeded-random";
import { WORLD_CHANNELS, WORLD_STAGES, WORLD_TRACKS, WORLD_USERS } from "./analytics-world";

function randomWindow(rng: Rng): TimeWindow {
  return rng.weighted<TimeWindow>([
    [{ type: "ever" }, 2],
    [{ type: "last", days: rng.int(1, 20) }, 3],
    [{ type: "between", from: new Date(Date.UTC(2026, 2, rng.int(1, 10))).toISOString(), to: new Date(Date.UTC(2026, 2, rng.int(11, 31))).toISOString() }, 1],
  ]);
}

export function randomLeaf(rng: Rng): AudienceCondition {
  switch (rng.int(0, 4)) {
    case 0: {
      const did = rng.chance(0.6);
      return { type: "event", event: rng.pick([...WORLD_TRACKS, "Demo Held", "Never Happens"]), did, ...(did && rng.chance(0.4) ? { times: rng.int(1, 3) } : {}), window: randomWindow(rng) };
    }
    case 1:
      return { type: "interaction", kind: rng.pick([...INTERACTION_KINDS, "any"] as const), did: rng.chance(0.6), window: randomWindow(rng) };
    case 2: {
      const op = rng.pick(TRAIT_OPS);
      const key = rng.pick(["plan", "seats", "company", "missing"]);
      const numeric = op === "gt" || op === "gte" || op === "lt" || op === "lte";
      const value = numeric ? rng.pick<string | number>([10, "20", 5.5]) : rng.pick<string | number>(["pro", "Pro", "acme", "12", 12, "free"]);
      return op === "is_set" || op === "not_set" ? { type: "trait", key, op } : { type: "trait", key, op, value };
    }
    case 3: {
      if (rng.chance(0.5)) {
        const op = rng.pick(["gt", "gte", "lt", "lte", "eq", "neq"] as const);
        return { type: "profile", field: rng.pick(["revenue", "event_count"] as const), op, value: rng.pick<string | number>([1000, "999.99", 49, 10, "1000.01"]) };
      }
      const op = rng.pick(["eq", "neq", "contains", "not_contains", "is_set", "not_set"] as const);
      const field = rng.pick(["first_channel", "first_utm_source", "first_utm_campaign"] as const);
      return op === "is_set" || op === "not_set" ? { type: "profile", field, op } : { type: "profile", field, op, value: rng.pick([...WORLD_CHANNELS, "paid", "c-1", "google"]) };
    }
    default: {
      const field = rng.pick(["lifecycle_stage", "owner", "contact"] as const);
      if (field === "contact") return { type: "crm", field, op: rng.pick(["is_set", "not_set"] as const) };
      if (field === "owner" && rng.chance(0.3)) return { type: "crm", field, op: rng.pick(["is_set", "not_set"] as const) };
      return { type: "crm", field, op: rng.pick(["eq", "neq"] as const), value: field === "owner" ? rng.pick(WORLD_USERS).id : rng.pick(WORLD_STAGES) };
    }
  }
}

export function randomTree(rng: Rng, depth = 1): AudienceDefinition {
  const n = rng.int(depth === 1 ? 1 : 0, 3);
  return {
    type: "group",
    match: rng.pick(["all", "any"] as const),
    conditions: Array.from({ length: n }, () => (depth < 3 && rng.chance(0.3) ? randomTree(rng, depth + 1) : randomLeaf(rng))),
  };
}
