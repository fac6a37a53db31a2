import { describe, expect, it } from "vitest";
import { rudderSourceConfig, segmentCdnSettings, splitBaseUrl } from "./sdk-settings";

describe("splitBaseUrl", () => {
  it.each([
    ["https://tandem.example.com", "tandem.example.com", "https"],
    ["http://localhost:3000", "localhost:3000", "http"],
    ["https://example.com/tandem/", "example.com/tandem", "https"],
  ])("%s", (url, host, protocol) => {
    expect(splitBaseUrl(url)).toEqual({ host, protocol });
  });
});

describe("segmentCdnSettings", () => {
  it("points analytics-next's Segment.io integration at this Tandem", () => {
    const s = segmentCdnSettings("wk_1", "http://localhost:3000");
    expect(s.integrations["Segment.io"]).toMatchObject({ apiKey: "wk_1", apiHost: "localhost:3000/v1", protocol: "http" });
    expect(s.metrics.sampleRate).toBe(0);
    expect(s.plan.track.__default.enabled).toBe(true);
  });
});

describe("rudderSourceConfig", () => {
  it("describes an enabled source with no destinations", () => {
    const c = rudderSourceConfig("wk_2", { id: "s1", name: "Website" }, new Date("2026-01-01T00:00:00Z"));
    expect(c.source).toMatchObject({ id: "s1", name: "Website", writeKey: "wk_2", enabled: true, destinations: [] });
  });
});
