// Secrets a destination must read back (its signing secret, its header values) are encrypted at rest
// with AES-256-GCM under a key derived (HKDF-SHA256) from the app secret — NEXTAUTH_SECRET, or the one
// start.ts generates into the data directory. A database dump alone does not reveal them. Changing the
// app secret makes them unreadable: sending then fails with a message to rotate the secret and re-enter
// the headers. Pure given the app secret.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const INFO = "tandem destinations v1";

export function deriveKey(appSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", appSecret, "tandem", INFO, 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function encrypt(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return ["v1", iv.toString("base64url"), c.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export class DecryptError extends Error {}

export function decrypt(key: Buffer, sealed: string): string {
  const [v, iv, tag, body] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || body === undefined) throw new DecryptError("not a sealed destination secret");
  try {
    const d = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    d.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([d.update(Buffer.from(body, "base64url")), d.final()]).toString("utf8");
  } catch {
    throw new DecryptError(
      "A destination secret cannot be decrypted: the app secret (NEXTAUTH_SECRET or .data/auth-secret) changed since it was saved. Rotate the destination's signing secret and enter its header values again.",
    );
  }
}

/** A new signing secret: `whsec_` and 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}
