// sendWebhook against local receivers: connections are kept alive between requests, and a request
// that went out on a kept connection the receiver had closed is sent once more on a new one.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { closeWebhookConnections, sendWebhook } from "./http-send";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  closeWebhookConnections();
  while (closers.length) await closers.pop()!();
});

function listen(server: net.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`)));
}

const send = (url: string, body: string | Uint8Array) => sendWebhook({ url, headers: { "x-test": "1" }, body, allowPrivate: true, timeoutMs: 5_000 });

describe("sendWebhook", () => {
  it("keeps the connection alive between requests and sends text and bytes alike", async () => {
    const sockets = new Set<net.Socket>();
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
      sockets.add(req.socket);
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        bodies.push(Buffer.concat(chunks).toString("utf8"));
        res.writeHead(204).end();
      });
    });
    const url = await listen(server);
    closers.push(() => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))));
    const text = '{"batch":[{"title":"Getting started · Loopwise"}]}';
    const results = [await send(url, text), await send(url, Buffer.from(text, "utf8")), await send(url, text)];
    expect(results.map((r) => [r.ok, r.statusCode])).toEqual([[true, 204], [true, 204], [true, 204]]);
    expect(bodies).toEqual([text, text, text]);
    expect(sockets.size).toBe(1);
  });

  it("sends once more on a new connection when the receiver closed the kept one unanswered", async () => {
    // A raw receiver: on its first connection it answers the first request (keep-alive), then drops
    // the connection when the second request arrives; later connections are answered normally.
    let connections = 0;
    const received: { connection: number; answered: boolean }[] = [];
    const server = net.createServer((socket) => {
      const n = ++connections;
      let requests = 0;
      let buffered = "";
      socket.on("data", (chunk: Buffer) => {
        buffered += chunk.toString("utf8");
        const end = buffered.indexOf("\r\n\r\n");
        if (end < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        buffered = "";
        requests++;
        if (n === 1 && requests === 2) {
          received.push({ connection: n, answered: false });
          socket.destroy();
          return;
        }
        received.push({ connection: n, answered: true });
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok");
      });
      socket.on("error", () => undefined);
    });
    const url = await listen(server);
    closers.push(() => new Promise((r) => server.close(() => r())));
    expect((await send(url, '{"batch":[1]}')).ok).toBe(true);
    const again = await send(url, '{"batch":[2]}');
    expect([again.ok, again.statusCode, again.excerpt]).toEqual([true, 200, "ok"]);
    expect(received).toEqual([
      { connection: 1, answered: true },
      { connection: 1, answered: false },
      { connection: 2, answered: true },
    ]);
  });

  it("does not send again when a new connection fails", async () => {
    const server = net.createServer((socket) => socket.destroy());
    const url = await listen(server);
    closers.push(() => new Promise((r) => server.close(() => r())));
    const r = await send(url, "{}");
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^Could not send/);
  });
});
