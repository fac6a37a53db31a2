import { describe, expect, it } from "vitest";
import { builderStateSchema, checkState, decodeState, encodeState, rangeBounds, requestOf, savedFunnelInput, starterState } from "./funnel-builder";

const now = new Date("2026-03-10T15:30:00Z");

describe("the builder state", () => {
  it("a relative range ends with today; a fixed one includes its last day", () => {
    expect(rangeBounds({ last: 7 }, now)).toEqual({ from: "2026-03-04", to: "2026-03-11" });
    expect(rangeBounds({ from: "2026-01-01", to: "2026-01-31" }, now)).toEqual({ from: "2026-01-01", to: "2026-02-01" });
  });

  it("becomes the API request at a moment", () => {
    const state = starterState("Signed Up", "Trial Started");
    expect(requestOf(state, now)).toMatchObject({ steps: [{ event: "Signed Up" }, { event: "Trial Started" }], from: "2026-02-09", to: "2026-03-11", order: "sequential", window: { value: 14, unit: "day" } });
    expect(requestOf(state, now)).not.toHaveProperty("now");
    // Limited to a saved audience: its membership is evaluated at that moment too, and it survives a link.
    const forAudience = { ...state, audienceId: "a-1" };
    expect(requestOf(forAudience, now)).toMatchObject({ audienceId: "a-1", now: "2026-03-10T15:30:00.000Z" });
    expect(decodeState(encodeState(forAudience))?.audienceId).toBe("a-1");
  });

  it("is checked as the API checks it", () => {
    const bad = checkState({ steps: [{ event: "A" }, { event: "B" }], order: "any", exclusions: [{ event: "X", fromStep: 1, toStep: 2 }, { event: "" }], range: { last: 30 } }, now);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((i) => i.path)).toEqual(["exclusions.1.event"]);
    const stillBad = checkState({ steps: [{ event: "A" }, { event: "B" }, { event: "C" }], order: "any", exclusions: [{ event: "X", fromStep: 1, toStep: 2 }], range: { last: 30 } }, now);
    expect(!stillBad.ok && stillBad.issues[0]!.message).toContain("covers the whole funnel");
    const good = checkState({ steps: [{ event: "A" }, { event: "B" }], range: { from: "2026-01-01", to: "2026-01-31" } }, now);
    expect(good.ok && good.request.to.toISOString()).toBe("2026-02-01T00:00:00.000Z");
  });

  it("survives a URL, unicode included; anything else decodes to null", () => {
    const state = builderStateSchema.parse({ steps: [{ event: "Commande passée — été" }, { event: "B", filters: [{ property: "plan", op: "eq", value: "pro" }] }], range: { last: 90 }, breakdown: { type: "first_touch" } });
    const param = encodeState(state);
    expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeState(param)).toEqual(state);
    expect(decodeState("not-base64!")).toBeNull();
    expect(decodeState(encodeState({ steps: [] } as never))).toBeNull();
    expect(decodeState(null)).toBeNull();
  });

  it("a saved funnel needs a name", () => {
    expect(savedFunnelInput.safeParse({ name: "  ", definition: starterState(null, null) }).success).toBe(false);
    expect(savedFunnelInput.parse({ name: " Trial → paid ", definition: starterState(null, null) }).name).toBe("Trial → paid");
  });
});
