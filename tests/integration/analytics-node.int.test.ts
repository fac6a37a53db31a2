// Real traffic from Segment's own Node SDK (@segment/analytics-node, pointed at Tandem with `host`)
// over HTTP into the Tracking API route handler; every event it sends must be stored.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Analytics } from "@segment/analytics-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test-database";
import { createSource } from "../../lib/data/sources";
import { POST } from "../../app/v1/[call]/route";

let t: TestDatabase;
let server: http.Server;
let baseUrl = "";
let writeKey = "";
let sourceId = "";

/** Serves /v1/:call through the app's own route handler. */
function serve(): Promise<string> {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://localhost");
    const call = url.pathname.replace(/^\/v1\//, "");
    const request = new Request(url, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const response = await POST(request, { params: Promise.resolve({ call }) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  t = await createTestDatabase();
  ({ id: sourceId, writeKey } = await createSource({ name: "Backend", kind: "server" }));
  baseUrl = await serve();
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.close();
});

describe("@segment/analytics-node against Tandem", () => {
  it("stores every event it sends, of every call type", async () => {
    const analytics = new Analytics({ writeKey, host: baseUrl, flushAt: 25, flushInterval: 200, maxRetries: 2 });
    const errors: unknown[] = [];
    analytics.on("error", (e) => errors.push(e));
    const sent: string[] = [];
    const track = (i: number) => {
      const messageId = `node-${i}`;
      sent.push(messageId);
      return messageId;
    };
    for (let i = 0; i < 120; i++) {
      analytics.track({ userId: `user-${i % 7}`, event: "Report Exported", properties: { format: "csv", rows: i }, messageId: track(i) });
    }
    analytics.identify({ userId: "user-1", traits: { email: "user1@example.com", plan: "pro" }, messageId: track(1000) });
    analytics.page({ anonymousId: "anon-9", name: "Pricing", properties: { url: "https://acme.example/pricing?utm_source=google&utm_medium=cpc" }, messageId: track(1001) });
    analytics.screen({ userId: "user-2", name: "Dashboard", messageId: track(1002) });
    analytics.group({ userId: "user-1", groupId: "acme", traits: { name: "Acme" }, messageId: track(1003) });
    analytics.alias({ previousId: "anon-9", userId: "user-9", messageId: track(1004) });
    await analytics.closeAndFlush({ timeout: 20_000 });

    expect(errors).toEqual([]);
    const rows = await t.db.event.findMany({ where: { sourceId }, select: { messageId: true, type: true, context: true } });
    expect(new Set(rows.map((r) => r.messageId))).toEqual(new Set(sent));
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(["track", "identify", "page", "screen", "group", "alias"]));
    // The SDK's own context (library name and version) is kept whole.
    expect((rows[0]!.context as { library?: { name?: string } }).library?.name).toBe("@segment/analytics-node");
  }, 60_000);
});
