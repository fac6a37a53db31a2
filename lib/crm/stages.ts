// Lifecycle stages: their order and labels, and the rule for the date each stage was entered.
// Pure functions (the clock is passed in); lib/data writes what they decide.

export const LIFECYCLE_STAGES = ["subscriber", "lead", "mql", "sql", "opportunity", "customer", "evangelist", "other"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const STAGE_LABELS: Record<LifecycleStage, string> = {
  subscriber: "Subscriber",
  lead: "Lead",
  mql: "MQL",
  sql: "SQL",
  opportunity: "Opportunity",
  customer: "Customer",
  evangelist: "Evangelist",
  other: "Other",
};

export function isLifecycleStage(v: unknown): v is LifecycleStage {
  return typeof v === "string" && (LIFECYCLE_STAGES as readonly string[]).includes(v);
}

export interface StageEntry {
  stage: LifecycleStage;
  enteredAt: Date;
}

/**
 * The stage entry to record when a contact's stage becomes `next` (on create `previous` is null).
 * Nothing when the stage does not change, and nothing when the contact was already in `next` once:
 * the first date a stage was entered is kept (HubSpot's "date entered" semantics).
 */
export function stageEntryFor(previous: LifecycleStage | null, next: LifecycleStage, history: readonly StageEntry[], now: Date): StageEntry | null {
  if (previous === next) return null;
  if (history.some((h) => h.stage === next)) return null;
  return { stage: next, enteredAt: now };
}

/** The history ordered as the stages were entered (oldest first), for display. */
export function orderStageHistory(history: readonly StageEntry[]): StageEntry[] {
  return [...history].sort((a, b) => a.enteredAt.getTime() - b.enteredAt.getTime() || LIFECYCLE_STAGES.indexOf(a.stage) - LIFECYCLE_STAGES.indexOf(b.stage));
}
