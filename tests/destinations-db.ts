// The destinations' integration suites' setting: a fresh database that may send to loopback (the
// local receivers of tests/webhook-sink.ts) with an app secret to seal signing secrets, one server
// source to send through, and receivers closed after each test.
import { createTestDatabase, type TestDatabase } from "./test-database";
import { startSink, type Sink, type SinkMode } from "./webhook-sink";
import { createSource } from "../lib/data/sources";
import { resetEnv } from "../lib/env";

export async function destinationsDatabase(sourceName: string): Promise<{ t: TestDatabase; writeKey: string; sourceId: string }> {
  process.env.TANDEM_DESTINATIONS_ALLOW_PRIVATE = "1";
  process.env.NEXTAUTH_SECRET ??= "test-secret-for-destinations-0123456789";
  resetEnv();
  const t = await createTestDatabase();
  const s = await createSource({ name: sourceName, kind: "server" });
  return { t, writeKey: s.writeKey, sourceId: s.id };
}

/** Receivers started by a suite: `sink()` starts one, `closeAll()` (afterEach) closes them. */
export function sinkPool() {
  const open: Sink[] = [];
  return {
    async sink(mode: SinkMode = "ok"): Promise<Sink> {
      const s = await startSink(mode);
      open.push(s);
      return s;
    },
    closeAll: () => Promise.all(open.splice(0).map((s) => s.close())),
  };
}
