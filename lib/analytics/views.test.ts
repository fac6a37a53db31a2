import { describe, expect, it } from "vitest";
import { parseAttributionView, parsePathsView, viewQuery } from "./views";

const defaults = { anchor: "Signed Up", fromDay: "2026-03-01", toDay: "2026-03-30" };

describe("URL views", () => {
  it("paths: defaults, kept values, bad values fall back", () => {
    expect(parsePathsView({}, defaults)).toEqual({ kind: "event", anchor: "Signed Up", direction: "after", steps: 5, from: "2026-03-01", to: "2026-03-30", pages: "path", top: 5 });
    expect(parsePathsView({ kind: "page", anchor: "/pricing", direction: "before", steps: "10", from: "2026-02-01", pages: "collapsed", top: "8" }, defaults)).toMatchObject({
      kind: "page",
      anchor: "/pricing",
      direction: "before",
      steps: 10,
      from: "2026-02-01",
      pages: "collapsed",
      top: 8,
    });
    expect(parsePathsView({ steps: "11", from: "yesterday", top: "7", direction: "sideways" }, defaults)).toMatchObject({ steps: 5, from: "2026-03-01", top: 5, direction: "after" });
  });

  it("attribution", () => {
    expect(parseAttributionView({ lookback: "400", dimension: "campaign", count: "every", metric: "revenue" }, defaults)).toMatchObject({ lookback: 30, dimension: "campaign", count: "every", metric: "revenue" });
  });

  it("viewQuery leaves defaults out", () => {
    expect(viewQuery({ a: "x", b: 5, c: "" }, { a: "x", b: 3 })).toBe("b=5");
  });
});
