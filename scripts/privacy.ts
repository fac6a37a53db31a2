// npm run privacy -- <command> — deletion and suppression from the shell (works beside a running Tandem).
//   delete <type:value> [--contact keep|delete] [--no-suppress] [--dry-run]
//   suppress <type:value>
//   list                      the latest requests (hashes and counts, never identifiers)
// Every request is journaled and in the audit log with the actor "CLI" (Settings → Privacy, Audit log).
import { parseArgs } from "node:util";
import pg from "pg";
import { openDatabase } from "../lib/db/target";
import { migrate } from "../lib/db/migrate";
import { createPrisma, setDb } from "../lib/db/prisma";
import { setPool } from "../lib/db/pool";
import { CLI_ACTOR } from "../lib/audit/actions";
import { parsePrivacyIdentifier } from "../lib/privacy/identifier";
import { deletePerson, listPrivacyRequests, previewDeletion, suppressPerson, type PrivacyRequestView } from "../lib/data/privacy";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { contact: { type: "string", default: "keep" }, "no-suppress": { type: "boolean", default: false }, "dry-run": { type: "boolean", default: false } },
});
const [command, target] = positionals;

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(2);
}

function identifier() {
  if (!target) fail("Give the person's identifier as type:value, e.g. email:ann@example.com.");
  const parsed = parsePrivacyIdentifier(target);
  if (!parsed.ok) fail(parsed.message);
  return parsed.identifier;
}

const counts = (removed: Record<string, number>) =>
  Object.entries(removed)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ") || "nothing";

function report(r: PrivacyRequestView) {
  const what = r.kind === "deletion" ? `removed: ${counts(r.removed)}; ` : "";
  console.log(`${r.kind} ${r.id}: ${r.status.replace("_", " ")} — ${what}identifiers suppressed: ${r.suppressedIdentifiers}`);
  if (r.status === "failed") fail(r.error ?? "failed");
}

if (command !== "delete" && command !== "suppress" && command !== "list") fail("Commands: delete <type:value> [--contact keep|delete] [--no-suppress] [--dry-run] | suppress <type:value> | list");
const contact = values.contact;
if (contact !== "keep" && contact !== "delete") fail("--contact is keep (the default) or delete.");
const who = command === "list" ? null : identifier();

const database = await openDatabase();
const db = createPrisma(database.url, 2);
setDb(db);
await setPool(new pg.Pool({ connectionString: database.url, max: 2 }));
try {
  await migrate(database.url);
  if (command === "list") {
    for (const r of await listPrivacyRequests(50))
      console.log(`${r.requestedAt}  ${r.kind.padEnd(11)} ${r.status.padEnd(13)} ${r.identifierType.padEnd(12)} ${r.identifierHash.slice(0, 12)}…  ${r.requestedBy}  ${counts(r.removed)}`);
  } else if (command === "suppress") report(await suppressPerson(who!, CLI_ACTOR));
  else if (values["dry-run"]) {
    const removed = await previewDeletion(who!, contact);
    console.log(removed ? `Would remove: ${counts(removed)}` : "Nothing found for this identifier.");
  } else report(await deletePerson(who!, { contact, suppress: !values["no-suppress"] }, CLI_ACTOR));
} finally {
  await setPool(undefined);
  await db.$disconnect();
  await database.close();
}
