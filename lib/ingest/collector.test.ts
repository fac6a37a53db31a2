import { describe, expect, it } from "vitest";
import { collectorRoute } from "./collector";

describe("collectorRoute", () => {
  it.each([
    ["POST", "/v1/track", "track"],
    ["POST", "/v1/t", "t"],
    ["POST", "/v1/batch?x=1", "batch"],
    ["POST", "/v1/import/", "import"],
    ["OPTIONS", "/v1/b", "b"],
    ["GET", "/v1/track", null],
    ["GET", "/v1/projects/wk/settings", null],
    ["POST", "/v1/projects/wk/settings", null],
    ["POST", "/v1/nope", null],
    ["POST", "/v1/constructor", null],
    ["POST", "/api/v1/profiles", null],
    ["POST", "/login", null],
  ])("%s %s → %s", (method, url, want) => {
    expect(collectorRoute(method, url)).toBe(want);
  });
});
