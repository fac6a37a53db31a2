import { describe, expect, it } from "vitest";
import { buildSnippets, hostParts, shellQuote, singleQuote, snippetOrder, WRITE_KEY_PLACEHOLDER } from "./snippets";

describe("hostParts", () => {
  it.each([
    ["http://localhost:3000", { baseUrl: "http://localhost:3000", protocol: "http", apiHost: "localhost:3000/v1" }],
    ["https://tandem.example.com/", { baseUrl: "https://tandem.example.com", protocol: "https", apiHost: "tandem.example.com/v1" }],
    ["https://example.com/tandem/", { baseUrl: "https://example.com/tandem", protocol: "https", apiHost: "example.com/tandem/v1" }],
    ["HTTPS://Example.COM:8443", { baseUrl: "https://example.com:8443", protocol: "https", apiHost: "example.com:8443/v1" }],
  ] as const)("%s", (input, want) => {
    expect(hostParts(input)).toEqual(want);
  });
});

describe("shell quoting", () => {
  it.each([
    ["https://x.example/v1/track", "https://x.example/v1/track"],
    ["http://localhost:3000/v1/track", "http://localhost:3000/v1/track"],
    ["a b", "'a b'"],
    ["it's", "'it'\\''s'"],
  ])("shellQuote(%j) = %s", (input, want) => {
    expect(shellQuote(input)).toBe(want);
  });
  it("singleQuote always quotes", () => {
    expect(singleQuote("tdm_wk_abc:")).toBe("'tdm_wk_abc:'");
  });
});

describe("buildSnippets", () => {
  const key = "tdm_wk_AbC-dEf_123";

  it("points analytics-next at this host with cdnURL, apiHost and protocol", () => {
    const s = buildSnippets("https://tandem.example.com", key);
    expect(s.browserNpm).toContain('AnalyticsBrowser.load(');
    expect(s.browserNpm).toContain(`{ writeKey: "${key}", cdnURL: "https://tandem.example.com" }`);
    expect(s.browserNpm).toContain('{ integrations: { "Segment.io": { apiHost: "tandem.example.com/v1", protocol: "https" } } }');
  });

  it("uses http for a plain-http host", () => {
    expect(buildSnippets("http://localhost:3000", key).browserNpm).toContain('apiHost: "localhost:3000/v1", protocol: "http"');
  });

  it("gives Tandem's script tag", () => {
    expect(buildSnippets("https://t.example", key).browserScript).toContain(`<script src="https://t.example/t.js" data-write-key="${key}" async></script>`);
  });

  it("configures analytics-node with host", () => {
    const s = buildSnippets("https://t.example/", key);
    expect(s.node).toContain('import { Analytics } from "@segment/analytics-node";');
    expect(s.node).toContain(`new Analytics({ writeKey: "${key}", host: "https://t.example" })`);
  });

  it("gives a runnable curl with basic auth", () => {
    expect(buildSnippets("http://localhost:3000", key).curl).toBe(
      [
        `curl -u '${key}:' -H 'Content-Type: application/json' \\`,
        `  -d '{"userId":"user-123","event":"Signed Up","properties":{"plan":"trial"}}' \\`,
        "  http://localhost:3000/v1/track",
      ].join("\n"),
    );
  });

  it.each([undefined, null, ""])("shows the placeholder without a revealed key (%j)", (k) => {
    const s = buildSnippets("https://t.example", k);
    for (const text of Object.values(s)) expect(text).toContain(WRITE_KEY_PLACEHOLDER);
    expect(s.curl).toContain(`-u '${WRITE_KEY_PLACEHOLDER}:'`);
  });
});

describe("snippetOrder", () => {
  it.each([
    ["web", "browserNpm"],
    ["server", "node"],
    ["mobile", "curl"],
    ["import", "node"],
  ])("%s starts with %s and lists every snippet", (kind, firstKey) => {
    const order = snippetOrder(kind);
    expect(order[0]).toBe(firstKey);
    expect([...order].sort()).toEqual(["browserNpm", "browserScript", "curl", "node"]);
  });
});
