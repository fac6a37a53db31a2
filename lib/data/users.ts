// Staff users: the only module that reads or writes the users table.
import { db } from "../db/prisma";
import { hashPassword } from "../auth/password";
import type { Role } from "../auth/permissions";

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
}

const publicFields = { id: true, email: true, name: true, role: true, disabled: true } as const;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** For sign-in only: the one read that includes the password hash. */
export function findUserWithPassword(email: string) {
  return db().user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { ...publicFields, passwordHash: true },
  });
}

export function getUser(id: string): Promise<StaffUser | null> {
  return db().user.findUnique({ where: { id }, select: publicFields });
}

export function recordSignIn(id: string, at: Date) {
  return db().user.update({ where: { id }, data: { lastSignInAt: at }, select: { id: true } });
}

export function listUsers() {
  return db().user.findMany({
    select: { ...publicFields, lastSignInAt: true, createdAt: true },
    orderBy: [{ disabled: "asc" }, { role: "asc" }, { email: "asc" }],
  });
}

export async function createUser(input: { email: string; name: string; role: Role; password: string }): Promise<StaffUser> {
  return db().user.create({
    data: {
      email: normaliseEmail(input.email),
      name: input.name.trim(),
      role: input.role,
      passwordHash: await hashPassword(input.password),
    },
    select: publicFields,
  });
}

export function updateUser(id: string, patch: { name?: string; role?: Role; disabled?: boolean }): Promise<StaffUser> {
  return db().user.update({ where: { id }, data: patch, select: publicFields });
}

export async function setUserPassword(id: string, password: string): Promise<void> {
  await db().user.update({ where: { id }, data: { passwordHash: await hashPassword(password) } });
}

export function countActiveAdmins(): Promise<number> {
  return db().user.count({ where: { role: "admin", disabled: false } });
}
