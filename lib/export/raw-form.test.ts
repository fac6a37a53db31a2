import { describe, expect, it } from "vitest";
import { rawExportUrl } from "./raw-form";

describe("rawExportUrl", () => {
  it.each([
    ["everything as NDJSON", "events", { format: "ndjson", fromDay: "", toDay: "" }, "/export/events?format=ndjson"],
    ["both days included: to is the day after the last", "events", { format: "csv", fromDay: "2026-02-01", toDay: "2026-02-28" }, "/export/events?format=csv&from=2026-02-01&to=2026-03-01"],
    ["one day", "events", { format: "ndjson", fromDay: "2026-12-31", toDay: "2026-12-31" }, "/export/events?format=ndjson&from=2026-12-31&to=2027-01-01"],
    ["source and event, trimmed", "events", { format: "ndjson", fromDay: "", toDay: "", source: " s1 ", event: "Order Completed " }, "/export/events?format=ndjson&source=s1&event=Order+Completed"],
    ["empty source and event are left out", "events", { format: "ndjson", fromDay: "", toDay: "", source: "", event: "  " }, "/export/events?format=ndjson"],
    ["profiles ignore source and event", "profiles", { format: "csv", fromDay: "2026-03-01", toDay: "", source: "s1", event: "x" }, "/export/profiles?format=csv&from=2026-03-01"],
  ] as const)("%s", (_name, kind, choice, url) => {
    expect(rawExportUrl(kind, choice)).toEqual({ ok: true, url });
  });

  it.each([
    ["a last day before the first", { fromDay: "2026-03-02", toDay: "2026-03-01" }, "toDay", /before the first/],
    ["a malformed first day", { fromDay: "03/01/2026", toDay: "" }, "fromDay", /YYYY-MM-DD/],
    ["an impossible last day", { fromDay: "", toDay: "2026-13-40" }, "toDay", /YYYY-MM-DD/],
  ] as const)("refuses %s", (_name, days, field, message) => {
    const r = rawExportUrl("events", { format: "ndjson", ...days });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(r.message).toMatch(message);
    }
  });
});
