// Builds the migrated embedded template once per run (reused while the migrations are unchanged);
// each suite then copies it, which is far faster than migrating a new PGlite database every time.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedServer } from "../lib/db/embedded-server";
import { migrate, readMigrations } from "../lib/db/migrate";
import { TEMPLATE_DIR } from "./test-database";

export default async function setup(): Promise<void> {
  const stamp = createHash("sha256")
    .update(readMigrations().map((m) => m.name + m.checksum).join("\n"))
    .digest("hex");
  const stampFile = path.join(path.dirname(TEMPLATE_DIR), "stamp");
  if (fs.existsSync(TEMPLATE_DIR) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) return;
  fs.rmSync(path.dirname(TEMPLATE_DIR), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(TEMPLATE_DIR), { recursive: true });
  const server = await startEmbeddedServer({ dir: TEMPLATE_DIR });
  try {
    await migrate(server.url);
  } finally {
    await server.stop();
  }
  fs.writeFileSync(stampFile, stamp);
  fs.rmSync(path.resolve(".tmp/test-db"), { recursive: true, force: true });
}
