// Sends one webhook request, guarded against SSRF: the host name is resolved here and every address
// it resolves to is checked (lib/destinations/address.ts), and the connection goes to the address
// that was checked (node:http's `lookup` hook), so a DNS answer that changes between the check and the
// connection (rebinding) cannot steer it inside. No redirects (3xx is a failure), a timeout, and the
// first 2 KB of the answer kept. Connections are kept alive between a destination's requests (one
// agent per checked address, host and port: a socket only ever goes to the address that was checked),
// which saved ~40 % of the sender's CPU per request on loopback; a request on a kept socket the
// receiver closed meanwhile is sent once more on a new one.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { refuseAddress } from "./address";

export const SEND_TIMEOUT_MS = 10_000;
export const EXCERPT_BYTES = 2048;

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  /** The JSON body, as text or as its UTF-8 bytes (sent as is). */
  body: string | Uint8Array;
  allowPrivate: boolean;
  timeoutMs?: number;
}

export interface WebhookResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  excerpt: string | null;
}

/** Sends a webhook; never throws. Tests inject their own (same shape) into the sender. */
export type WebhookSender = (req: WebhookRequest) => Promise<WebhookResult>;

export class RefusedUrlError extends Error {}
/** The host does not resolve (now): refused at send, accepted at save (it may resolve later, or only where Tandem runs). */
export class UnresolvedHostError extends RefusedUrlError {}

/** Checks a URL's form (http/https, a host). Returns the parsed URL or throws RefusedUrlError. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedUrlError("The URL is not valid: write it in full, like https://example.com/hooks/tandem.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new RefusedUrlError(`Only http and https URLs can receive webhooks, not ${url.protocol.replace(":", "")}.`);
  if (!url.hostname) throw new RefusedUrlError("The URL has no host.");
  return url;
}

function hostOf(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

/** Resolves a host to every address and refuses when any of them is not allowed. */
export async function checkedAddresses(host: string, allowPrivate: boolean): Promise<{ address: string; family: number }[]> {
  const found = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await dns.promises.lookup(host, { all: true, verbatim: true }).catch(() => []);
  if (found.length === 0) throw new UnresolvedHostError(`The host ${host} could not be resolved: check the URL.`);
  for (const a of found) {
    const why = refuseAddress(a.address, allowPrivate);
    if (why) throw new RefusedUrlError(why);
  }
  return found;
}

/** The save-time check of a destination URL: its form and where it resolves now. */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<void> {
  try {
    await checkedAddresses(hostOf(parseWebhookUrl(raw)), allowPrivate);
  } catch (err) {
    if (!(err instanceof UnresolvedHostError)) throw err;
  }
}

/** How long an idle kept-alive connection stays open (below Node's own servers' 5 s). */
export const KEEP_ALIVE_IDLE_MS = 4_000;
const agents = new Map<string, http.Agent>();

/** The keep-alive agent for one checked address of one host, port and scheme. */
function agentFor(url: URL, pinned: { address: string; family: number }): http.Agent {
  const key = `${url.protocol}//${url.host}@${pinned.address}`;
  let agent = agents.get(key);
  if (!agent) {
    // Bounded: the oldest pool is let go (not destroyed: its requests in flight finish, its idle
    // connections close on their timeout).
    if (agents.size >= 256) agents.delete(agents.keys().next().value!);
    const options = { keepAlive: true, timeout: KEEP_ALIVE_IDLE_MS, scheduling: "lifo" as const };
    agent = url.protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

/** Closes every kept-alive connection (a dispatcher stopping; tests). */
export function closeWebhookConnections(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

export const sendWebhook: WebhookSender = async (req) => {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (error: string, statusCode: number | null = null, excerpt: string | null = null): WebhookResult => ({ ok: false, statusCode, latencyMs: elapsed(), error, excerpt });
  let url: URL;
  let addresses: { address: string; family: number }[];
  try {
    url = parseWebhookUrl(req.url);
    addresses = await checkedAddresses(hostOf(url), req.allowPrivate);
  } catch (err) {
    return fail(err instanceof RefusedUrlError ? err.message : String(err));
  }
  const pinned = addresses[0]!;
  const lib = url.protocol === "https:" ? https : http;
  const agent = agentFor(url, pinned);
  const timeoutMs = req.timeoutMs ?? SEND_TIMEOUT_MS;
  const deadline = started + timeoutMs;
  const contentLength = typeof req.body === "string" ? Buffer.byteLength(req.body) : req.body.byteLength;

  /** One try; "again" when a kept-alive socket turned out closed before anything was answered. */
  const attempt = (fresh: boolean) =>
    new Promise<WebhookResult | "again">((resolve) => {
      let settled = false;
      const done = (r: WebhookResult | "again") => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      };
      const request = lib.request(
        {
          protocol: url.protocol,
          hostname: hostOf(url),
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: "POST",
          headers: { ...req.headers, "content-type": "application/json", "content-length": contentLength, "user-agent": "Tandem-Webhooks/1" },
          // Connect to the address that was checked, whatever DNS says now. TLS still verifies the name.
          lookup: ((_host: string, opts: dns.LookupOptions, cb: (err: null, address: unknown, family?: number) => void) => {
            if (opts && opts.all) cb(null, [pinned]);
            else cb(null, pinned.address, pinned.family);
          }) as unknown as net.LookupFunction,
          agent: fresh ? false : agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (c: Buffer) => {
            if (size < EXCERPT_BYTES) chunks.push(c.subarray(0, EXCERPT_BYTES - size));
            size += c.length;
          });
          res.on("error", (e) => done(fail(`The answer broke off: ${e.message}`, res.statusCode ?? null)));
          res.on("end", () => {
            // Text as received, minus NUL characters (PostgreSQL text cannot hold them).
            const excerpt = Buffer.concat(chunks).toString("utf8").replace(/\u0000/g, "");
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) done({ ok: true, statusCode: status, latencyMs: elapsed(), error: null, excerpt });
            else if (status >= 300 && status < 400) done(fail(`Answered ${status} (a redirect, which is not followed: use the final URL).`, status, excerpt));
            else done(fail(`Answered ${status}.`, status, excerpt));
          });
        },
      );
      const timer = setTimeout(() => {
        request.destroy();
        done(fail(`No answer within ${timeoutMs / 1000} s.`));
      }, Math.max(0, deadline - performance.now()));
      request.on("error", (e: NodeJS.ErrnoException) => {
        // The receiver closed an idle kept-alive connection as this request went out on it: nothing was
        // answered, so sending it once more on a new connection cannot deliver it twice over a 2xx.
        if (!fresh && request.reusedSocket && (e.code === "ECONNRESET" || e.code === "EPIPE")) done("again");
        else done(fail(`Could not send: ${e.message}`));
      });
      request.end(req.body);
    });

  const first = await attempt(false);
  if (first !== "again") return first;
  const second = await attempt(true);
  return second === "again" ? fail("Could not send: the connection was reset.") : second;
};
