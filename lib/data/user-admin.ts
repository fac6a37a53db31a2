// Staff account management for the Settings area and `npm run user`: the rules
// (lib/auth/user-admin.ts) applied to the database, each change audited in its own transaction.
import { z } from "zod";
import { ROLES } from "../auth/permissions";
import { checkUserChange } from "../auth/user-admin";
import { hashPassword } from "../auth/password";
import type { AuditActor, AuditTarget } from "../audit/actions";
import { countActiveAdmins, getUser, insertUser, normaliseEmail, setUserPasswordHash, updateUser, type StaffUser } from "./users";
import { recordAudit } from "./audit";
import { prismaSql } from "./sql";
import { db } from "../db/prisma";

export const newUserInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  name: z.string().trim().min(1, "Enter a name").max(120),
  role: z.enum(ROLES),
  password: z.string().min(10, "Use at least 10 characters").max(200),
});

export const userChangeInput = z
  .object({
    id: z.string().min(1),
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => v.role !== undefined || v.disabled !== undefined, "Nothing to change");

export class UserAdminError extends Error {
  constructor(
    readonly code: "not_found" | "not_allowed" | "email_taken",
    message: string,
  ) {
    super(message);
  }
}

const targetOf = (u: StaffUser): AuditTarget => ({ type: "user", id: u.id, label: u.email });

export async function addUser(input: z.infer<typeof newUserInput>, actor: AuditActor): Promise<StaffUser> {
  const taken = await db().user.findUnique({ where: { email: normaliseEmail(input.email) }, select: { id: true } });
  if (taken) throw new UserAdminError("email_taken", `${input.email} already has an account.`);
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const user = await insertUser({ email: input.email, name: input.name, role: input.role, passwordHash }, tx);
    await recordAudit(prismaSql(tx), actor, { action: "user.created", target: targetOf(user), details: { name: user.name, role: user.role } });
    return user;
  });
}

/**
 * Changes a user's role and/or disabled flag under the rules (no self-lockout, someone stays admin).
 * Each attribute that really changes is one audit entry (a role change and a disable are two facts).
 */
export async function changeUser(actor: AuditActor, input: z.infer<typeof userChangeInput>): Promise<StaffUser> {
  return db().$transaction(async (tx) => {
    const target = await getUser(input.id, tx);
    if (!target) throw new UserAdminError("not_found", "That user no longer exists; reload the page.");
    const check = checkUserChange(actor.userId ?? "", target, input, await countActiveAdmins(tx));
    if (!check.ok) throw new UserAdminError("not_allowed", check.message);
    const user = await updateUser(input.id, { role: input.role, disabled: input.disabled }, tx);
    const sql = prismaSql(tx);
    if (user.role !== target.role) {
      await recordAudit(sql, actor, { action: "user.role_changed", target: targetOf(user), details: { role: { from: target.role, to: user.role } } });
    }
    if (user.disabled !== target.disabled) {
      await recordAudit(sql, actor, { action: user.disabled ? "user.disabled" : "user.enabled", target: targetOf(user) });
    }
    return user;
  });
}

/** Replaces a user's password (`npm run user -- password`); the password is never logged. */
export async function changePassword(id: string, password: string, actor: AuditActor): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const user = await getUser(id, tx);
    if (!user) throw new UserAdminError("not_found", "That user no longer exists.");
    await setUserPasswordHash(id, passwordHash, tx);
    await recordAudit(prismaSql(tx), actor, { action: "user.password_changed", target: targetOf(user) });
  });
}
