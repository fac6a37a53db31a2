// The Customer 360 stream's opaque cursor: the last item's (at, side, key), base64url JSON. Server-only
// (Buffer), apart from the shapes client components import.
import type { StreamPosition } from "./stream";

export function encodeStreamCursor(p: StreamPosition): string {
  return Buffer.from(JSON.stringify([p.at, p.side, p.key]), "utf8").toString("base64url");
}

/** The position, or null when the text is not a cursor encodeStreamCursor made. */
export function decodeStreamCursor(raw: string): StreamPosition | null {
  try {
    const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(v) || v.length !== 3) return null;
    const [at, side, key] = v as unknown[];
    if (typeof at !== "string" || typeof key !== "string" || !key || key.length > 200) return null;
    if (side !== "crm" && side !== "cdp") return null;
    if (side === "cdp" && !/^\d{1,19}$/.test(key)) return null;
    const d = new Date(at);
    if (Number.isNaN(d.getTime())) return null;
    return { at: d.toISOString(), side, key };
  } catch {
    return null;
  }
}
