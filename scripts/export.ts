// npm run export -- events|profiles [options] — the raw export for large dumps, straight from the
// database (works beside a running Tandem), with a progress bar on stderr. The same filters, paging
// and files as GET /api/v1/events/export and /api/v1/profiles/export:
//   --from D --to D        events: by timestamp; profiles: by last change (ISO date or date-time, to excluded)
//   --source ID --event N  events only: one source, one track event name
//   --format ndjson|csv    default ndjson
//   --cursor C --limit N   continue after a previous export's cursor (printed at the end); stop after N rows
//   --out FILE             default: stdout when it is piped, else tandem-<kind>-<date>.<format> here
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "../lib/db/target";
import { migrate } from "../lib/db/migrate";
import { createPrisma, setDb } from "../lib/db/prisma";
import { describeZodError } from "../lib/api/errors";
import { eventsExportQuery, profilesExportQuery } from "../lib/api/raw-export";
import { countExport, exportPages, exportWindow, RawExportError } from "../lib/data/raw-export";
import { exportBody, rawExportFileName, type ExportRecord } from "../lib/export/raw";
import { formatExportProgress, type ExportProgress } from "../lib/export/progress";
import { createProgressLine, formatDuration } from "../lib/demo/progress-bar";

const USAGE = "Usage: npm run export -- events|profiles [--from D] [--to D] [--source ID] [--event NAME] [--format ndjson|csv] [--cursor C] [--limit N] [--out FILE]";

/** A refusal to print as it is (exit code 2), after the database is closed. */
class CliError extends Error {}

function fail(message: string): never {
  throw new CliError(message);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(["from", "to", "source", "event", "format", "cursor", "limit", "out"].map((o) => [o, { type: "string" as const }])),
  });
  const kind = positionals[0];
  if (kind !== "events" && kind !== "profiles") fail(USAGE);
  if (kind === "profiles" && (values.source || values.event)) fail("--source and --event filter events; profiles take --from and --to (when they last changed).");
  const { out: outPath, ...params } = values as Record<string, string | undefined>;
  const parsed = (kind === "events" ? eventsExportQuery : profilesExportQuery).safeParse(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)));
  if (!parsed.success) fail(`${describeZodError(parsed.error).message.replace(/(^|; )(\w+):/g, "$1--$2:")}\n${USAGE}`);
  const { format, cursor, limit, ...filters } = parsed.data as z.infer<typeof eventsExportQuery>;

  const database = await openDatabase();
  const db = createPrisma(database.url, 2);
  setDb(db);
  try {
    await migrate(database.url);
    const window = await exportWindow(kind, { filters, cursor, limit }).catch((err: unknown) => {
      if (err instanceof RawExportError) fail(err.message);
      throw err;
    });
    const total = await countExport(window);
    const file = outPath ?? (process.stdout.isTTY ? rawExportFileName(kind, format, new Date()) : null);
    const started = performance.now();
    const progress: ExportProgress = { rows: 0, total, elapsedMs: 0, done: false };
    const line = createProgressLine<ExportProgress>(formatExportProgress, (p) => p.done);
    line.update(progress);

    async function* counted(pages: AsyncIterable<ExportRecord[]>): AsyncGenerator<ExportRecord[]> {
      for await (const page of pages) {
        yield page;
        progress.rows += page.length;
        progress.elapsedMs = performance.now() - started;
        line.update(progress);
      }
    }

    const body = exportBody(kind, format, counted(exportPages(window)));
    await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), file ? fs.createWriteStream(file) : process.stdout);
    progress.elapsedMs = performance.now() - started;
    progress.done = true;
    line.update(progress);
    line.finish();
    console.error(
      `Exported ${progress.rows.toLocaleString("en-US")} ${kind} to ${file ?? "stdout"} in ${formatDuration(progress.elapsedMs)}.` +
        `${window.hasMore ? " More follow (--limit stopped it)." : ""} Continue after this export with --cursor ${window.nextCursor}`,
    );
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

try {
  await main();
} catch (err) {
  if (!(err instanceof CliError)) throw err;
  console.error(`✖ ${err.message}`);
  process.exitCode = 2;
}
