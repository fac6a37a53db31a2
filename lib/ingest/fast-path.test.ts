// Differential test: the collector's path (fast path, zod when unsure) against the zod schemas alone,
// on seeded generated messages, valid and malformed. Verdicts, reject codes and reasons, and the
// normalised rows must be identical.
import { describe, expect, it } from "vitest";
import { prng } from "../identity/seeded-random";
import { identityWorkload } from "../identity/bench-workload";
import { fastValidate } from "./fast-path";
import { normalizeMessage, normalizeMessageWithSchema, precheck, type NormalizeOptions } from "./normalize";
import { CALL_TYPES } from "./schema";

const FIELDS = [
  "type", "messageId", "userId", "anonymousId", "timestamp", "originalTimestamp", "sentAt", "context", "integrations",
  "traits", "properties", "event", "name", "category", "groupId", "previousId", "extra",
] as const;

function weirdValues(r: ReturnType<typeof prng>): unknown[] {
  const protoKey = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
  const noProto = Object.assign(Object.create(null) as object, { a: 1 });
  return [
    undefined, null, "", "   ", " x ", "0", 0, -0, 1.5, -7, 1e21, 2 ** 53 + 2, NaN, Infinity, -Infinity, true, false,
    "a".repeat(99), "a".repeat(100), "b".repeat(500), "c".repeat(501), "d".repeat(1000), "e".repeat(1001), ` ${"f".repeat(1000)} `,
    "héllo 👋", "\u0000nul", "\ud800lone", "lone\udc00", "\u202eright-to-left", "e\u0301", "\ufeffbom", "\t\n",
    "2026-11-01T00:00:00.000Z", "2026-11-01", "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+010000-01-01T00:00:00Z",
    "not a date", "2026-02-30T00:00:00Z", 1_700_000_000_000, -1, 253402300800000, 253402300799999,
    {}, { a: 1 }, { nested: { deeper: { deepest: [1, 2, { x: "y" }] } } }, [], [1, 2], ["a"], protoKey, { constructor: "x" }, noProto,
    new Date("2026-01-01T00:00:00Z"), { traits: { email: "a@example.com" } }, `id-${r.int(0, 1e6)}`, r.int(-1e6, 1e6),
  ];
}

function baseMessage(r: ReturnType<typeof prng>, i: number): Record<string, unknown> {
  const type = r.pick(CALL_TYPES);
  const m: Record<string, unknown> = {
    type,
    messageId: `m-${i}`,
    anonymousId: r.chance(0.8) ? `anon-${r.int(0, 50)}` : undefined,
    userId: r.chance(0.5) ? (r.chance(0.8) ? `user-${r.int(0, 50)}` : r.int(0, 999)) : undefined,
    timestamp: r.chance(0.7) ? new Date(Date.UTC(2026, 10, 1) + r.int(0, 1e9)).toISOString() : undefined,
    sentAt: r.chance(0.5) ? new Date(Date.UTC(2026, 10, 1) + r.int(0, 1e9)).toISOString() : undefined,
    context: r.chance(0.8)
      ? { page: { url: "https://www.loopwise.example/pricing?utm_source=google&gclid=abc", referrer: "https://www.google.com/" }, campaign: { source: "news", medium: "email" } }
      : undefined,
    integrations: r.chance(0.3) ? { All: true } : undefined,
  };
  if (type === "alias") m.userId = `user-${i}`;
  if (type === "track") m.event = r.pick(["Order Completed", "Signed Up", 42, " padded "]);
  if (type === "page" || type === "screen") Object.assign(m, { name: r.pick(["Pricing", undefined, 7]), category: r.chance(0.3) ? "Docs" : undefined });
  if (type === "group") m.groupId = r.pick(["acme", 17, "acme.example"]);
  if (type === "alias") m.previousId = `anon-${i}`;
  if (type === "identify" || type === "group") m.traits = { email: `p${i}@example.com`, plan: "pro", nested: { a: [1, 2] } };
  if (type === "track" || type === "page" || type === "screen") m.properties = { revenue: r.int(0, 100), url: "https://www.loopwise.example/x?fbclid=f" };
  return m;
}

function mutate(r: ReturnType<typeof prng>, m: Record<string, unknown>, weird: unknown[]): Record<string, unknown> {
  const out = { ...m };
  const n = r.int(0, 3);
  for (let k = 0; k < n; k++) {
    const field = r.pick(FIELDS);
    const value = r.pick(weird);
    if (value === undefined && r.chance(0.5)) delete out[field];
    else out[field] = value;
  }
  // Oversized now and then: a property past 32 KB, or one that brings the message to within a few
  // bytes of the limit either side (with multi-byte characters and escapes in it).
  if (r.chance(0.01)) out.properties = { blob: "x".repeat(33 * 1024) };
  if (r.chance(0.015)) out.properties = { blob: "é\"\n😀".repeat(r.int(0, 3)) + "y".repeat(32 * 1024 - r.int(150, 450)) };
  return out;
}

function options(r: ReturnType<typeof prng>, weird: unknown[]): NormalizeOptions {
  const batch = r.chance(0.5);
  return {
    endpointType: batch ? undefined : r.pick(CALL_TYPES),
    batchContext: batch && r.chance(0.4) ? (r.pick([{ library: { name: "analytics-node" } }, { page: { url: "https://b.example/" } }, JSON.parse('{"__proto__": {"x": 1}}')]) as Record<string, unknown>) : undefined,
    batchIntegrations: batch && r.chance(0.2) ? { Mixpanel: false } : undefined,
    batchSentAt: batch && r.chance(0.4) ? r.pick(weird) : undefined,
    receivedAt: new Date("2026-11-02T00:00:00.000Z"),
    newMessageId: () => "generated-id",
    siteHosts: r.chance(0.5) ? ["www.loopwise.example"] : undefined,
  };
}

describe("fast path against the zod schemas", () => {
  it("gives identical verdicts, reasons and rows on 20,000 generated messages, valid and malformed", () => {
    const r = prng(20261113);
    const weird = weirdValues(r);
    let accepted = 0;
    let fast = 0;
    let rejected = 0;
    let tooLarge = 0;
    for (let i = 0; i < 20_000; i++) {
      let raw: unknown = mutate(r, baseMessage(r, i), weird);
      // Most messages reach the collector through JSON.parse; some callers pass objects directly.
      // Then the collector knows the text's size (sourceBytes), which can spare it the size check.
      const text = r.chance(0.6) ? JSON.stringify(raw, null, r.pick([0, 2])) : undefined;
      if (text !== undefined) raw = JSON.parse(text) as unknown;
      if (r.chance(0.01)) raw = r.pick([null, "track", 3, [raw], true]);
      const opts = options(r, weird);
      const got = normalizeMessage(raw, { ...opts, sourceBytes: text === undefined ? undefined : Buffer.byteLength(text, "utf8") });
      const want = normalizeMessageWithSchema(raw, opts);
      expect(got, `generated message ${i} (seed 20261113)`).toStrictEqual(want);
      if (got.ok) expect(JSON.stringify(got.event)).toBe(JSON.stringify(want.ok && want.event));
      if (!want.ok) {
        rejected++;
        if (want.code === "message_too_large") tooLarge++;
      } else {
        accepted++;
        const pre = precheck(raw, opts);
        if (pre.ok && fastValidate(pre.raw, pre.type, opts)) fast++;
      }
    }
    // Both verdicts occur in number, and the fast path decides most of the valid ones.
    expect(rejected).toBeGreaterThan(2000);
    expect(tooLarge).toBeGreaterThan(150);
    expect(accepted).toBeGreaterThan(2000);
    expect(fast / accepted).toBeGreaterThan(0.8);
  }, 60_000);

  it("decides every message of the identity benchmark's workload itself, identically", () => {
    const opts: NormalizeOptions = { receivedAt: new Date("2026-11-02T00:00:00.000Z"), newMessageId: () => "generated-id", siteHosts: ["www.loopwise.example"] };
    for (const m of identityWorkload({ messages: 3000, seed: 5 }).messages) {
      const raw = JSON.parse(JSON.stringify(m)) as Record<string, unknown>;
      const pre = precheck(raw, opts);
      expect(pre.ok).toBe(true);
      if (!pre.ok) continue;
      expect(fastValidate(pre.raw, pre.type, opts)).toBeDefined();
      expect(normalizeMessage(raw, opts)).toStrictEqual(normalizeMessageWithSchema(raw, opts));
    }
  });

  it("leaves every refusal to zod: the fast path accepts nothing zod refuses", () => {
    const r = prng(7);
    const weird = weirdValues(r);
    for (let i = 0; i < 5000; i++) {
      const raw = mutate(r, baseMessage(r, i), weird);
      const opts = options(r, weird);
      const pre = precheck(raw, opts);
      if (!pre.ok) continue;
      if (fastValidate(pre.raw, pre.type, opts)) expect(normalizeMessageWithSchema(raw, opts).ok).toBe(true);
    }
  });
});
