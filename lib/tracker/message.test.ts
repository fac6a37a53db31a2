import { describe, expect, it } from "vitest";
import { uuidFromBytes } from "./ids";
import { buildMessage, identifyCall, pageCall, pageInfo, pageProperties, type CallType, type ContextInput, type Dict } from "./message";
import { LIBRARY_NAME, LIBRARY_VERSION } from "./version";

const page = { path: "/pricing", referrer: "https://www.google.com/", search: "?utm_source=google", title: "Pricing", url: "https://www.loopwise.example/pricing?utm_source=google" };
const ctx: ContextInput = {
  page,
  campaign: { source: "google", medium: "cpc", name: "brand" },
  userAgent: "UA/1.0",
  locale: "en-GB",
  timezone: "Europe/Berlin",
  screen: { width: 1440, height: 900, density: 2 },
};
const meta = { messageId: "m-1", anonymousId: "anon-1", nowMs: Date.UTC(2026, 10, 3, 9, 30) };

describe("buildMessage", () => {
  const cases: { name: string; type: CallType; fields: Dict; userId?: string; options?: Dict; expected: Dict }[] = [
    {
      name: "track with properties",
      type: "track",
      fields: { event: "CTA Clicked", properties: { cta: "hero" } },
      expected: { type: "track", event: "CTA Clicked", properties: { cta: "hero" } },
    },
    {
      name: "identify carries traits and the user id",
      type: "identify",
      fields: { traits: { email: "ada@example.com" } },
      userId: "u-42",
      expected: { type: "identify", userId: "u-42", traits: { email: "ada@example.com" } },
    },
    {
      name: "page drops undefined name and category",
      type: "page",
      fields: { name: undefined, category: undefined, properties: { path: "/pricing" } },
      expected: { type: "page", properties: { path: "/pricing" } },
    },
    {
      name: "group",
      type: "group",
      fields: { groupId: "acme", traits: { plan: "pro" } },
      expected: { type: "group", groupId: "acme", traits: { plan: "pro" } },
    },
    {
      name: "alias's own userId wins over the stored one",
      type: "alias",
      fields: { userId: "new", previousId: "old" },
      userId: "stored",
      expected: { type: "alias", userId: "new", previousId: "old" },
    },
    {
      name: "options: timestamp, anonymousId and integrations",
      type: "track",
      fields: { event: "Imported", properties: {} },
      options: { timestamp: "2026-01-02T03:04:05.000Z", anonymousId: "other-anon", integrations: { All: false } },
      expected: { timestamp: "2026-01-02T03:04:05.000Z", anonymousId: "other-anon", integrations: { All: false } },
    },
    {
      name: "an invalid timestamp option falls back to now",
      type: "track",
      fields: { event: "X", properties: {} },
      options: { timestamp: "yesterday-ish" },
      expected: { timestamp: "2026-11-03T09:30:00.000Z" },
    },
  ];
  it.each(cases)("$name", ({ type, fields, userId, options, expected }) => {
    const m = buildMessage(type, fields, { ...meta, userId }, ctx, options);
    expect(m).toMatchObject({ messageId: "m-1", anonymousId: "anon-1", timestamp: "2026-11-03T09:30:00.000Z", ...expected });
    for (const [k, v] of Object.entries(fields)) if (v === undefined) expect(m).not.toHaveProperty(k);
    if (!userId) expect(m).not.toHaveProperty("userId");
  });

  it("fills the context the way analytics.js does", () => {
    const m = buildMessage("track", { event: "X" }, meta, ctx);
    expect(m.context).toEqual({
      library: { name: LIBRARY_NAME, version: LIBRARY_VERSION },
      page,
      campaign: { source: "google", medium: "cpc", name: "brand" },
      userAgent: "UA/1.0",
      locale: "en-GB",
      timezone: "Europe/Berlin",
      screen: { width: 1440, height: 900, density: 2 },
    });
    expect(LIBRARY_NAME).toBe("tandem.js");
  });

  it("omits what the browser didn't give and merges options.context over it", () => {
    const m = buildMessage("track", { event: "X" }, meta, { page }, { context: { ip: "0.0.0.0", locale: "de-DE" } });
    expect(m.context).toEqual({ library: { name: LIBRARY_NAME, version: LIBRARY_VERSION }, page, ip: "0.0.0.0", locale: "de-DE" });
  });

  it("copies the page, so later changes to the input don't leak in", () => {
    const input = { page: { ...page } };
    const m = buildMessage("page", {}, meta, input);
    input.page.title = "changed";
    expect((m.context.page as Dict).title).toBe("Pricing");
  });
});

describe("pageInfo", () => {
  it("reads the location and document, dropping the #fragment", () => {
    expect(
      pageInfo({ href: "https://a.example/docs?q=1#intro", pathname: "/docs", search: "?q=1", protocol: "https:" }, { cookie: "", title: "Docs", referrer: "" }),
    ).toEqual({ path: "/docs", referrer: "", search: "?q=1", title: "Docs", url: "https://a.example/docs?q=1" });
  });
});

describe("page() arguments", () => {
  const cases: { args: unknown[]; expected: ReturnType<typeof pageCall> }[] = [
    { args: [], expected: { category: undefined, name: undefined, properties: {}, options: {} } },
    { args: ["Pricing"], expected: { category: undefined, name: "Pricing", properties: {}, options: {} } },
    { args: ["Docs", "Install"], expected: { category: "Docs", name: "Install", properties: {}, options: {} } },
    { args: ["Pricing", { plan: "pro" }], expected: { category: undefined, name: "Pricing", properties: { plan: "pro" }, options: {} } },
    { args: [{ plan: "pro" }, { context: { a: 1 } }], expected: { category: undefined, name: undefined, properties: { plan: "pro" }, options: { context: { a: 1 } } } },
    { args: ["Docs", "Install", { v: 2 }, { integrations: {} }], expected: { category: "Docs", name: "Install", properties: { v: 2 }, options: { integrations: {} } } },
    { args: [null, "Home"], expected: { category: undefined, name: "Home", properties: {}, options: {} } },
  ];
  it.each(cases)("page(%j)", ({ args, expected }) => {
    expect(pageCall(args)).toEqual(expected);
  });

  it("page properties: the page, then name/category, then what was given", () => {
    expect(pageProperties(page, { name: "Pricing", category: "Site", properties: { title: "Custom" }, options: {} })).toEqual({
      ...page,
      name: "Pricing",
      category: "Site",
      title: "Custom",
    });
  });
});

describe("identify() arguments", () => {
  const cases: { args: unknown[]; expected: ReturnType<typeof identifyCall> }[] = [
    { args: ["u-1"], expected: { userId: "u-1", traits: {}, options: {} } },
    { args: ["u-1", { email: "a@b.c" }], expected: { userId: "u-1", traits: { email: "a@b.c" }, options: {} } },
    { args: [{ email: "a@b.c" }], expected: { userId: undefined, traits: { email: "a@b.c" }, options: {} } },
    { args: [{ email: "a@b.c" }, { context: { x: 1 } }], expected: { userId: undefined, traits: { email: "a@b.c" }, options: { context: { x: 1 } } } },
    { args: [42, { plan: "pro" }], expected: { userId: "42", traits: { plan: "pro" }, options: {} } },
    { args: ["  ", {}], expected: { userId: undefined, traits: {}, options: {} } },
    { args: [null, { a: 1 }], expected: { userId: undefined, traits: { a: 1 }, options: {} } },
  ];
  it.each(cases)("identify(%j)", ({ args, expected }) => {
    expect(identifyCall(args)).toEqual(expected);
  });
});

describe("uuidFromBytes", () => {
  it("formats a version-4, RFC 4122 variant UUID", () => {
    const id = uuidFromBytes(new Uint8Array(16).fill(0xff));
    expect(id).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
    expect(uuidFromBytes(new Uint8Array(16))).toBe("00000000-0000-4000-8000-000000000000");
    expect(uuidFromBytes(Uint8Array.from({ length: 16 }, (_, i) => i * 17))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
