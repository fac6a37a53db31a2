// The session-signing secret: NEXTAUTH_SECRET when set, otherwise one generated on first start and
// kept (mode 0600) in the data directory, so sessions survive restarts without any configuration.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function resolveAuthSecret(configured: string | undefined, dir: string): string {
  if (configured) return configured;
  const file = path.join(dir, "auth-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    /* first start */
  }
  fs.mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
