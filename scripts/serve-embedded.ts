// Serves one embedded database directory for a benchmark's parent process (lib/bench/fresh-db.ts):
// prints "READY <url>", stops on SIGTERM or when the parent goes away.
import { serveEmbedded } from "../lib/bench/fresh-db";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: serve-embedded.ts <data directory>");
  process.exit(2);
}
void serveEmbedded(dir);
