// The X-Tandem-Signature header: `t=<unix seconds>, v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, with a
// second v1= during a secret rotation (old and new secrets both sign until the old one expires), and
// its verification as a receiver would do it. Pure.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Tandem-Signature";

/** The HMAC of "<t>.<raw body>"; the body as text or as its UTF-8 bytes (the same signature). */
export function signatureOf(secret: string, t: number, body: string | Uint8Array): string {
  return createHmac("sha256", secret).update(`${t}.`).update(body).digest("hex");
}

/** The header value, signed with each secret (the current one first). */
export function signatureHeader(secrets: readonly string[], now: Date, body: string | Uint8Array): string {
  const t = Math.floor(now.getTime() / 1000);
  return [`t=${t}`, ...secrets.map((s) => `v1=${signatureOf(s, t, body)}`)].join(", ");
}

export type VerifyResult = { ok: true } | { ok: false; reason: "malformed" | "expired" | "mismatch" };

/** Checks a received header against one secret: some v1 matches and t is within `toleranceSeconds`. */
export function verifySignature(header: string, secret: string, body: string | Uint8Array, now: Date, toleranceSeconds = 300): VerifyResult {
  let t: number | null = null;
  const sigs: string[] = [];
  for (const part of header.split(",")) {
    const [k, v] = part.trim().split("=", 2);
    if (k === "t" && v && /^\d+$/.test(v)) t = Number(v);
    else if (k === "v1" && v && /^[0-9a-f]{64}$/.test(v)) sigs.push(v);
  }
  if (t === null || sigs.length === 0) return { ok: false, reason: "malformed" };
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return { ok: false, reason: "expired" };
  const expected = Buffer.from(signatureOf(secret, t, body), "hex");
  return sigs.some((s) => timingSafeEqual(Buffer.from(s, "hex"), expected)) ? { ok: true } : { ok: false, reason: "mismatch" };
}
