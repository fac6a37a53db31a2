import { describe, expect, it } from "vitest";
import { collectorRoute, sdkRoute } from "./collector";

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

describe("sdkRoute", () => {
  it.each([
    ["GET", "/v1/projects/wk_1/settings", { kind: "settings", writeKey: "wk_1" }],
    ["OPTIONS", "/v1/projects/wk%201/settings/", { kind: "settings", writeKey: "wk 1" }],
    ["GET", "/v1/projects/%E0%A4%A/settings", null],
    ["POST", "/v1/projects/wk/settings", null],
    ["GET", "/sourceConfig?writeKey=wk", { kind: "sourceConfig" }],
    ["OPTIONS", "/sourceConfig", { kind: "sourceConfig" }],
    ["GET", "/t.js", { kind: "tracker" }],
    ["HEAD", "/t.js?v=2", { kind: "tracker" }],
    ["OPTIONS", "/t.js", null],
    ["GET", "/t.jsx", null],
    ["GET", "/sourceConfigs", null],
    ["GET", "/contacts", null],
  ])("%s %s", (method, url, want) => {
    expect(sdkRoute(method, url)).toEqual(want);
  });
});
