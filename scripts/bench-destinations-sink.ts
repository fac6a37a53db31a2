// The webhook receiver of `npm run bench:destinations`, in its own process (a real receiver is not
// Tandem's cost: it must not share the benchmark's event loop). Answers 204 to every POST, counts the
// distinct message ids (events) or change ids (profile changes) received and the duplicates; prints `READY <url>`, answers "stats" over IPC.
import http from "node:http";
import type { AddressInfo } from "node:net";

const seen = new Set<string>();
let duplicates = 0;
let lastAt = 0;
const ID = /"(?:messageId|changeId)":"([^"]+)"/g;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    for (const m of Buffer.concat(chunks).toString("utf8").matchAll(ID)) {
      if (seen.has(m[1]!)) duplicates++;
      seen.add(m[1]!);
    }
    lastAt = Date.now();
    res.writeHead(204).end();
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
});
process.on("message", (msg) => {
  if (msg === "stats") process.send!({ unique: seen.size, duplicates, lastAt });
});
process.on("disconnect", () => process.exit(0));
