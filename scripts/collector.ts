// The lean Tracking API collector (lib/ingest/collector.ts), started by scripts/start.ts on the
// public port in front of the Next.js server.   tsx scripts/collector.ts --port P --upstream U
import { parseArgs } from "node:util";
import { createCollectorServer } from "../lib/ingest/collector";

const { values } = parseArgs({ options: { port: { type: "string" }, upstream: { type: "string" } } });
const server = createCollectorServer({ upstreamPort: Number(values.upstream) });
server.listen(Number(values.port), () => console.log(`▸ Collector on :${values.port} (Tracking API), app behind it on :${values.upstream}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
