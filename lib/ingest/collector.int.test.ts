// The lean collector over real HTTP: browser-style text/plain posts with Basic auth, the write key
// in the body, the CORS preflight, and everything else passed through to the app behind it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { createSource } from "../data/sources";
import { createCollectorServer } from "./collector";
import { forgetCachedSources } from "./ingest";
import { PEER_HEADER, peerAddress } from "../server/peer";

let t: TestDatabase;
let app: http.Server;
let collector: http.Server;
let base = "";
let writeKey = "";
let sourceId = "";
const seenByApp: { method?: string; url?: string; host?: string; forwardedHost?: string; peer?: string | string[]; forwardedFor?: string }[] = [];

const listen = (s: http.Server) => new Promise<number>((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));

beforeAll(async () => {
  t = await createTestDatabase();
  forgetCachedSources();
  ({ writeKey, id: sourceId } = await createSource({ name: "Browser", kind: "web" }));
  app = http.createServer((req, res) => {
    seenByApp.push({
      method: req.method,
      url: req.url,
      host: req.headers.host,
      forwardedHost: req.headers["x-forwarded-host"] as string,
      peer: req.headers[PEER_HEADER],
      forwardedFor: req.headers["x-forwarded-for"] as string,
    });
    res.writeHead(201, { "content-type": "text/plain", "set-cookie": ["a=1", "b=2"] });
    res.end("from the app");
  });
  const appPort = await listen(app);
  collector = createCollectorServer({ upstreamPort: appPort });
  base = `http://127.0.0.1:${await listen(collector)}`;
});
afterAll(async () => {
  await new Promise((r) => collector.close(r));
  await new Promise((r) => app.close(r));
  await t.close();
});

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

describe("collector", () => {
  it("stores a text/plain single call authenticated by Basic auth, as analytics-next sends it", async () => {
    const res = await fetch(`${base}/v1/t`, {
      method: "POST",
      headers: { "content-type": "text/plain", authorization: basic(writeKey), origin: "https://shop.example" },
      body: JSON.stringify({ anonymousId: "a1", event: "Added To Cart", writeKey, messageId: "col-1" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(await res.json()).toMatchObject({ success: true, accepted: 1 });
    expect(await t.db.event.count({ where: { sourceId, messageId: "col-1" } })).toBe(1);
  });

  it("takes the write key from the body when there is no Authorization header", async () => {
    const res = await fetch(`${base}/v1/batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ writeKey, batch: [{ type: "page", anonymousId: "a1", messageId: "col-2" }] }),
    });
    expect(await res.json()).toMatchObject({ success: true, accepted: 1 });
  });

  it("answers the CORS preflight for any origin", async () => {
    const res = await fetch(`${base}/v1/track`, {
      method: "OPTIONS",
      headers: { origin: "https://any.example", "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://any.example");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    expect(res.headers.get("access-control-allow-headers")).toMatch(/Content-Type/);
  });

  it("answers 401 JSON for a missing key and 413 for an oversized body", async () => {
    const none = await fetch(`${base}/v1/track`, { method: "POST", body: JSON.stringify({ userId: "u", event: "E" }) });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: "missing_write_key" } });
    const big = await fetch(`${base}/v1/batch`, { method: "POST", body: "x".repeat(1_100_000) });
    expect(big.status).toBe(413);
  });

  it("passes every other request to the app, keeping status, headers and host", async () => {
    const res = await fetch(`${base}/contacts?page=2`, { headers: { host: "tandem.example" } });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe("from the app");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    const api = await fetch(`${base}/api/v1/profiles/x`, { method: "POST", body: "{}" });
    expect(api.status).toBe(201);
    expect(seenByApp.map((s) => s.url)).toEqual(["/contacts?page=2", "/api/v1/profiles/x"]);
    expect(seenByApp[0]!.forwardedHost).toBeTruthy();
  });

  it("tells the app the connection's address in x-tandem-peer, overwriting whatever the client sent", async () => {
    seenByApp.length = 0;
    await fetch(`${base}/login`, { headers: { [PEER_HEADER]: "203.0.113.66", "x-forwarded-for": "198.51.100.1" } });
    await fetch(`${base}/settings`);
    expect(seenByApp.map((s) => s.peer)).toEqual(["127.0.0.1", "127.0.0.1"]);
    // X-Forwarded-For is still passed on (with the real address appended) for compatibility only.
    expect(seenByApp[0]!.forwardedFor).toBe("198.51.100.1, 127.0.0.1");
    expect(peerAddress({ [PEER_HEADER]: seenByApp[0]!.peer, "x-forwarded-for": seenByApp[0]!.forwardedFor }, true)).toBe("127.0.0.1");
  });

  it("strips a spoofed x-tandem-peer from a WebSocket upgrade too", async () => {
    const upgraded = new Promise<string>((resolve) => {
      const raw = http.createServer();
      raw.on("upgrade", (req, socket) => {
        resolve(String(req.headers[PEER_HEADER]));
        socket.destroy();
      });
      void listen(raw).then((port) => {
        const front = createCollectorServer({ upstreamPort: port });
        void listen(front).then((frontPort) => {
          const req = http.request({ host: "127.0.0.1", port: frontPort, path: "/_next/webpack-hmr", headers: { connection: "Upgrade", upgrade: "websocket", [PEER_HEADER]: "203.0.113.66" } });
          req.on("error", () => undefined);
          req.on("close", () => {
            front.close();
            raw.close();
          });
          req.end();
        });
      });
    });
    expect(await upgraded).toBe("127.0.0.1");
  });

  it("answers the SDK settings and the tracker script itself, as the app's routes do", async () => {
    const settings = await fetch(`${base}/v1/projects/${writeKey}/settings`, { headers: { "x-forwarded-host": "collect.acme.example", origin: "https://shop.example" } });
    expect(settings.status).toBe(200);
    expect(settings.headers.get("cache-control")).toBe("public, max-age=60");
    expect(settings.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(await settings.json()).toMatchObject({ integrations: { "Segment.io": { apiKey: writeKey, apiHost: "collect.acme.example/v1" } } });
    const basicConfig = await fetch(`${base}/sourceConfig`, { headers: { authorization: basic(writeKey) } });
    expect(basicConfig.status).toBe(200);
    const missing = await fetch(`${base}/sourceConfig`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "invalid_write_key", message: expect.stringContaining("writeKey") } });
    expect((await fetch(`${base}/t.js`)).status).toBe(200);
    expect(seenByApp.map((s) => s.url)).not.toContain("/t.js");
  });
});

describe("collector in front of an app that drops kept-alive connections", () => {
  // The app closes a connection when a second request arrives on it, as a server whose keep-alive
  // timeout fires just as the collector reuses the connection does (Node's documented race).
  let dropping: http.Server;
  let front: http.Server;
  let url = "";
  const served: string[] = [];
  beforeAll(async () => {
    const used = new WeakSet<object>();
    dropping = http.createServer((req, res) => {
      if (used.has(req.socket)) return void req.socket.destroy();
      used.add(req.socket);
      served.push(`${req.method} ${req.url}`);
      res.end("ok");
    });
    front = createCollectorServer({ upstreamPort: await listen(dropping) });
    url = `http://127.0.0.1:${await listen(front)}`;
  });
  afterAll(async () => {
    await new Promise((r) => front.close(r));
    await new Promise((r) => dropping.close(r));
  });

  it("sends a request without a body again on a new connection instead of answering 502", async () => {
    for (const path of ["/a", "/b", "/c"]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toBe("ok");
    }
    expect(served).toEqual(["GET /a", "GET /b", "GET /c"]);
  });
});
