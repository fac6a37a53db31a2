// First-party cookies: parse document.cookie, serialise a Set-Cookie-style assignment, and read ids
// the way Segment's analytics.js stores them (classic stores JSON strings such as "%22abc%22").

export const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** name → decoded value. The first occurrence wins (the browser lists the most specific path first). */
export function parseCookies(header: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // Not percent-encoded by us: keep it as it is.
    }
    out[name] = value;
  }
  return out;
}

export interface CookieOptions {
  /** Seconds until expiry; 0 deletes the cookie. */
  maxAge: number;
  /** The current time, for the Expires attribute that old browsers read instead of Max-Age. */
  nowMs: number;
  secure: boolean;
  domain?: string;
}

export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", `Max-Age=${o.maxAge}`, `Expires=${new Date(o.maxAge > 0 ? o.nowMs + o.maxAge * 1000 : 0).toUTCString()}`];
  if (o.domain) parts.push(`Domain=${o.domain}`);
  parts.push("SameSite=Lax");
  if (o.secure) parts.push("Secure");
  return parts.join("; ");
}

/**
 * An id as stored by us or by analytics.js (a bare string, or a JSON-encoded one), or undefined when
 * empty or unreadable.
 */
export function decodeStoredId(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  let v = raw.trim();
  if (v[0] === '"') {
    try {
      const parsed: unknown = JSON.parse(v);
      v = typeof parsed === "string" ? parsed.trim() : "";
    } catch {
      v = "";
    }
  }
  return v && v !== "null" && v !== "undefined" ? v : undefined;
}
