import { describe, expect, it } from "vitest";
import { identityWorkload } from "../identity/bench-workload";
import { checkMessage, compilePlan } from "../ingest/plan-check";
import { normalizeMessage } from "../ingest/normalize";
import { planForWorkload, withInvalid } from "./plan-workload";

describe("the bench's plan workload", () => {
  const messages = identityWorkload({ messages: 5000, seed: 13, prefix: "t" }).messages as Record<string, unknown>[];
  const plan = planForWorkload(messages, "block");
  const compiled = compilePlan({ version: 1, events: plan.events, identifySchema: plan.identify, unplanned: plan.unplanned, invalid: plan.invalid });
  const verdicts = (ms: Record<string, unknown>[]) =>
    ms.map((m) => {
      const o = normalizeMessage(m, { receivedAt: new Date(), newMessageId: () => "x" });
      if (!o.ok) throw new Error(o.reason);
      return checkMessage(compiled, o.event).action;
    });

  it("covers every event: the workload as generated passes its plan", () => {
    expect(plan.events.length).toBeGreaterThan(10);
    expect(verdicts(messages).every((v) => v === "allow")).toBe(true);
  });

  it("makes 10 % of all messages invalid, and exactly those are blocked", () => {
    const { messages: mixed, invalid } = withInvalid(messages, plan, 0.1);
    expect(invalid).toBe(500);
    expect(verdicts(mixed).filter((v) => v === "block")).toHaveLength(500);
  });
});
