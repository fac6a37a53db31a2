// The lean collector: a small HTTP server that answers everything SDKs call — the Tracking API
// (/v1/*), the SDK settings (/v1/projects/{key}/settings, /sourceConfig) and the tracker script
// (/t.js) — itself, with no framework on the hot path, the way Segment, RudderStack and PostHog run
// their collectors apart from their dashboards. In front of the web app (scripts/start.ts) it hands
// every other request to the Next.js server behind it; alone (`npm run collector`) it answers 404.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { ApiError, errorBody } from "../api/errors";
import { corsHeaders } from "./cors";
import { handleTrackingRequest } from "./ingest";
import { endpointFor, MAX_REQUEST_BYTES } from "./request";
import { rudderConfigFor, segmentSettingsFor } from "./sdk-endpoints";
import { PEER_HEADER, UNKNOWN_PEER } from "../server/peer";

const V1 = /^\/v1\/([A-Za-z]+)\/?(?:\?.*)?$/;
const SETTINGS = /^\/v1\/projects\/([^/?]+)\/settings\/?(?:\?.*)?$/;
const SOURCE_CONFIG = /^\/sourceConfig\/?(?:\?.*)?$/;
const TRACKER = /^\/t\.js(?:\?.*)?$/;

/** The Tracking API call a request is for, or null. */
export function collectorRoute(method: string | undefined, url: string | undefined): string | null {
  if (method !== "POST" && method !== "OPTIONS") return null;
  const m = V1.exec(url ?? "");
  return m && endpointFor(m[1]!) ? m[1]! : null;
}

export type SdkRoute = { kind: "settings"; writeKey: string } | { kind: "sourceConfig" } | { kind: "tracker" };

/** The other SDK endpoint (GET, or its preflight) a request is for, or null. */
export function sdkRoute(method: string | undefined, url: string | undefined): SdkRoute | null {
  const u = url ?? "";
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") {
    const m = SETTINGS.exec(u);
    if (m) {
      try {
        return { kind: "settings", writeKey: decodeURIComponent(m[1]!) };
      } catch {
        return null;
      }
    }
    if (SOURCE_CONFIG.test(u)) return { kind: "sourceConfig" };
  }
  if ((method === "GET" || method === "HEAD") && TRACKER.test(u)) return { kind: "tracker" };
  return null;
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

/** The tracker script, read once (it is built before the app starts: scripts/build-tracker.ts). */
let trackerScript: Buffer | null = null;
function tracker(): Buffer {
  trackerScript ??= fs.readFileSync(path.resolve("public/t.js"));
  return trackerScript;
}

async function serveSdk(route: SdkRoute, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const origin = (req.headers.origin as string | undefined) ?? null;
  const cors = corsHeaders(origin);
  if (route.kind === "tracker") {
    const js = tracker();
    res.writeHead(200, { "Content-Type": "application/javascript; charset=utf-8", "Content-Length": js.length, "Cache-Control": "public, max-age=300" });
    res.end(req.method === "HEAD" ? undefined : js);
    return;
  }
  if (req.method === "OPTIONS") {
    res.writeHead(204, cors);
    res.end();
    return;
  }
  try {
    if (route.kind === "settings") {
      const headers = { get: (name: string) => (req.headers[name.toLowerCase()] as string | undefined) ?? null };
      const out = await segmentSettingsFor(route.writeKey, headers);
      send(res, 200, out.body, { ...cors, ...out.headers });
    } else {
      const writeKey = new URL(req.url ?? "/", "http://collector").searchParams.get("writeKey") ?? undefined;
      send(res, 200, await rudderConfigFor(req.headers.authorization ?? null, writeKey), cors);
    }
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    send(res, err.status, errorBody(err.code, err.message), cors);
  }
}

/**
 * The address of the connection a request came on, for the app behind (lib/server/peer.ts): always set
 * by us, so a client's own `x-tandem-peer` never reaches the app ("unknown" if the socket is gone).
 */
function peerOf(req: http.IncomingMessage): string {
  return req.socket.remoteAddress ?? UNKNOWN_PEER;
}

const NOT_HERE = errorBody("not_found", "This is Tandem's collector: it serves the Tracking API (/v1/*), /t.js and /sourceConfig. Open the web app at its own address.");

export function createCollectorServer(opts: { upstreamPort?: number } = {}): http.Server {
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
    const sdk = sdkRoute(req.method, req.url);
    if (sdk) {
      serveSdk(sdk, req, res).catch((err) => {
        console.error("[collector] unhandled error", err);
        if (!res.headersSent) send(res, 500, errorBody("internal_error", "Something failed on our side; retry the request."), {});
      });
      return;
    }
    const upstreamPort = opts.upstreamPort;
    if (upstreamPort === undefined) {
      req.resume();
      send(res, 404, NOT_HERE, {});
      return;
    }
    const forwarded: http.OutgoingHttpHeaders = {
      ...req.headers,
      // Kept for compatibility; the app trusts only PEER_HEADER, which is ours alone.
      "x-forwarded-for": [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", "),
      "x-forwarded-host": (req.headers["x-forwarded-host"] as string | undefined) ?? req.headers.host ?? "",
      "x-forwarded-proto": (req.headers["x-forwarded-proto"] as string | undefined) ?? "http",
      [PEER_HEADER]: peerOf(req),
    };
    const hasBody = req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
    const forward = (again: boolean) => {
      const upstream = http.request(
        { host: "127.0.0.1", port: upstreamPort, method: req.method, path: req.url, headers: forwarded, agent },
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
    if (opts.upstreamPort === undefined) return void socket.destroy();
    const up = net.connect(opts.upstreamPort, "127.0.0.1", () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        if (req.rawHeaders[i]!.toLowerCase() !== PEER_HEADER) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
      lines.push(`${PEER_HEADER}: ${peerOf(req)}`);
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
