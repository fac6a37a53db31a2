// The webhook receiver of `npm run bench:destinations`, in its own process (a real receiver is not
// Tandem's cost: it must not share the benchmark's event loop). Answers 204 to every POST, counts the
// distinct message ids (events) or change ids (profile changes) received and the duplicates; prints `READY <url>`, answers "stats" over IPC.
import http from "node:http";
import type { AddressInfo } from "node:net";

const seen = new Set<string>();
let duplicates = 0;
let lastAt = 0;
const KEYS = [Buffer.from('"messageId":"'), Buffer.from('"changeId":"')];
const QUOTE = 0x22;

/** The ids in a body, found in its bytes (no decoding: this receiver's CPU is not Tandem's cost). */
function* idsIn(body: Buffer): Generator<string> {
  for (const key of KEYS)
    for (let at = body.indexOf(key); at >= 0; at = body.indexOf(key, at)) {
      const start = at + key.length;
      const end = body.indexOf(QUOTE, start);
      yield body.toString("latin1", start, end);
      at = end;
    }
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    for (const id of idsIn(Buffer.concat(chunks))) {
      if (seen.has(id)) duplicates++;
      seen.add(id);
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
