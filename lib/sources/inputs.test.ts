import { describe, expect, it } from "vitest";
import { messagesQuery, newSourceInput, renameSourceInput, rotateWriteKeyInput, setSourceEnabledInput, webSettingsInput } from "./inputs";

describe("every action input refuses {}", () => {
  it.each([
    ["newSourceInput", newSourceInput],
    ["renameSourceInput", renameSourceInput],
    ["setSourceEnabledInput", setSourceEnabledInput],
    ["rotateWriteKeyInput", rotateWriteKeyInput],
    ["webSettingsInput", webSettingsInput],
  ] as const)("%s", (_n, schema) => {
    expect(schema.safeParse({}).success).toBe(false);
  });
});

describe("newSourceInput", () => {
  it.each([
    ["web gets the default rate limit", { name: " Site ", kind: "web" }, { name: "Site", kind: "web", allowedOrigins: [], rateLimitPerSec: 50 }],
    [
      "web keeps its origins (normalised) and limit",
      { name: "Site", kind: "web", allowedOrigins: ["https://WWW.acme.example/", "*.acme.app"], rateLimitPerSec: 10 },
      { name: "Site", kind: "web", allowedOrigins: ["https://www.acme.example", "*.acme.app"], rateLimitPerSec: 10 },
    ],
    ["server drops origins and limit", { name: "API", kind: "server", allowedOrigins: ["https://a.example"], rateLimitPerSec: 5 }, { name: "API", kind: "server", allowedOrigins: [], rateLimitPerSec: null }],
    ["import", { name: "Backfill", kind: "import" }, { name: "Backfill", kind: "import", allowedOrigins: [], rateLimitPerSec: null }],
  ])("%s", (_n, input, want) => {
    expect(newSourceInput.parse(input)).toEqual(want);
  });

  it.each([
    ["blank name", { name: "  ", kind: "web" }, "name"],
    ["unknown kind", { name: "X", kind: "desktop" }, "kind"],
    ["a bad origin", { name: "X", kind: "web", allowedOrigins: ["www.example.com"] }, "allowedOrigins"],
    ["a rate limit of 0", { name: "X", kind: "web", rateLimitPerSec: 0 }, "rateLimitPerSec"],
    ["a rate limit over 10,000", { name: "X", kind: "web", rateLimitPerSec: 10_001 }, "rateLimitPerSec"],
    ["a fractional rate limit", { name: "X", kind: "web", rateLimitPerSec: 1.5 }, "rateLimitPerSec"],
  ])("refuses %s", (_n, input, path) => {
    const res = newSourceInput.safeParse(input);
    expect(res.success).toBe(false);
    expect(res.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });

  it("takes a null rate limit as no limit, and still checks a given one", () => {
    expect(webSettingsInput.parse({ id: "s1", allowedOrigins: ["https://ok.example"], rateLimitPerSec: null })).toEqual({ id: "s1", allowedOrigins: ["https://ok.example"], rateLimitPerSec: null });
    expect(webSettingsInput.safeParse({ id: "s1", allowedOrigins: [], rateLimitPerSec: 0 }).success).toBe(false);
    expect(webSettingsInput.safeParse({ id: "s1", allowedOrigins: [] }).success).toBe(false); // absent is not "no limit": say it
  });

  it("reports all bad origins in one message", () => {
    const res = webSettingsInput.safeParse({ id: "s1", allowedOrigins: ["nope", "https://ok.example", "https://x.example/path"], rateLimitPerSec: 50 });
    expect(res.success).toBe(false);
    const issues = res.error!.issues.filter((i) => i.path.join(".") === "allowedOrigins");
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/"nope".*"https:\/\/x\.example\/path"/);
  });
});

describe("messagesQuery", () => {
  it.each([
    ["nothing", {}, { status: "all" }],
    ["blank values are absent", { after: "", type: "", event: "  ", status: "" }, { status: "all", event: "" }],
    ["everything", { after: "1042", type: "track", event: " Signed Up ", status: "rejected" }, { after: "1042", type: "track", event: "Signed Up", status: "rejected" }],
    ["a seq cursor from before the horizon", { after: "10-2" }, { after: "10-2", status: "all" }],
    ["quarantined only", { status: "quarantined" }, { status: "quarantined" }],
    ["accepted only", { status: "accepted" }, { status: "accepted" }],
  ])("%s", (_n, input, want) => {
    expect(messagesQuery.parse(input)).toEqual(want);
  });
  it.each([
    ["a bad cursor", { after: "abc" }],
    ["a cursor beyond bigint", { after: "9223372036854775808" }],
    ["a negative cursor", { after: "-5" }],
    ["an unknown type", { type: "purchase" }],
    ["an unknown status", { status: "dropped" }],
  ])("refuses %s", (_n, input) => {
    expect(messagesQuery.safeParse(input).success).toBe(false);
  });
});
