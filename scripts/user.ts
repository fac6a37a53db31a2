// npm run user -- <command> — manage staff accounts from the shell (works beside a running Tandem).
//   add <email> <role> [--name "Full Name"]   (password from TANDEM_NEW_PASSWORD or generated and printed)
//   role <email> <role>
//   disable <email> | enable <email>
//   password <email>                          (new password from TANDEM_NEW_PASSWORD or generated)
//   list
// Every change is in the audit log with the actor "CLI" (Settings → Audit log).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/db/target";
import { migrate } from "../lib/db/migrate";
import { createPrisma, setDb } from "../lib/db/prisma";
import { isRole, ROLES } from "../lib/auth/permissions";
import { findUserByEmail, listUsers } from "../lib/data/users";
import { addUser, changePassword, changeUser, UserAdminError } from "../lib/data/user-admin";
import { CLI_ACTOR } from "../lib/audit/actions";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: "string" } } });
const [command, email, role] = positionals;

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(2);
}

const newPassword = () => process.env.TANDEM_NEW_PASSWORD ?? randomBytes(12).toString("base64url");

const database = await openDatabase();
const db = createPrisma(database.url, 2);
setDb(db);
try {
  await migrate(database.url);
  const find = async () => {
    if (!email) fail("Give the user's email.");
    const u = await findUserByEmail(email);
    if (!u) fail(`No user with email ${email}.`);
    return u;
  };
  switch (command) {
    case "list":
      for (const u of await listUsers()) console.log(`${u.email.padEnd(36)} ${u.role.padEnd(11)} ${u.disabled ? "disabled" : "active"}`);
      break;
    case "add": {
      if (!email || !isRole(role)) fail(`Usage: add <email> <role>; roles: ${ROLES.join(", ")}`);
      const password = newPassword();
      const u = await addUser({ email: email.trim().toLowerCase(), role, name: values.name ?? email.split("@")[0]!, password }, CLI_ACTOR);
      console.log(`Added ${u.email} (${u.role}).${process.env.TANDEM_NEW_PASSWORD ? "" : ` Password: ${password}`}`);
      break;
    }
    case "role": {
      if (!isRole(role)) fail(`Roles: ${ROLES.join(", ")}`);
      const u = await find();
      await changeUser(CLI_ACTOR, { id: u.id, role });
      console.log(`${u.email} is now ${role}.`);
      break;
    }
    case "disable":
    case "enable": {
      const u = await find();
      await changeUser(CLI_ACTOR, { id: u.id, disabled: command === "disable" });
      console.log(`${u.email} is ${command}d.`);
      break;
    }
    case "password": {
      const u = await find();
      const password = newPassword();
      await changePassword(u.id, password, CLI_ACTOR);
      console.log(`Password of ${u.email} changed.${process.env.TANDEM_NEW_PASSWORD ? "" : ` New password: ${password}`}`);
      break;
    }
    default:
      fail("Commands: list | add <email> <role> [--name N] | role <email> <role> | disable <email> | enable <email> | password <email>");
  }
} catch (err) {
  if (!(err instanceof UserAdminError)) throw err;
  console.error(`✖ ${err.message}`);
  process.exitCode = 2;
} finally {
  await db.$disconnect();
  await database.close();
}
