// The only reader of process.env: every setting Tandem understands, validated once with zod.
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** A real PostgreSQL server (postgres://…). Unset: the embedded PGlite database under TANDEM_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  /** Where the embedded database and demo credentials live. */
  TANDEM_DATA_DIR: z.string().default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The public base URL of the app (redirects, SDK snippets). Defaults to http://localhost:$PORT. */
  TANDEM_PUBLIC_URL: z.string().url().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
  TANDEM_DEMO_PASSWORD: z.string().min(8).default("tandem-demo"),
  /** Sign-in attempts allowed per email and per IP within the window. */
  TANDEM_SIGNIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  TANDEM_SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Set by scripts/start.ts for the Next.js server it runs on loopback behind the collector: only then
   *  is the collector's `x-tandem-peer` header the client's address (lib/server/peer.ts). */
  TANDEM_COLLECTOR_IN_FRONT: z.stringbool().default(false),
  /** `npm run collector`: the port the collector alone listens on, and how many processes share it. */
  TANDEM_COLLECTOR_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  TANDEM_COLLECTOR_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /** For `npm run bench:ingest` only: `previous` runs the ingest path as it was before issue 13 (zod
   *  validation alone; on PostgreSQL, identity resolution under one lock) to compare in one run. */
  TANDEM_INGEST_PATH: z.enum(["current", "previous"]).default("current"),
  /** Connections in the app's pool. */
  TANDEM_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8),
  /** PostgreSQL: the statement timeout of one analytics query (funnels, paths, attribution, audiences, metrics). */
  TANDEM_ANALYTICS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Embedded database: the most events an analytics query may range over (it has no statement timeout
   *  and runs one transaction at a time, so a bigger report would hold up ingest). */
  TANDEM_ANALYTICS_MAX_EVENTS: z.coerce.number().int().min(1).default(2_000_000),
  /** Destinations (webhooks) may reach loopback, private and link-local addresses (tests, a receiver on
   *  the same network). Cloud metadata addresses stay refused. */
  TANDEM_DESTINATIONS_ALLOW_PRIVATE: z.stringbool().default(false),
  /** Run the destinations dispatcher in `npm start` (off: deliveries wait in the outbox). */
  TANDEM_DESTINATIONS_DISPATCHER: z.stringbool().default(true),
  /** A real PostgreSQL server for the integration suite's second pass. */
  TEST_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//).optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  // An empty variable means "not set" (e.g. `DATABASE_URL= npm start` to use the embedded database).
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Forget the cached settings (tests and CLIs that change the environment). */
export function resetEnv(): void {
  cached = undefined;
}

export function dataDir(): string {
  return path.resolve(env().TANDEM_DATA_DIR);
}

export function publicUrl(): string {
  const e = env();
  return (e.TANDEM_PUBLIC_URL ?? e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}
