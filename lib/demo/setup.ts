// Seeding as the CLIs run it: refuse or skip a non-empty database, draw progress on stderr, print a
// summary and write demo-credentials.json into the data directory. Shared by `npm run seed` and
// `npm start -- --demo` (scripts/start.ts).
import { dataDir } from "../env";
import { seedDemoDestination } from "../data/destination-demo";
import { resolveSeedOptions, todayUtc, type SeedOptionsInput } from "./cli-options";
import { readDemoCredentials, writeDemoCredentials, type DemoCredentials } from "./credentials";
import { isDatabaseEmpty, seedDemo, type SeedSummary } from "./load";
import { createProgressBar, formatDuration } from "./progress-bar";
import { createPrisma, setDb } from "../db/prisma";
import { createApiToken } from "../data/api-tokens";
import { TOKEN_SCOPES } from "../auth/api-tokens";
import { createForm } from "../data/forms";
import { DEMO_SETUP_ACTOR } from "../audit/actions";
import pg from "pg";
import { setPool } from "../db/pool";
import { suppressPerson } from "../data/privacy";

/**
 * What the demo adds through the product's own code paths (Settings → API tokens, Settings → Forms):
 * an admin API token with every scope and a "Request a demo" web form, each in the audit log; and
 * (Settings → Privacy) a visitor who wrote in asking never to be tracked, suppressed before any of
 * their data arrived.
 */
async function createDemoExtras(url: string): Promise<{ adminApiToken: NonNullable<DemoCredentials["adminApiToken"]>; demoFormId: string }> {
  const db = createPrisma(url, 1);
  setDb(db);
  try {
    const name = "Demo admin token";
    const { token, prefix } = await createApiToken({ name, scopes: [...TOKEN_SCOPES] }, DEMO_SETUP_ACTOR);
    const form = await createForm({ name: "Request a demo" }, DEMO_SETUP_ACTOR);
    await setPool(new pg.Pool({ connectionString: url, max: 1 }));
    await suppressPerson({ type: "email", value: "never-track-me@example.org" }, DEMO_SETUP_ACTOR);
    await seedDemoDestination(DEMO_SETUP_ACTOR);
    return { adminApiToken: { token, prefix, name }, demoFormId: form.id };
  } finally {
    await setPool(undefined);
    await db.$disconnect();
    setDb(undefined);
  }
}

export function formatSummary(s: SeedSummary): string {
  const width = Math.max(...Object.keys(s.counts).map((k) => k.length));
  const lines = Object.entries(s.counts).map(([table, n]) => `  ${table.padEnd(width)}  ${n.toLocaleString("en-US").padStart(11)}`);
  const from = new Date(s.window.startMs).toISOString().slice(0, 10);
  const to = new Date(s.window.endMs).toISOString().slice(0, 10);
  return [
    `Seeded ${s.options.profiles.toLocaleString("en-US")} ${s.options.profiles === 1 ? "person" : "people"} over ${s.options.days} day${s.options.days === 1 ? "" : "s"} (${from} → ${to}, seed ${s.options.seed}) in ${formatDuration(s.elapsedMs)} (${(s.elapsedMs / 1000).toFixed(1)} s):`,
    ...lines,
    `  ${"total".padEnd(width)}  ${s.rows.toLocaleString("en-US").padStart(11)}`,
  ].join("\n");
}

/** The demo sign-ins as printed at start: one line per role, then the password. */
export function formatDemoAccounts(c: DemoCredentials): string[] {
  const users = (c.users ?? []).filter((u) => u.email.split("@")[0] === u.role);
  if (users.length === 0) return [];
  const width = Math.max(...users.map((u) => u.email.length));
  return [
    "▸ Demo accounts:",
    ...users.map((u) => `    ${u.email.padEnd(width)}  ${u.role}`),
    `    password: ${users[0]!.password}`,
  ];
}

/**
 * Seeds the demo data set into `url` when the database is empty; returns null (and says so) when it
 * already has data, so restarting `npm run demo` keeps what is there.
 */
export async function runDemoSetup(url: string, input: SeedOptionsInput = {}, log: (line: string) => void = console.log): Promise<SeedSummary | null> {
  const resolved = resolveSeedOptions(input, todayUtc(new Date()));
  if (!resolved.ok) throw new Error(`Invalid demo options: ${resolved.error}`);
  if (!(await isDatabaseEmpty(url))) {
    log("▸ The database already has data; keeping it (demo data is only seeded into an empty database)");
    const existing = readDemoCredentials(dataDir());
    if (existing) formatDemoAccounts(existing).forEach((l) => log(l));
    return null;
  }
  log(`▸ Seeding demo data (${resolved.options.profiles.toLocaleString("en-US")} people, ${resolved.options.days} days, seed ${resolved.options.seed})`);
  const bar = createProgressBar();
  let summary: SeedSummary;
  try {
    summary = await seedDemo(url, resolved.options, (p) => bar.update(p));
  } finally {
    bar.finish();
  }
  log(formatSummary(summary));
  const file = writeDemoCredentials(dataDir(), { ...summary.credentials, ...(await createDemoExtras(url)) });
  formatDemoAccounts(summary.credentials).forEach((l) => log(l));
  log(`▸ Demo sign-ins, the Website write key, an admin API token and the demo form's id: ${file}`);
  return summary;
}
