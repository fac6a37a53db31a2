import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureHeader, verifySignature } from "./signature";

const now = new Date("2026-12-08T12:00:00Z");
const t = Math.floor(now.getTime() / 1000);
const body = '{"batch":[{"messageId":"m1"}]}';

describe("signatureHeader", () => {
  it("is t and the HMAC-SHA256 of `<t>.<body>` in hex", () => {
    const hex = createHmac("sha256", "whsec_a").update(`${t}.${body}`).digest("hex");
    expect(signatureHeader(["whsec_a"], now, body)).toBe(`t=${t}, v1=${hex}`);
  });
  it.each([
    ["ASCII", body],
    ["non-ASCII", '{"batch":[{"title":"Getting started · Loopwise — ünïcode 🚀"}]}'],
  ])("is the same over the body's UTF-8 bytes as over its text (%s)", (_, text) => {
    const hex = createHmac("sha256", "whsec_a").update(`${t}.${text}`, "utf8").digest("hex");
    expect(signatureHeader(["whsec_a"], now, Buffer.from(text, "utf8"))).toBe(`t=${t}, v1=${hex}`);
    expect(verifySignature(signatureHeader(["whsec_a"], now, text), "whsec_a", Buffer.from(text, "utf8"), now)).toEqual({ ok: true });
  });
  it("carries one v1 per secret during a rotation", () => {
    expect(signatureHeader(["new", "old"], now, body).match(/v1=/g)).toHaveLength(2);
  });
});

describe("verifySignature", () => {
  const header = signatureHeader(["new", "old"], now, body);
  it.each([
    ["the new secret", header, "new", body, now, { ok: true }],
    ["the old secret during rotation", header, "old", body, now, { ok: true }],
    ["another secret", header, "other", body, now, { ok: false, reason: "mismatch" }],
    ["a changed body", header, "new", body + " ", now, { ok: false, reason: "mismatch" }],
    ["a stale timestamp", header, "new", body, new Date(now.getTime() + 301_000), { ok: false, reason: "expired" }],
    ["no v1", `t=${t}`, "new", body, now, { ok: false, reason: "malformed" }],
    ["garbage", "hello", "new", body, now, { ok: false, reason: "malformed" }],
  ] as const)("%s", (_, h, secret, b, at, expected) => expect(verifySignature(h, secret, b, at)).toEqual(expected));
});
