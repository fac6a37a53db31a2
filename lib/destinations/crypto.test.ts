import { describe, expect, it } from "vitest";
import { decrypt, DecryptError, deriveKey, encrypt, newSigningSecret } from "./crypto";

describe("destination secrets at rest", () => {
  const key = deriveKey("an app secret of some length");
  it("round-trips and never stores the plain text", () => {
    const s = newSigningSecret();
    const sealed = encrypt(key, s);
    expect(sealed).not.toContain(s);
    expect(decrypt(key, sealed)).toBe(s);
  });
  it("refuses under another app secret, saying what to do", () => {
    const sealed = encrypt(key, "x");
    expect(() => decrypt(deriveKey("another app secret entirely"), sealed)).toThrow(DecryptError);
    expect(() => decrypt(deriveKey("another app secret entirely"), sealed)).toThrow(/Rotate/);
  });
  it("refuses a tampered value", () => {
    const sealed = encrypt(key, "hello");
    const parts = sealed.split(".");
    parts[3] = Buffer.from("jello").toString("base64url");
    expect(() => decrypt(key, parts.join("."))).toThrow(DecryptError);
  });
});
