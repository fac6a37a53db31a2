import { describe, expect, it } from "vitest";
import { diffFields } from "./contacts-history";
import { orderStageHistory, stageEntryFor, type StageEntry } from "./stages";

const d = (s: string) => new Date(`2026-01-${s}T00:00:00Z`);
const now = d("20");

describe("stageEntryFor", () => {
  const history: StageEntry[] = [
    { stage: "lead", enteredAt: d("01") },
    { stage: "mql", enteredAt: d("05") },
  ];
  const cases: [string, Parameters<typeof stageEntryFor>[0], Parameters<typeof stageEntryFor>[1], StageEntry[], StageEntry | null][] = [
    ["create records the first stage", null, "lead", [], { stage: "lead", enteredAt: now }],
    ["no change → nothing", "mql", "mql", history, null],
    ["a new stage is entered now", "mql", "sql", history, { stage: "sql", enteredAt: now }],
    ["re-entering keeps the first date", "mql", "lead", history, null],
    ["skipping stages records only the target", "lead", "customer", history, { stage: "customer", enteredAt: now }],
  ];
  for (const [name, prev, next, h, expected] of cases) it(name, () => expect(stageEntryFor(prev, next, h, now)).toEqual(expected));

  it("orders history by date", () => {
    expect(orderStageHistory([{ stage: "sql", enteredAt: d("09") }, ...history]).map((h) => h.stage)).toEqual(["lead", "mql", "sql"]);
  });
});

describe("diffFields", () => {
  it("reports only changed fields, treating empty and null alike", () => {
    const before: Record<string, string | null> = { email: "a@x.com", phone: null, jobTitle: "", stage: "lead" };
    const after: Record<string, string | null> = { email: "b@x.com", phone: "", jobTitle: null, stage: "lead" };
    expect(diffFields(before, after, ["email", "phone", "jobTitle", "stage"])).toEqual([{ field: "email", oldValue: "a@x.com", newValue: "b@x.com" }]);
  });
  it("on create lists every set field", () => {
    expect(diffFields(null, { a: "x", b: null, c: 3 }, ["a", "b", "c"])).toEqual([
      { field: "a", oldValue: null, newValue: "x" },
      { field: "c", oldValue: null, newValue: "3" },
    ]);
  });
});
