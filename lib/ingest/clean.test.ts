import { describe, expect, it } from "vitest";
import { prng } from "../identity/seeded-random";
import { cleanJson, cleanString, mayNeedCleaning } from "./clean";

describe("cleanString", () => {
  it.each([
    ["plain", "plain"],
    ["a\u0000b", "a\ufffdb"],
    ["lone \ud800 high", "lone \ufffd high"],
    ["lone \udc00 low", "lone \ufffd low"],
    ["pair 😀 ok", "pair 😀 ok"],
  ])("%j → %j", (input, want) => {
    expect(cleanString(input)).toBe(want);
  });
});

describe("cleanJson", () => {
  it("cleans nested strings and keys, leaves other values", () => {
    expect(cleanJson({ "k\u0000": ["x\u0000", 1, null, true, { y: "\ud800" }] })).toEqual({ "k\ufffd": ["x\ufffd", 1, null, true, { y: "\ufffd" }] });
  });
  it.each([
    ['{"a":"\\u0000"}', true],
    ['{"a":"\\ud83d"}', true],
    ['{"a":"plain"}', false],
  ])("mayNeedCleaning(%s) is %s", (text, want) => {
    expect(mayNeedCleaning(text)).toBe(want);
  });
});

describe("mayNeedCleaning's quick exit", () => {
  // The check as it was before the quick exit: the exit must never change an answer.
  const reference = (text: string) =>
    /\\u0000|\\ud[89a-f]/i.test(text) || /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
  it("answers as the full check does on generated texts", () => {
    const r = prng(42);
    const parts = ["a", " ", '"', "\\", "\\u", "\\U", "\\u0000", "\\U0000", "\\ud83d", "\\uD800", "\\udc00", "\\ude00", "\\u00e9", "u0000", "\u0000", "\ud800", "\udc00", "😀", "é", "\\n"];
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: r.int(0, 12) }, () => r.pick(parts)).join("");
      expect(mayNeedCleaning(text), JSON.stringify(text)).toBe(reference(text));
    }
  });
});
