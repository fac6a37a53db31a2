// The key destination secrets are sealed with, derived from the app secret (lib/destinations/crypto.ts).
import { dataDir, env } from "../env";
import { resolveAuthSecret } from "../server/auth-secret";
import { deriveKey } from "./crypto";

let cached: Buffer | undefined;

export function destinationsKey(): Buffer {
  cached ??= deriveKey(resolveAuthSecret(env().NEXTAUTH_SECRET, dataDir()));
  return cached;
}
