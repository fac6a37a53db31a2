import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeBody, endpointFor, IngestError, MAX_REQUEST_BYTES, parseTrackingRequest, writeKeyFrom } from "./request";

const enc = (s: string) => new TextEncoder().encode(s);
const basic = (user: string, pass = "") => `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
const fail = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof IngestError) return `${e.status} ${e.code}`;
    throw e;
  }
  return "no error";
};

describe("endpointFor", () => {
  it.each([
    ["identify", "identify"],
    ["i", "identify"],
    ["track", "track"],
    ["t", "track"],
    ["page", "page"],
    ["p", "page"],
    ["screen", "screen"],
    ["s", "screen"],
    ["group", "group"],
    ["g", "group"],
    ["alias", "alias"],
    ["a", "alias"],
    ["batch", "batch"],
    ["b", "batch"],
    ["import", "batch"],
    ["constructor", undefined],
    ["x", undefined],
  ])("/v1/%s → %s", (seg, want) => {
    expect(endpointFor(seg)).toBe(want);
  });
});

describe("writeKeyFrom", () => {
  it.each([
    ["Basic with colon", basic("wk1"), {}, "wk1"],
    ["Basic without colon", `Basic ${Buffer.from("wk2").toString("base64")}`, {}, "wk2"],
    ["Basic wins over body", basic("wk3"), { writeKey: "other" }, "wk3"],
    ["body writeKey", null, { writeKey: "wk4" }, "wk4"],
    ["body write_key", null, { write_key: "wk5" }, "wk5"],
    ["Bearer is not a write key", "Bearer tok", { writeKey: "wk6" }, "wk6"],
    ["empty Basic user falls back to body", basic(""), { writeKey: "wk7" }, "wk7"],
    ["nothing", null, {}, undefined],
    ["non-string body key", null, { writeKey: 5 }, undefined],
  ])("%s", (_n, auth, body, want) => {
    expect(writeKeyFrom(auth, body)).toBe(want);
  });
});

describe("decodeBody", () => {
  it("reads plain and gzip bodies", () => {
    expect(decodeBody(enc('{"a":1}'), null)).toBe('{"a":1}');
    expect(decodeBody(gzipSync('{"a":1}'), "gzip")).toBe('{"a":1}');
    expect(decodeBody(gzipSync('{"a":1}'), " GZIP ")).toBe('{"a":1}');
  });
  it.each([
    ["garbage marked gzip", enc("not gzip"), "gzip", "400 invalid_gzip"],
    ["a zip bomb over 500 KB decompressed", gzipSync("x".repeat(MAX_REQUEST_BYTES + 10)), "gzip", "413 request_too_large"],
    ["a plain body over 500 KB", enc("x".repeat(MAX_REQUEST_BYTES + 1)), null, "413 request_too_large"],
    ["brotli", enc("x"), "br", "415 unsupported_encoding"],
  ])("refuses %s", (_n, body, encoding, want) => {
    expect(fail(() => decodeBody(body, encoding))).toBe(want);
  });
});

describe("parseTrackingRequest", () => {
  const req = (segment: string, body: string, authorization: string | null = basic("wk")) =>
    parseTrackingRequest({ segment, body: enc(body), contentEncoding: null, authorization });

  it("wraps a single call and takes batch-level fields", () => {
    expect(req("t", '{"event":"X","userId":"u"}')).toMatchObject({ writeKey: "wk", endpoint: "track", messages: [{ event: "X" }] });
    const b = req("batch", '{"batch":[{"type":"track"}],"context":{"ip":"1"},"integrations":{"All":true},"sentAt":"2026-01-01T00:00:00Z"}');
    expect(b).toMatchObject({ endpoint: "batch", batchContext: { ip: "1" }, batchIntegrations: { All: true }, batchSentAt: "2026-01-01T00:00:00Z" });
    expect(b.messages).toHaveLength(1);
  });

  it.each([
    ["unknown endpoint", "nope", "{}", basic("wk"), "404 unknown_endpoint"],
    ["malformed JSON", "track", "{", basic("wk"), "400 invalid_json"],
    ["a JSON array", "track", "[]", basic("wk"), "400 invalid_json"],
    ["no write key", "track", '{"event":"X"}', null, "401 missing_write_key"],
    ["batch without array", "batch", '{"batch":{}}', basic("wk"), "400 invalid_batch"],
    ["2,501 messages", "batch", JSON.stringify({ batch: Array.from({ length: 2501 }, () => ({})) }), basic("wk"), "413 request_too_large"],
  ])("refuses %s", (_n, seg, body, auth, want) => {
    expect(fail(() => req(seg, body, auth))).toBe(want);
  });

  it("accepts exactly 2,500 messages", () => {
    expect(req("batch", JSON.stringify({ batch: Array.from({ length: 2500 }, () => ({})) })).messages).toHaveLength(2500);
  });
});
