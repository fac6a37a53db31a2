// A child process that serves an embedded database directory and prints its URL — used by tests
// that kill the database process abruptly.
import { startEmbeddedServer } from "../lib/db/embedded-server";
import { migrate } from "../lib/db/migrate";

const dir = process.argv[2]!;
const server = await startEmbeddedServer({ dir });
await migrate(server.url);
process.stdout.write(`READY ${server.url}\n`);
process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
