// Machine secrets (write keys, API tokens): random, high-entropy, shown once and stored as a
// SHA-256 digest. A slow hash adds nothing for 192-bit random secrets and would slow every request.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export interface NewSecret {
  /** The full secret, to show once. */
  value: string;
  /** What is stored. */
  hash: string;
  /** A recognisable, non-secret beginning for masked display, e.g. "tdm_wk_3fA9…". */
  prefix: string;
}

export function hashSecret(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** `kind` names what the secret is for, e.g. "wk" (write key) or "pat" (API token). */
export function generateSecret(kind: string, bytes = 24, random: (n: number) => Buffer = randomBytes): NewSecret {
  const value = `tdm_${kind}_${random(bytes).toString("base64url")}`;
  return { value, hash: hashSecret(value), prefix: value.slice(0, kind.length + 9) };
}

export function maskSecret(prefix: string): string {
  return `${prefix}…`;
}

export function secretMatches(value: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(value), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
