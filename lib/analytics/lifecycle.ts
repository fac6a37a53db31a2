// The lifecycle events: which tracked events mean "signed up", "trial started" and "became a
// customer". One setting read by every view that speaks of these moments — the Customer 360 journey
// summary, /journeys, funnels, attribution and the CAC/LTV dashboards — so they can never disagree.
// Pure: the shape, its defaults (the demo's own event names), validation, and the per-event test the
// SQL in lib/data/lifecycle.ts mirrors (a brute-force reference for the tests).
import { z } from "zod";
import { revenueCentsOf } from "../identity/facts";

export const LIFECYCLE_STAGES = ["signedUp", "trialStarted", "customer"] as const;
export type LifecycleStageKey = (typeof LIFECYCLE_STAGES)[number];

export const LIFECYCLE_LABELS: Record<LifecycleStageKey, string> = {
  signedUp: "Signed up",
  trialStarted: "Trial started",
  customer: "Became a customer",
};

/**
 * One stage's rule. `event`: a track event with this name (any non-CRM source). `revenue`: the stage
 * is also reached by any track event whose `revenue` property is > 0 (refunds never count). At least
 * one of the two is set.
 */
export interface LifecycleRule {
  event: string | null;
  revenue: boolean;
}

export type LifecycleSettings = Record<LifecycleStageKey, LifecycleRule>;

export const DEFAULT_LIFECYCLE: LifecycleSettings = {
  signedUp: { event: "Signed Up", revenue: false },
  trialStarted: { event: "Trial Started", revenue: false },
  // "customer" = first track event with revenue > 0, whatever it is called.
  customer: { event: null, revenue: true },
};

const eventName = z
  .string()
  .trim()
  .max(200, "An event name has at most 200 characters")
  .transform((v) => (v === "" ? null : v))
  .nullable();

const ruleSchema = z
  .object({ event: eventName, revenue: z.boolean() })
  .refine((r) => r.event !== null || r.revenue, { message: "Name an event or count revenue > 0 (or both)", path: ["event"] });

export const lifecycleSettingsSchema = z.object({
  signedUp: ruleSchema,
  trialStarted: ruleSchema,
  customer: ruleSchema,
});

/** The settings a stored value stands for: itself when valid, else the defaults (never throws). */
export function lifecycleFromSetting(value: unknown): LifecycleSettings {
  const parsed = value == null ? null : lifecycleSettingsSchema.safeParse(value);
  const s = parsed?.success ? (parsed.data as LifecycleSettings) : DEFAULT_LIFECYCLE;
  return { signedUp: { ...s.signedUp }, trialStarted: { ...s.trialStarted }, customer: { ...s.customer } };
}

/** "Signed Up", "any event with revenue > 0", "Order Completed or any event with revenue > 0". */
export function describeRule(rule: LifecycleRule): string {
  const parts: string[] = [];
  if (rule.event) parts.push(`the first “${rule.event}” event`);
  if (rule.revenue) parts.push("the first event with revenue > 0");
  return parts.join(" or ");
}

export interface LifecycleEvent {
  type: string;
  event: string | null;
  sourceKind: string;
  properties: Record<string, unknown>;
}

/** Whether one event reaches the stage under its rule. CRM-source events never do. */
export function reachesStage(rule: LifecycleRule, e: LifecycleEvent): boolean {
  if (e.type !== "track" || e.sourceKind === "crm") return false;
  if (rule.event !== null && e.event === rule.event) return true;
  if (rule.revenue) {
    return revenueCentsOf(e) > 0;
  }
  return false;
}
