import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { configFromScript, normalizeApiHost } from "./config";
import { watchRouteChanges } from "./history";
import { ANONYMOUS_ID_COOKIE, USER_ID_KEY } from "./identity";
import { queuedCalls, replayCalls, STUB_METHODS, STUB_SNIPPET } from "./snippet";
import { FakeDocument, FakeStorage, fakeBrowser, type FakeBrowser } from "./test-fakes";
import { createTracker, endpointFor, type TandemApi } from "./tracker";
import { LIBRARY_VERSION } from "./version";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-03-01T12:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
});

function start(b: FakeBrowser = fakeBrowser()) {
  const tracker = createTracker(b.env, { writeKey: "wk_site", apiHost: "https://tandem.example" });
  return { b, tracker, api: tracker.api };
}

async function sent(b: FakeBrowser, api: TandemApi) {
  await api.flush();
  return b.requests.flatMap((r) => r.body.batch);
}

describe("the anonymous id", () => {
  it("is a new UUID in a first-party cookie (1 year, Lax) and localStorage", () => {
    const { b, api } = start();
    const { anonymousId } = api.user();
    expect(anonymousId).toMatch(UUID);
    expect(b.document.jar.get(ANONYMOUS_ID_COOKIE)).toBe(anonymousId);
    expect(b.localStorage.getItem("tdm_aid")).toBe(anonymousId);
    expect(b.document.writes[0]).toBe(`tdm_aid=${anonymousId}; Path=/; Max-Age=31536000; Expires=Mon, 01 Mar 2027 12:00:00 GMT; SameSite=Lax; Secure`);
  });

  it("is Secure only on https", () => {
    const { b } = start(fakeBrowser({ url: "http://localhost:3000/welcome" }));
    expect(b.document.writes[0]).not.toContain("Secure");
  });

  it("is kept across page loads, and each copy restores the other", () => {
    const first = start();
    const id = first.api.user().anonymousId;
    expect(start(fakeBrowser({ localStorage: first.b.localStorage, document: first.b.document })).api.user().anonymousId).toBe(id);
    // Cookie cleared (or capped by the browser): localStorage brings it back.
    const doc = new FakeDocument();
    const again = start(fakeBrowser({ localStorage: first.b.localStorage, document: doc }));
    expect(again.api.user().anonymousId).toBe(id);
    expect(doc.jar.get("tdm_aid")).toBe(id);
    // localStorage cleared: the cookie does.
    const storage = new FakeStorage();
    expect(start(fakeBrowser({ localStorage: storage, document: doc })).api.user().anonymousId).toBe(id);
    expect(storage.getItem("tdm_aid")).toBe(id);
  });

  const segment: { name: string; cookie?: string; ls?: Record<string, string>; anonymousId: string; userId: string | null }[] = [
    { name: "analytics.js classic cookie (JSON-encoded)", cookie: "ajs_anonymous_id=%22seg-anon-1%22; ajs_user_id=%22u-7%22", anonymousId: "seg-anon-1", userId: "u-7" },
    { name: "analytics-next cookie (bare)", cookie: "ajs_anonymous_id=seg-anon-2", anonymousId: "seg-anon-2", userId: null },
    { name: "analytics.js localStorage only", ls: { ajs_anonymous_id: '"seg-anon-3"', ajs_user_id: '"u-9"' }, anonymousId: "seg-anon-3", userId: "u-9" },
    { name: "ours wins over Segment's", cookie: "ajs_anonymous_id=seg-anon-4; tdm_aid=ours-1", anonymousId: "ours-1", userId: null },
  ];
  it.each(segment)("reuses Segment's ids: $name", ({ cookie, ls, anonymousId, userId }) => {
    const doc = new FakeDocument();
    if (cookie) for (const c of cookie.split("; ")) doc.jar.set(c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1));
    const storage = new FakeStorage();
    for (const [k, v] of Object.entries(ls ?? {})) storage.setItem(k, v);
    const { api } = start(fakeBrowser({ document: doc, localStorage: storage }));
    expect(api.user()).toEqual({ anonymousId, userId });
    expect(doc.jar.get("tdm_aid")).toBe(anonymousId);
  });

  it("after reset(), Segment's old ids are not adopted again", () => {
    const doc = new FakeDocument();
    doc.jar.set("ajs_anonymous_id", "seg-anon");
    doc.jar.set("ajs_user_id", "seg-user");
    const storage = new FakeStorage();
    start(fakeBrowser({ document: doc, localStorage: storage })).api.reset();
    const { api } = start(fakeBrowser({ document: doc, localStorage: storage }));
    expect(api.user().anonymousId).not.toBe("seg-anon");
    expect(api.user().userId).toBeNull();
  });

  it("works with storage unavailable", () => {
    const b = fakeBrowser();
    b.env.localStorage = null;
    b.env.sessionStorage = null;
    const { api } = start(b);
    api.identify("u-1");
    expect(api.user()).toEqual({ anonymousId: expect.stringMatching(UUID), userId: "u-1" });
  });
});

describe("calls", () => {
  it("page() on a campaign landing: Segment-shaped, with the page, the campaign and the browser", async () => {
    const { b, api } = start(fakeBrowser({ url: "https://www.loopwise.example/pricing?utm_source=google&utm_medium=cpc&utm_campaign=brand#plans" }));
    api.page();
    const [m] = await sent(b, api);
    expect(m).toEqual({
      type: "page",
      messageId: expect.stringMatching(UUID),
      anonymousId: api.user().anonymousId,
      timestamp: "2026-03-01T12:00:00.000Z",
      sentAt: "2026-03-01T12:00:00.000Z",
      context: {
        library: { name: "tandem.js", version: LIBRARY_VERSION },
        page: {
          path: "/pricing",
          referrer: "https://www.google.com/",
          search: "?utm_source=google&utm_medium=cpc&utm_campaign=brand",
          title: "Pricing — Loopwise",
          url: "https://www.loopwise.example/pricing?utm_source=google&utm_medium=cpc&utm_campaign=brand",
        },
        campaign: { source: "google", medium: "cpc", name: "brand" },
        userAgent: "Mozilla/5.0 (X11; Linux x86_64) FakeBrowser/1.0",
        locale: "en-GB",
        timezone: "Europe/Berlin",
        screen: { width: 1440, height: 900, density: 2 },
      },
      properties: {
        path: "/pricing",
        referrer: "https://www.google.com/",
        search: "?utm_source=google&utm_medium=cpc&utm_campaign=brand",
        title: "Pricing — Loopwise",
        url: "https://www.loopwise.example/pricing?utm_source=google&utm_medium=cpc&utm_campaign=brand",
      },
    });
    expect(b.requests[0].url).toBe("https://tandem.example/v1/batch");
  });

  it("keeps the session's campaign on later pages of an SPA", async () => {
    const { b, api } = start(fakeBrowser({ url: "https://www.loopwise.example/?utm_source=newsletter&utm_medium=email" }));
    api.page();
    b.location.assign("https://www.loopwise.example/pricing");
    api.track("CTA Clicked");
    const [page, track] = await sent(b, api);
    expect((page.context as Record<string, unknown>).campaign).toEqual({ source: "newsletter", medium: "email" });
    expect(track.context).toMatchObject({ campaign: { source: "newsletter", medium: "email" }, page: { path: "/pricing", search: "" } });
  });

  it("identify() keeps the user id for later calls (and later page loads); reset() forgets both ids", async () => {
    const { b, api } = start();
    const anon = api.user().anonymousId;
    api.track("Before");
    api.identify("user-42", { email: "ada@example.com" });
    api.track("After", { plan: "pro" });
    expect(b.localStorage.getItem(USER_ID_KEY)).toBe("user-42");
    expect(start(fakeBrowser({ localStorage: b.localStorage, document: b.document })).api.user()).toEqual({ anonymousId: anon, userId: "user-42" });

    api.reset();
    api.track("Signed out");
    const [before, identify, after, signedOut] = await sent(b, api);
    expect(before).not.toHaveProperty("userId");
    expect(identify).toMatchObject({ type: "identify", userId: "user-42", anonymousId: anon, traits: { email: "ada@example.com" } });
    expect(after).toMatchObject({ type: "track", event: "After", userId: "user-42", anonymousId: anon, properties: { plan: "pro" } });
    expect(signedOut).not.toHaveProperty("userId");
    expect(signedOut.anonymousId).not.toBe(anon);
    expect(b.document.jar.get("tdm_aid")).toBe(signedOut.anonymousId);
    expect(b.localStorage.getItem(USER_ID_KEY)).toBeNull();
  });

  it("identify() with traits only stays anonymous", async () => {
    const { b, api } = start();
    api.identify({ email: "lead@example.com" });
    const [m] = await sent(b, api);
    expect(m).toMatchObject({ type: "identify", traits: { email: "lead@example.com" } });
    expect(m).not.toHaveProperty("userId");
  });

  it("group() and alias()", async () => {
    const { b, api } = start();
    const anon = api.user().anonymousId;
    api.group("acme", { name: "Acme", plan: "business" });
    api.alias("user-1");
    api.identify("user-1");
    api.alias("user-2");
    api.alias("user-3", "legacy-9", { context: { note: "x" } });
    api.alias("user-4", { integrations: { All: true } });
    const [group, a1, , a2, a3, a4] = await sent(b, api);
    expect(group).toMatchObject({ type: "group", groupId: "acme", traits: { name: "Acme", plan: "business" } });
    expect(a1).toMatchObject({ type: "alias", userId: "user-1", previousId: anon });
    expect(a2).toMatchObject({ type: "alias", userId: "user-2", previousId: "user-1" });
    expect(a3).toMatchObject({ type: "alias", userId: "user-3", previousId: "legacy-9", context: { note: "x" } });
    expect(a4).toMatchObject({ type: "alias", userId: "user-4", previousId: "user-1", integrations: { All: true } });
  });

  const ignored: { name: string; call: (api: TandemApi) => void }[] = [
    { name: "track without an event", call: (api) => (api.track as (...a: unknown[]) => void)() },
    { name: "track with a blank event", call: (api) => api.track("  ") },
    { name: "group without an id", call: (api) => (api.group as (...a: unknown[]) => void)({ name: "x" }) },
    { name: "alias without a user id", call: (api) => (api.alias as (...a: unknown[]) => void)() },
  ];
  it.each(ignored)("ignores $name with a warning", async ({ call }) => {
    const { b, api } = start();
    call(api);
    expect(await sent(b, api)).toEqual([]);
    expect(b.warnings).toHaveLength(1);
  });

  it("every call gets its own messageId and the time it was made", async () => {
    const { b, api } = start();
    api.track("One");
    await vi.advanceTimersByTimeAsync(250);
    api.track("Two", {}, { timestamp: new Date("2026-02-01T00:00:00Z") });
    const [one, two] = await sent(b, api);
    expect(one.messageId).not.toBe(two.messageId);
    expect(one.timestamp).toBe("2026-03-01T12:00:00.000Z");
    expect(two.timestamp).toBe("2026-02-01T00:00:00.000Z");
  });

  it("onHide() beacons what is queued", async () => {
    const { b, api, tracker } = start();
    api.track("Leaving");
    tracker.onHide();
    const beacons = await b.settleBeacons();
    expect(beacons[0].body.batch[0]).toMatchObject({ type: "track", event: "Leaving" });
    expect(beacons[0].url).toBe("https://tandem.example/v1/batch");
  });
});

describe("endpointFor", () => {
  it.each([
    ["https://tandem.example", "https://tandem.example/v1/batch"],
    ["https://tandem.example/", "https://tandem.example/v1/batch"],
    ["https://example.com/collect", "https://example.com/collect/v1/batch"],
  ])("%s → %s", (host, url) => expect(endpointFor(host)).toBe(url));
});

describe("configFromScript", () => {
  const script = (src: string, attrs: Record<string, string>) => ({ src, getAttribute: (n: string) => attrs[n] ?? null });
  const page = "https://www.loopwise.example/pricing";
  const cases: { name: string; script: ReturnType<typeof script> | null; expected: ReturnType<typeof configFromScript> }[] = [
    {
      name: "the API is the script's own origin",
      script: script("https://tandem.example/t.js", { "data-write-key": "wk_1" }),
      expected: { writeKey: "wk_1", apiHost: "https://tandem.example", autoPage: true, cookieDomain: undefined },
    },
    {
      name: "data-api-host without a scheme, auto page off",
      script: script("https://cdn.example/t.js", { "data-write-key": " wk_2 ", "data-api-host": "api.example.com/", "data-auto-page": "false" }),
      expected: { writeKey: "wk_2", apiHost: "https://api.example.com", autoPage: false, cookieDomain: undefined },
    },
    {
      name: "protocol-relative API host with a path, cookie domain",
      script: script("/t.js", { "data-write-key": "wk_3", "data-api-host": "//example.com/tandem", "data-cookie-domain": "loopwise.example" }),
      expected: { writeKey: "wk_3", apiHost: "https://example.com/tandem", autoPage: true, cookieDomain: "loopwise.example" },
    },
    {
      name: "a relative src resolves against the page",
      script: script("/t.js", { "data-write-key": "wk_4", "data-auto-page": "true" }),
      expected: { writeKey: "wk_4", apiHost: "https://www.loopwise.example", autoPage: true, cookieDomain: undefined },
    },
    {
      name: "no script tag found",
      script: null,
      expected: { writeKey: undefined, apiHost: "https://www.loopwise.example", autoPage: true, cookieDomain: undefined },
    },
  ];
  it.each(cases)("$name", ({ script, expected }) => {
    expect(configFromScript(script, page)).toEqual(expected);
  });

  it("normalizeApiHost keeps an explicit http", () => {
    expect(normalizeApiHost("http://localhost:3000", "https:")).toBe("http://localhost:3000");
    expect(normalizeApiHost("//localhost:3000", "http:")).toBe("http://localhost:3000");
  });
});

describe("the queue stub", () => {
  it("records calls before t.js loads, and they are replayed in order", async () => {
    const win: { tandem?: unknown } = {};
    new Function("window", `with (window) { ${STUB_SNIPPET} }`)(win);
    const stub = win.tandem as unknown[] & Record<string, (...a: unknown[]) => void>;
    expect(STUB_METHODS.every((m) => typeof stub[m] === "function")).toBe(true);
    stub.identify("u-5", { plan: "pro" });
    stub.track("Early", { n: 1 });
    stub.push(["unknown", 1], "junk");
    const calls = queuedCalls(stub);
    expect(calls).toEqual([
      ["identify", ["u-5", { plan: "pro" }]],
      ["track", ["Early", { n: 1 }]],
    ]);

    const { b, api } = start();
    replayCalls(calls, api);
    const [identify, track] = await sent(b, api);
    expect(identify).toMatchObject({ type: "identify", userId: "u-5", traits: { plan: "pro" } });
    expect(track).toMatchObject({ type: "track", event: "Early", userId: "u-5", properties: { n: 1 } });
  });

  it("leaves a loaded tracker alone when it runs after t.js", () => {
    const api = { page: () => "real" };
    const win: { tandem?: unknown } = { tandem: api };
    new Function("window", `with (window) { ${STUB_SNIPPET} }`)(win);
    expect(win.tandem).toBe(api);
    expect((win.tandem as typeof api).page()).toBe("real");
  });

  it("queuedCalls of anything but an array is nothing", () => {
    expect(queuedCalls(undefined)).toEqual([]);
    expect(queuedCalls({ page: 1 })).toEqual([]);
  });
});

describe("watchRouteChanges", () => {
  function fakeWindow(url: string) {
    const listeners: (() => void)[] = [];
    const u = new URL(url);
    const win = {
      location: { pathname: u.pathname, search: u.search },
      history: {
        pushState(_data: unknown, _unused: string, next?: string | URL | null) {
          const n = new URL(String(next), `https://x${win.location.pathname}`);
          win.location.pathname = n.pathname;
          win.location.search = n.search;
        },
      },
      addEventListener: (_: "popstate", l: () => void) => listeners.push(l),
      popTo(path: string) {
        const n = new URL(path, "https://x");
        win.location.pathname = n.pathname;
        win.location.search = n.search;
        listeners.forEach((l) => l());
      },
    };
    return win;
  }

  it("reports pushState and back/forward that change the path or query, not hash changes or repeats", () => {
    const win = fakeWindow("https://x/welcome");
    const seen: string[] = [];
    watchRouteChanges(win, () => seen.push(win.location.pathname + win.location.search));
    win.history.pushState(null, "", "/pricing");
    win.history.pushState(null, "", "/pricing");
    win.history.pushState(null, "", "/pricing#faq");
    win.history.pushState(null, "", "/pricing?plan=pro");
    win.popTo("/welcome");
    win.popTo("/welcome");
    expect(seen).toEqual(["/pricing", "/pricing?plan=pro", "/welcome"]);
  });
});
