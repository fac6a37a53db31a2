import { describe, expect, it } from "vitest";
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
