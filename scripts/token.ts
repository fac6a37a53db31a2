// npm run token -- <command> — API tokens from the shell (works beside a running Tandem).
//   create --name "Warehouse sync" --scopes profiles:read,export:read [--expires-days 90]
//   list
//   revoke <id or visible prefix>
// Minting and revoking are in the audit log with the actor "CLI" (Settings → Audit log).
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/db/target";
import { migrate } from "../lib/db/migrate";
import { createPrisma, setDb } from "../lib/db/prisma";
import { isTokenScope, TOKEN_SCOPES } from "../lib/auth/api-tokens";
import { createApiToken, listApiTokens, revokeApiToken } from "../lib/data/api-tokens";
import { CLI_ACTOR } from "../lib/audit/actions";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string" }, scopes: { type: "string" }, "expires-days": { type: "string" } },
});
const [command, target] = positionals;

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(2);
}

const database = await openDatabase();
const db = createPrisma(database.url, 2);
setDb(db);
try {
  await migrate(database.url);
  switch (command) {
    case "create": {
      const scopes = (values.scopes ?? "").split(",").map((s) => s.trim()).filter(Boolean);
      if (!values.name) fail("Give the token a --name.");
      if (scopes.length === 0 || !scopes.every(isTokenScope)) fail(`--scopes takes a comma-separated list of: ${TOKEN_SCOPES.join(", ")}`);
      const days = values["expires-days"] ? Number(values["expires-days"]) : undefined;
      if (days !== undefined && !(Number.isInteger(days) && days > 0)) fail("--expires-days must be a whole number of days.");
      const created = await createApiToken({ name: values.name, scopes, expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null }, CLI_ACTOR);
      console.log(`Created "${values.name}" (${scopes.join(", ")}). The token, shown only now:\n${created.token}`);
      break;
    }
    case "list":
      for (const t of await listApiTokens()) {
        console.log(`${t.id}  ${t.masked.padEnd(20)} ${t.name.padEnd(28)} ${t.scopes.join(",").padEnd(40)} ${t.revokedAt ? "revoked" : "active"}`);
      }
      break;
    case "revoke": {
      if (!target) fail("Give the token's id or its visible prefix (see `list`).");
      const n = await revokeApiToken(target, new Date(), CLI_ACTOR);
      if (n === 0) fail(`No active token matches ${target}.`);
      console.log(`Revoked ${n} token(s).`);
      break;
    }
    default:
      fail("Commands: create --name N --scopes a,b [--expires-days D] | list | revoke <id|prefix>");
  }
} finally {
  await db.$disconnect();
  await database.close();
}
