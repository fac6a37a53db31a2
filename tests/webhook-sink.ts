// A local webhook receiver for the destinations' tests and benchmark: node:http on 127.0.0.1 that
// answers as told (2xx, a failure, a redirect, or never) and keeps every request it got.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type SinkMode = "ok" | "fail" | "hang" | "redirect" | "binary";

export interface SinkRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** What the sink answered (null: it never did). */
  status: number | null;
}

export interface Sink {
  url: string;
  mode: SinkMode;
  requests: SinkRequest[];
  /** Message ids of the requests answered 2xx (in order, duplicates kept). */
  acknowledged(): string[];
  close(): Promise<void>;
}

export async function startSink(mode: SinkMode = "ok", opts: { record?: boolean } = {}): Promise<Sink> {
  const hanging = new Set<http.ServerResponse>();
  const sink: Sink = {
    url: "",
    mode,
    requests: [],
    acknowledged: () =>
      sink.requests
        .filter((r) => r.status !== null && r.status >= 200 && r.status < 300)
        .flatMap((r) => (JSON.parse(r.body) as { batch: { messageId: string }[] }).batch.map((e) => e.messageId)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry: SinkRequest = { headers: req.headers, body: opts.record === false ? "" : Buffer.concat(chunks).toString("utf8"), status: null };
      if (opts.record !== false) sink.requests.push(entry);
      switch (sink.mode) {
        case "ok":
          entry.status = 200;
          res.writeHead(200, { "content-type": "text/plain" }).end("ok " + "x".repeat(3000));
          break;
        case "fail":
          entry.status = 503;
          res.writeHead(503).end("down for maintenance");
          break;
        case "redirect":
          entry.status = 302;
          res.writeHead(302, { location: "http://169.254.169.254/" }).end();
          break;
        case "binary":
          entry.status = 500;
          res.writeHead(500, { "content-type": "application/octet-stream" }).end(Buffer.from([0x6f, 0x6b, 0x00, 0xff, 0xfe, 0x21]));
          break;
        case "hang":
          hanging.add(res);
          break;
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return sink;
}
