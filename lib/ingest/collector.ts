// The lean collector: a small HTTP server that answers the Tracking API itself (no framework on the
// hot path) and hands every other request to the Next.js server behind it — the way Segment,
// RudderStack and PostHog run their collectors apart from their dashboards. Both share lib/ingest.
import http from "node:http";
import net from "node:net";
import { corsHeaders } from "./cors";
import { handleTrackingRequest } from "./ingest";
import { endpointFor, MAX_REQUEST_BYTES } from "./request";

const V1 = /^\/v1\/([A-Za-z]+)\/?(?:\?.*)?$/;

/** The Tracking API call a request is for, or null when it belongs to the web app. */
export function collectorRoute(method: string | undefined, url: string | undefined): string | null {
  if (method !== "POST" && method !== "OPTIONS") return null;
  const m = V1.exec(url ?? "");
  return m && endpointFor(m[1]!) ? m[1]! : null;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

async function collect(call: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const origin = (req.headers.origin as string | undefined) ?? null;
  const cors = corsHeaders(origin);
  if (req.method === "OPTIONS") {
    res.writeHead(204, cors);
    res.end();
    return;
  }
  // A compressed body can legitimately be smaller than the 500 KB decompressed limit, never larger.
  const body = await readBody(req, MAX_REQUEST_BYTES * 2);
  if (!body) {
    send(res, 413, { success: false, error: { code: "request_too_large", message: "The request is over 500 KB; send smaller batches." } }, cors);
    return;
  }
  const result = await handleTrackingRequest({
    segment: call,
    body,
    contentEncoding: (req.headers["content-encoding"] as string | undefined) ?? null,
    authorization: req.headers.authorization ?? null,
    origin,
  });
  send(res, result.status, result.body, { ...cors, ...result.headers });
}

export function createCollectorServer(opts: { upstreamPort: number }): http.Server {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const call = collectorRoute(req.method, req.url);
    if (call) {
      collect(call, req, res).catch((err) => {
        console.error("[collector] unhandled error", err);
        if (!res.headersSent) send(res, 500, { success: false, error: { code: "internal_error", message: "The events were not stored; retry the request." } }, {});
      });
      return;
    }
    const forwarded = {
      ...req.headers,
      "x-forwarded-for": [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", "),
      "x-forwarded-host": (req.headers["x-forwarded-host"] as string | undefined) ?? req.headers.host ?? "",
      "x-forwarded-proto": (req.headers["x-forwarded-proto"] as string | undefined) ?? "http",
    };
    const hasBody = req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
    const forward = (again: boolean) => {
      const upstream = http.request(
        { host: "127.0.0.1", port: opts.upstreamPort, method: req.method, path: req.url, headers: forwarded, agent },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", (err: NodeJS.ErrnoException) => {
        // A kept-alive connection the app closed just as it was reused (Node's documented race, more
        // likely on a busy machine): a request without a body is unread, so send it once more.
        if (!again && !hasBody && upstream.reusedSocket && (err.code === "ECONNRESET" || err.code === "EPIPE")) return forward(true);
        if (!res.headersSent) send(res, 502, { error: { code: "app_unavailable", message: "The web app is starting or restarting; retry in a moment." } }, {});
        else res.destroy();
      });
      if (hasBody) req.pipe(upstream);
      else upstream.end();
    };
    forward(false);
  });
  // WebSocket upgrades (next dev's hot reload) are piped through untouched.
  server.on("upgrade", (req, socket, head) => {
    const up = net.connect(opts.upstreamPort, "127.0.0.1", () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(lines.join("\r\n") + "\r\n\r\n");
      if (head.length) up.write(head);
      socket.pipe(up).pipe(socket);
    });
    up.on("error", () => socket.destroy());
    socket.on("error", () => up.destroy());
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
