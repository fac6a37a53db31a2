import { describe, expect, it } from "vitest";
import { prng } from "../identity/seeded-random";
import { cleanJson } from "./clean";
import { byteLength, correctedTimestamp, JSON_EXPANSION, normalizeMessage, type NormalizeOptions } from "./normalize";

const receivedAt = new Date("2026-03-01T12:00:00.000Z");
let n = 0;
const opts = (extra: Partial<NormalizeOptions> = {}): NormalizeOptions => ({ receivedAt, newMessageId: () => `gen-${++n}`, ...extra });
const ok = (raw: unknown, extra?: Partial<NormalizeOptions>) => {
  const out = normalizeMessage(raw, opts(extra));
  if (!out.ok) throw new Error(`rejected: ${out.reason}`);
  return out.event;
};
const reason = (raw: unknown, extra?: Partial<NormalizeOptions>) => {
  const out = normalizeMessage(raw, opts(extra));
  if (out.ok) throw new Error("accepted");
  return `${out.code}: ${out.reason}`;
};

describe("every call type", () => {
  it.each([
    ["identify", { type: "identify", userId: "u1", traits: { email: "a@b.c" } }, { userId: "u1", traits: { email: "a@b.c" } }],
    ["track", { type: "track", anonymousId: "a1", event: "Signed Up", properties: { plan: "pro" } }, { event: "Signed Up", properties: { plan: "pro" } }],
    ["page", { type: "page", anonymousId: "a1", name: "Pricing", properties: { path: "/pricing" } }, { name: "Pricing" }],
    ["screen", { type: "screen", userId: "u1", name: "Home" }, { name: "Home" }],
    ["group", { type: "group", userId: "u1", groupId: "acme", traits: { name: "Acme" } }, { groupId: "acme", traits: { name: "Acme" } }],
    ["alias", { type: "alias", previousId: "anon-1", userId: "u1" }, { previousId: "anon-1", userId: "u1" }],
  ])("%s", (type, raw, expected) => {
    expect(ok(raw)).toMatchObject({ type, ...expected });
  });
});

describe("validation", () => {
  it.each([
    ["no identity", { type: "track", event: "X" }, "invalid_message: userId: userId or anonymousId is required"],
    ["empty ids", { type: "track", event: "X", userId: "", anonymousId: null }, "invalid_message: userId: userId or anonymousId is required"],
    ["track without event", { type: "track", userId: "u" }, "invalid_message: event: event is required for track calls (the event's name)"],
    ["blank event", { type: "track", userId: "u", event: "  " }, "invalid_message: event: event must not be empty"],
    ["group without groupId", { type: "group", userId: "u" }, "invalid_message: groupId: groupId is required for group calls"],
    ["alias without previousId", { type: "alias", userId: "u" }, "invalid_message: previousId: previousId is required for alias calls"],
    ["alias without userId", { type: "alias", previousId: "p", anonymousId: "a" }, "invalid_message: userId: userId is required for alias calls"],
    ["unknown type", { type: "purchase", userId: "u" }, 'invalid_type: Unknown type "purchase": use identify, track, page, screen, group or alias'],
    ["missing type in a batch", { userId: "u" }, "invalid_type: type is required in a batch (identify, track, page, screen, group or alias)"],
    ["not an object", ["track"], "invalid_message: Each message must be a JSON object"],
    ["long messageId", { type: "track", userId: "u", event: "X", messageId: "m".repeat(100) }, "invalid_message: messageId: messageId must be under 100 characters"],
    ["object userId", { type: "track", userId: { id: 1 }, event: "X" }, "invalid_message: userId: userId must be a string or a number"],
    ["properties not an object", { type: "track", userId: "u", event: "X", properties: [1, 2] }, "invalid_message: properties: properties must be a JSON object"],
    ["bad timestamp", { type: "track", userId: "u", event: "X", timestamp: "yesterday" }, "invalid_message: timestamp: timestamp is not a valid ISO-8601 date-time"],
  ])("%s", (_name, raw, want) => {
    expect(reason(raw)).toBe(want);
  });

  it("rejects a message over 32 KB alone", () => {
    expect(reason({ type: "track", userId: "u", event: "X", properties: { blob: "x".repeat(33 * 1024) } })).toMatch(/^message_too_large: The message is \d+ bytes/);
  });

  it.each([
    [42, "42"],
    [" u-1 ", "u-1"],
    [0, "0"],
  ])("coerces userId %j to %j", (userId, want) => {
    expect(ok({ type: "identify", userId }).userId).toBe(want);
  });

  it("the endpoint's type wins over the message's", () => {
    expect(ok({ type: "page", userId: "u", event: "Clicked" }, { endpointType: "track" }).type).toBe("track");
  });

  it("accepts a 99-character messageId and generates one when absent", () => {
    expect(ok({ type: "identify", userId: "u", messageId: "m".repeat(99) }).messageId).toHaveLength(99);
    expect(ok({ type: "identify", userId: "u" }).messageId).toMatch(/^gen-\d+$/);
    expect(ok({ type: "identify", userId: "u", messageId: 123 }).messageId).toBe("123");
  });
});

describe("timestamps", () => {
  it.each([
    // [receivedAt, originalTimestamp, sentAt, expected]
    ["2026-03-01T12:00:00Z", undefined, undefined, "2026-03-01T12:00:00.000Z"],
    ["2026-03-01T12:00:00Z", "2026-03-01T11:00:00Z", undefined, "2026-03-01T11:00:00.000Z"],
    // device clock 1 h fast: sent 1 h "after" receipt; the event happened 5 s before sending
    ["2026-03-01T12:00:00Z", "2026-03-01T12:59:55Z", "2026-03-01T13:00:00Z", "2026-03-01T11:59:55.000Z"],
    // device clock 10 min slow, queued offline for 2 days
    ["2026-03-01T12:00:00Z", "2026-02-27T11:50:00Z", "2026-03-01T11:50:00Z", "2026-02-27T12:00:00.000Z"],
  ])("received %s, original %s, sent %s → %s", (rec, orig, sent, want) => {
    expect(correctedTimestamp(new Date(rec), orig ? new Date(orig) : undefined, sent ? new Date(sent) : undefined).toISOString()).toBe(want);
  });

  it("uses the message's timestamp as originalTimestamp and the batch's sentAt", () => {
    const e = ok(
      { type: "track", userId: "u", event: "X", timestamp: "2026-03-01T11:59:00.000Z" },
      { batchSentAt: "2026-03-01T12:00:30.000Z" },
    );
    expect(e.originalTimestamp?.toISOString()).toBe("2026-03-01T11:59:00.000Z");
    expect(e.sentAt?.toISOString()).toBe("2026-03-01T12:00:30.000Z");
    expect(e.timestamp.toISOString()).toBe("2026-03-01T11:58:30.000Z");
    expect(e.receivedAt).toBe(receivedAt);
  });

  it("prefers an explicit originalTimestamp over timestamp", () => {
    const e = ok({ type: "track", userId: "u", event: "X", timestamp: "2026-01-01T00:00:00Z", originalTimestamp: "2026-02-01T00:00:00Z" });
    expect(e.originalTimestamp?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
  });
});

describe("context and attribution", () => {
  it("merges batch context under the message's own and keeps it whole", () => {
    const e = ok(
      { type: "track", userId: "u", event: "X", context: { ip: "1.2.3.4", library: { name: "mine" } } },
      { batchContext: { library: { name: "analytics-node" }, locale: "en-GB" } },
    );
    expect(e.context).toEqual({ ip: "1.2.3.4", library: { name: "mine" }, locale: "en-GB" });
  });

  it("derives UTM fields, click ids and the channel from the page", () => {
    const e = ok({
      type: "page",
      anonymousId: "a",
      context: {
        page: { url: "https://www.acme.example/pricing?utm_source=google&utm_medium=cpc&utm_campaign=brand&gclid=abc", path: "/pricing", referrer: "https://www.google.com/" },
      },
    });
    expect(e).toMatchObject({
      utmSource: "google",
      utmMedium: "cpc",
      utmCampaign: "brand",
      clickIds: { gclid: "abc" },
      channel: "Paid Search",
      referringDomain: "www.google.com",
      pagePath: "/pricing",
    });
  });

  it.each([
    [{ page: { url: "https://acme.example/", referrer: "https://acme.example/blog" } }, ["acme.example"], "Direct"],
    [{ page: { url: "https://acme.example/", referrer: "https://blog.partner-site.example/post" } }, [], "Referral"],
    [{ campaign: { source: "newsletter", medium: "email" } }, [], "Email"],
    [{}, [], "Direct"],
  ])("channel of %j is %s", (context, siteHosts, channel) => {
    expect(ok({ type: "page", anonymousId: "a", context }, { siteHosts }).channel).toBe(channel);
  });
});

describe("JSON_EXPANSION: a parsed, cleaned value serialises to at most that many times its text", () => {
  const size = (s: string) => Buffer.byteLength(s, "utf8");
  const expanded = (text: string) => byteLength(cleanJson(JSON.parse(text) as unknown)) / size(text);

  it("holds for the numbers that grow most", () => {
    for (const t of ["1e20", "9e20", "1e19", "-1e20", "1e9", "1e-6", "[1e20,1e20,1e20]", '{"a":1e20}', "1E20", "5e-7", "1e21", "-0"]) {
      expect(expanded(t), t).toBeLessThanOrEqual(JSON_EXPANSION);
    }
    expect(expanded("1e20")).toBeGreaterThan(5);
  });

  it("holds on generated JSON texts: numbers, escapes, white space, repeated keys, unicode, nesting", () => {
    const r = prng(6);
    const numbers = () => r.pick(["1e20", "9e20", "1e9", "1E5", "-1e19", "1e-6", "0.1e1", "12345678901234567890", "0", "-0", "3.14", "1e-7", "2e308", "5e-324"]);
    const strings = () =>
      `"${Array.from({ length: r.int(0, 6) }, () => r.pick(["a", "é", "😀", "\\u0000", "\\ud800", "\\udc00", "\\u00e9", "\\n", "\\/", '\\"', "\\\\", "\\u2028", "\\ud83d\\ude00", "\u2028"])).join("")}"`;
    const ws = () => r.pick(["", " ", "\n  ", "\t"]);
    const value = (depth: number): string => {
      const k = r.int(0, depth > 3 ? 3 : 5);
      if (k <= 1) return numbers();
      if (k === 2) return strings();
      if (k === 3) return r.pick(["true", "false", "null"]);
      if (k === 4) return `[${ws()}${Array.from({ length: r.int(0, 4) }, () => value(depth + 1)).join(`,${ws()}`)}${ws()}]`;
      const key = () => r.pick(['"a"', '"a"', '"b"', strings()]);
      return `{${ws()}${Array.from({ length: r.int(0, 4) }, () => `${key()}${ws()}:${ws()}${value(depth + 1)}`).join(`,${ws()}`)}${ws()}}`;
    };
    for (let i = 0; i < 5000; i++) {
      const text = value(0);
      expect(expanded(text), text).toBeLessThanOrEqual(JSON_EXPANSION);
    }
  });

  it("spares the size check only when the bound proves the message small", () => {
    const big = { type: "track", userId: "u", event: "E", properties: { blob: "x".repeat(40 * 1024) } };
    // A wrong (too small) sourceBytes would hide this; the collector passes the body's true size.
    expect(reason(big, { sourceBytes: Buffer.byteLength(JSON.stringify(big)) })).toMatch(/^message_too_large/);
    expect(ok({ type: "track", userId: "u", event: "E" }, { sourceBytes: 100 }).event).toBe("E");
  });
});
