import { describe, expect, it } from "vitest";
import { decodeStoredId, ONE_YEAR_SECONDS, parseCookies, serializeCookie } from "./cookie";

describe("parseCookies", () => {
  const cases: [string, Record<string, string> | [string, string][]][] = [
    ["", {}],
    ["tdm_aid=abc", { tdm_aid: "abc" }],
    ["a=1; b=2;c=3", { a: "1", b: "2", c: "3" }],
    ["ajs_anonymous_id=%22f00d-1%22; other=x", { ajs_anonymous_id: '"f00d-1"', other: "x" }],
    ['quoted="v w"', { quoted: "v w" }],
    ["dup=first; dup=second", { dup: "first" }],
    ["flag; =orphan; ok=1", { ok: "1" }],
    ["bad=%E0%A4%A", { bad: "%E0%A4%A" }],
    ["eq=a=b", { eq: "a=b" }],
    // Cookie names are data, never prototype keys.
    ["__proto__=x; constructor=y", [["__proto__", "x"], ["constructor", "y"]]],
  ];
  it.each(cases)("%j", (header, expected) => {
    expect(Object.entries(parseCookies(header))).toEqual(Array.isArray(expected) ? expected : Object.entries(expected));
  });
});

describe("serializeCookie", () => {
  const now = Date.UTC(2026, 0, 1);
  const cases: { name: string; args: Parameters<typeof serializeCookie>; expected: string }[] = [
    {
      name: "http: one year, Lax, no Secure",
      args: ["tdm_aid", "abc-1", { maxAge: ONE_YEAR_SECONDS, nowMs: now, secure: false }],
      expected: "tdm_aid=abc-1; Path=/; Max-Age=31536000; Expires=Fri, 01 Jan 2027 00:00:00 GMT; SameSite=Lax",
    },
    {
      name: "https with a domain",
      args: ["tdm_aid", "abc-1", { maxAge: ONE_YEAR_SECONDS, nowMs: now, secure: true, domain: "loopwise.example" }],
      expected: "tdm_aid=abc-1; Path=/; Max-Age=31536000; Expires=Fri, 01 Jan 2027 00:00:00 GMT; Domain=loopwise.example; SameSite=Lax; Secure",
    },
    {
      name: "deletion",
      args: ["tdm_aid", "", { maxAge: 0, nowMs: now, secure: false }],
      expected: "tdm_aid=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax",
    },
    {
      name: "values are percent-encoded",
      args: ["n", "a b;c", { maxAge: 60, nowMs: now, secure: false }],
      expected: "n=a%20b%3Bc; Path=/; Max-Age=60; Expires=Thu, 01 Jan 2026 00:01:00 GMT; SameSite=Lax",
    },
  ];
  it.each(cases)("$name", ({ args, expected }) => {
    expect(serializeCookie(...args)).toBe(expected);
  });

  it("round-trips through parseCookies", () => {
    const set = serializeCookie("n", 'va"l;ue=', { maxAge: 60, nowMs: now, secure: false });
    expect(parseCookies(set.split(";")[0]).n).toBe('va"l;ue=');
  });
});

describe("decodeStoredId", () => {
  const cases: [string | null | undefined, string | undefined][] = [
    [undefined, undefined],
    [null, undefined],
    ["", undefined],
    ["abc", "abc"],
    [" abc ", "abc"],
    ['"abc"', "abc"],
    ['"', undefined],
    ["null", undefined],
    ["undefined", undefined],
    ['"null"', undefined],
    ["123", "123"],
    ['{"a":1}', '{"a":1}'],
  ];
  it.each(cases)("%j → %j", (raw, expected) => {
    expect(decodeStoredId(raw)).toBe(expected);
  });
});
