import { describe, expect, it } from "vitest";
import { eventsBody, WIRE_FIELDS } from "./wire";

/** A row of column texts with the given fields set (every other column NULL). */
const row = (set: Record<string, string | null>) => WIRE_FIELDS.map((f) => set[f.name] ?? null);
const parsed = (rows: (string | null)[][]) => (JSON.parse(eventsBody(rows)) as { batch: Record<string, unknown>[] }).batch;

describe("eventsBody", () => {
  it("is an empty batch for no rows", () => expect(eventsBody([])).toBe('{"batch":[]}'));

  it("names every field, in order, null where the column is NULL", () => {
    const [e] = parsed([row({ messageId: "m1" })]);
    expect(Object.keys(e!)).toEqual(WIRE_FIELDS.map((f) => f.name));
    expect(e).toMatchObject({ messageId: "m1", event: null, properties: null, timestamp: null });
  });

  it.each([
    ["quotes and backslashes", 'say "hi" \\ bye'],
    ["control characters", "tab\tnew\nline\rcr\u0001\u001f\b\f"],
    ["non-ASCII text", "Getting started · Loopwise — ünïcode"],
    ["emoji (surrogate pairs)", "launch 🚀 done"],
    ["an empty string", ""],
    ["what looks like JSON", '{"not":"parsed"}'],
  ])("escapes a string column: %s", (_, value) => {
    const [e] = parsed([row({ messageId: "m", event: value, pageUrl: value })]);
    expect([e!.event, e!.pageUrl]).toEqual([value, value]);
  });

  it.each([
    ["an object", '{"plan": "pro", "seats": 3, "tags": ["a", "b"], "nested": {"x": null}}', { plan: "pro", seats: 3, tags: ["a", "b"], nested: { x: null } }],
    ["an empty object", "{}", {}],
    ["a timestamp as to_json writes it", '"2026-11-01T00:01:35.43+00:00"', "2026-11-01T00:01:35.43+00:00"],
  ])("copies a json column's text as it is: %s", (_, text, value) => {
    const [e] = parsed([row({ properties: text, timestamp: text })]);
    expect([e!.properties, e!.timestamp]).toEqual([value, value]);
    expect(eventsBody([row({ properties: text })])).toContain(`"properties":${text}`);
  });

  it("keeps the rows' order", () => {
    expect(parsed([row({ messageId: "b" }), row({ messageId: "a" }), row({ messageId: "c" })]).map((e) => e.messageId)).toEqual(["b", "a", "c"]);
  });
});
