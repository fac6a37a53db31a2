import { describe, expect, it } from "vitest";
import { checkOrigin, checkOrigins, MAX_ALLOWED_ORIGINS, splitOriginLines } from "./origins";

describe("checkOrigin", () => {
  const accepted: [input: string, normalised: string][] = [
    ["https://www.example.com", "https://www.example.com"],
    ["https://www.example.com/", "https://www.example.com"],
    ["  HTTPS://WWW.Example.COM  ", "https://www.example.com"],
    ["http://localhost:3000", "http://localhost:3000"],
    ["https://example.com:443", "https://example.com"],
    ["https://shop.example.co.uk:8443", "https://shop.example.co.uk:8443"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
    ["http://[::1]:3000", "http://[::1]:3000"],
    ["https://bücher.example", "https://xn--bcher-kva.example"],
    ["*.example.com", "*.example.com"],
    ["*.Example.COM.", "*.example.com"],
    ["*.eu.acme.app", "*.eu.acme.app"],
  ];
  it.each(accepted)("accepts %j as %j", (input, want) => {
    expect(checkOrigin(input)).toEqual({ ok: true, origin: want });
  });

  const refused: [input: string, why: RegExp][] = [
    ["", /cannot be empty/],
    ["   ", /cannot be empty/],
    ["www.example.com", /needs a scheme; write https:\/\/www\.example\.com/],
    ["example.com:8080", /needs a scheme/],
    ["ftp://example.com", /http:\/\/ or https:\/\//],
    ["https://www.example.com/shop", /has a path.*https:\/\/www\.example\.com\./],
    ["https://www.example.com?x=1", /has a path/],
    ["https://www.example.com#top", /has a path/],
    ["https://user:pw@example.com", /user name or password/],
    ["https://exa mple.com", /not a valid URL/],
    ["https://-bad.example.com", /valid host name/],
    ["https://*.example.com", /wildcard must start the entry/],
    ["*example.com", /wildcard must start the entry/],
    ["*", /wildcard must start the entry/],
    ["*.com", /not a valid wildcard/],
    ["*.exa_mple.com", /not a valid wildcard/],
    ["*.", /not a valid wildcard/],
  ];
  it.each(refused)("refuses %j", (input, why) => {
    const res = checkOrigin(input);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.message).toMatch(why);
  });
});

describe("checkOrigins", () => {
  it.each([
    ["empty list", [], { origins: [], errors: [] }],
    ["blank lines are skipped", ["", "  "], { origins: [], errors: [] }],
    ["duplicates after normalising collapse", ["https://a.example", "HTTPS://A.example/", "*.b.example", "*.B.example"], { origins: ["https://a.example", "*.b.example"], errors: [] }],
  ] as const)("%s", (_name, input, want) => {
    expect(checkOrigins(input)).toEqual(want);
  });

  it("reports every bad entry", () => {
    const res = checkOrigins(["https://ok.example", "nope", "https://x.example/path"]);
    expect(res.origins).toEqual(["https://ok.example"]);
    expect(res.errors).toHaveLength(2);
  });

  it("limits the number of origins", () => {
    const many = Array.from({ length: MAX_ALLOWED_ORIGINS + 1 }, (_, i) => `https://s${i}.example.com`);
    expect(checkOrigins(many).errors).toEqual([`At most ${MAX_ALLOWED_ORIGINS} origins are allowed per source.`]);
  });
});

describe("splitOriginLines", () => {
  it.each([
    ["", []],
    ["https://a.example\n*.b.example\n", ["https://a.example", "*.b.example"]],
    ["  https://a.example  \r\n\r\n  *.b.example", ["https://a.example", "*.b.example"]],
    ["https://a.example, https://b.example,https://c.example", ["https://a.example", "https://b.example", "https://c.example"]],
    ["bad origin\nhttps://a.example", ["bad origin", "https://a.example"]],
  ] as const)("%j", (text, want) => {
    expect(splitOriginLines(text)).toEqual(want);
  });
});
