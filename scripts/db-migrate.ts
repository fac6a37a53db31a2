// npm run db:migrate — applies pending migrations to the configured database (embedded or DATABASE_URL).
import { openDatabase } from "../lib/db/target";
import { migrate } from "../lib/db/migrate";

const database = await openDatabase();
try {
  const { applied, alreadyApplied } = await migrate(database.url);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : `Up to date (${alreadyApplied} migration(s) applied earlier).`);
} catch (err) {
  console.error(`✖ ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
