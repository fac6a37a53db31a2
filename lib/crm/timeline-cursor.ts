// The timeline's opaque keyset cursor: the last item's (occurredAt, key), base64url-encoded. Server-only
// use (Buffer), so it lives apart from the helpers client components import.
import type { TimelineCursor } from "./timeline";

/** An opaque cursor (base64url of the last item's position). */
export function encodeCursor(c: TimelineCursor): string {
  return Buffer.from(JSON.stringify([c.occurredAt, c.key]), "utf8").toString("base64url");
}

/** The cursor's position, or null when it was not made by encodeCursor. */
export function decodeCursor(raw: string): TimelineCursor | null {
  try {
    const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(v) || v.length !== 2) return null;
    const [at, key] = v as unknown[];
    if (typeof at !== "string" || typeof key !== "string" || !key) return null;
    const d = new Date(at);
    if (Number.isNaN(d.getTime())) return null;
    return { occurredAt: d.toISOString(), key };
  } catch {
    return null;
  }
}

