import { describe, expect, it } from "vitest";
import { resolveBaseUrl, type RequestHostHeaders } from "./host";

describe("resolveBaseUrl", () => {
  it.each([
    ["the configured URL wins", "https://tandem.example.com/", { host: "other:3000" }, "https://tandem.example.com"],
    ["else the request's host, plain http", undefined, { host: "localhost:3300" }, "http://localhost:3300"],
    ["a proxy's forwarded host and scheme", undefined, { host: "10.0.0.5:3000", forwardedHost: "cdp.acme.com", forwardedProto: "https" }, "https://cdp.acme.com"],
    ["the first of several forwarded values", null, { forwardedHost: "a.example, b.example", forwardedProto: "https,http" }, "https://a.example"],
    ["an IPv6 host", undefined, { host: "[::1]:3000" }, "http://[::1]:3000"],
    ["a suspicious host header falls back", undefined, { host: "evil.example/<script>" }, "http://localhost:3000"],
    ["no host at all falls back", undefined, {}, "http://localhost:3000"],
  ] as [string, string | null | undefined, RequestHostHeaders, string][])("%s", (_n, configured, headers, want) => {
    expect(resolveBaseUrl(configured, headers)).toBe(want);
  });
});
