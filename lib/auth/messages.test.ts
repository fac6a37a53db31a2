import { describe, expect, it } from "vitest";
import { safeCallbackUrl, signInErrorMessage } from "./messages";

describe("safeCallbackUrl", () => {
  it.each([
    ["/contacts", "/contacts"],
    ["/contacts?page=2", "/contacts?page=2"],
    [null, "/home"],
    ["", "/home"],
    ["https://evil.example/", "/home"],
    ["//evil.example/x", "/home"],
    ["/\\evil.example", "/home"],
    ["javascript:alert(1)", "/home"],
    ["/login?callbackUrl=/x", "/home"],
    ["/logout", "/home"],
  ])("%j → %j", (input, want) => {
    expect(safeCallbackUrl(input, "/home")).toBe(want);
  });
});

describe("signInErrorMessage", () => {
  it.each([
    [null, null],
    ["rate_limited", "Too many sign-in attempts. Wait a few minutes, then try again."],
    ["CredentialsSignin", "Sign-in failed. Try again."],
  ])("%j", (code, want) => {
    expect(signInErrorMessage(code)).toBe(want);
  });
});
