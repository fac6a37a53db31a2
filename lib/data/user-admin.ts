// Staff account management for the Settings area: the rules (lib/auth/user-admin.ts) applied to
// the database.
import { z } from "zod";
import { ROLES } from "../auth/permissions";
import { checkUserChange } from "../auth/user-admin";
import { countActiveAdmins, createUser, getUser, normaliseEmail, updateUser, type StaffUser } from "./users";
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

export async function addUser(input: z.infer<typeof newUserInput>): Promise<StaffUser> {
  const taken = await db().user.findUnique({ where: { email: normaliseEmail(input.email) }, select: { id: true } });
  if (taken) throw new UserAdminError("email_taken", `${input.email} already has an account.`);
  return createUser(input);
}

export async function changeUser(actorId: string, input: z.infer<typeof userChangeInput>): Promise<StaffUser> {
  const target = await getUser(input.id);
  if (!target) throw new UserAdminError("not_found", "That user no longer exists; reload the page.");
  const check = checkUserChange(actorId, target, input, await countActiveAdmins());
  if (!check.ok) throw new UserAdminError("not_allowed", check.message);
  return updateUser(input.id, { role: input.role, disabled: input.disabled });
}
