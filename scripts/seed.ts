// npm run seed -- [--profiles N] [--days D] [--seed S] [--anchor YYYY-MM-DD]
// Fills an empty database (DATABASE_URL, else the embedded one in TANDEM_DATA_DIR) with the
// deterministic demo data set and writes demo-credentials.json to the data directory.
// Exit codes: 0 seeded, 1 refused (database not empty) or failed, 2 bad arguments.
import { dataDir } from "../lib/env";
import { openDatabase } from "../lib/db/target";
import { migrate } from "../lib/db/migrate";
import { parseSeedArgs, SEED_USAGE, todayUtc } from "../lib/demo/cli-options";
import { writeDemoCredentials } from "../lib/demo/credentials";
import { DatabaseNotEmptyError, isDatabaseEmpty, seedDemo } from "../lib/demo/load";
import { createProgressBar } from "../lib/demo/progress-bar";
import { formatSummary } from "../lib/demo/setup";

async function main(): Promise<number> {
  const args = parseSeedArgs(process.argv.slice(2), todayUtc(new Date()));
  if (!args.ok) {
    console.error(`✖ ${args.error}\n\n${SEED_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(SEED_USAGE);
    return 0;
  }
  const database = await openDatabase();
  try {
    await migrate(database.url);
    if (!(await isDatabaseEmpty(database.url))) throw new DatabaseNotEmptyError();
    const bar = createProgressBar();
    const summary = await seedDemo(database.url, args.options, (p) => bar.update(p)).finally(() => bar.finish());
    console.log(formatSummary(summary));
    const file = writeDemoCredentials(dataDir(), summary.credentials);
    console.log(`Demo sign-ins (password "${summary.credentials.password}") and the Website write key: ${file}`);
    return 0;
  } catch (err) {
    console.error(`✖ ${(err as Error).message}`);
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`✖ ${(err as Error).message ?? err}`);
    process.exitCode = 1;
  },
);
