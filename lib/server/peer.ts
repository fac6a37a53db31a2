// The address a request came from, as Tandem's own collector saw it on the TCP connection — never a
// header the client wrote. In production the Next.js server listens on loopback only, behind the
// collector (scripts/start.ts), which sets `x-tandem-peer` to the connection's remote address on every
// request it forwards, replacing whatever a client sent under that name. The start script tells the
// app so (TANDEM_COLLECTOR_IN_FRONT=1); without it (`next dev`, or `next start` run by hand, reachable
// directly) the header could come from anyone, so it is ignored and the answer is "unknown".
// X-Forwarded-For is still forwarded for compatibility, but nothing here trusts it.
import { env } from "../env";

export const PEER_HEADER = "x-tandem-peer";
export const UNKNOWN_PEER = "unknown";

/** Headers as the Fetch API, Next.js or next-auth (a plain object with lower-case names) give them. */
export type HeaderSource = { get(name: string): string | null } | Record<string, unknown> | null | undefined;

/** IPv4, IPv6 (with an optional zone) or a Unix-socket-ish name: what Node reports as remoteAddress. */
const ADDRESS = /^[0-9A-Za-z.:%_-]{1,64}$/;

/** The collector's value normalised: "::ffff:203.0.113.7" (an IPv4 client on a dual-stack socket) → "203.0.113.7". */
export function normalisePeer(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value || !ADDRESS.test(value)) return null;
  return value.replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i, "$1");
}

function headerValue(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(name: string): string | null }).get(name);
  const raw = (headers as Record<string, unknown>)[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return typeof first === "string" ? first : null;
}

/** The peer address of the request whose headers these are, or "unknown". */
export function peerAddress(headers: HeaderSource, trusted: boolean = env().TANDEM_COLLECTOR_IN_FRONT): string {
  if (!trusted) return UNKNOWN_PEER;
  return normalisePeer(headerValue(headers, PEER_HEADER)) ?? UNKNOWN_PEER;
}
