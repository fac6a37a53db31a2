// Staff users: the only module that reads or writes the users table. The audited changes an admin
// makes (add, role, disable, password) go through lib/data/user-admin.ts.
import type { Prisma } from "../generated/prisma/client";
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

export function getUser(id: string, client: Client = db()): Promise<StaffUser | null> {
  return client.user.findUnique({ where: { id }, select: publicFields });
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

type Client = Prisma.TransactionClient;

/** A user with an already hashed password (hash before a transaction: bcrypt is slow by design). */
export function insertUser(input: { email: string; name: string; role: Role; passwordHash: string }, client: Client = db()): Promise<StaffUser> {
  return client.user.create({
    data: { email: normaliseEmail(input.email), name: input.name.trim(), role: input.role, passwordHash: input.passwordHash },
    select: publicFields,
  });
}

/** Unaudited: for tests and fixtures. Admin changes use lib/data/user-admin.ts. */
export async function createUser(input: { email: string; name: string; role: Role; password: string }): Promise<StaffUser> {
  return insertUser({ ...input, passwordHash: await hashPassword(input.password) });
}

/** Unaudited: for tests and fixtures. Admin changes use lib/data/user-admin.ts. */
export function updateUser(id: string, patch: { name?: string; role?: Role; disabled?: boolean }, client: Client = db()): Promise<StaffUser> {
  return client.user.update({ where: { id }, data: patch, select: publicFields });
}

export function setUserPasswordHash(id: string, passwordHash: string, client: Client = db()) {
  return client.user.update({ where: { id }, data: { passwordHash }, select: { id: true } });
}

export function countActiveAdmins(client: Client = db()): Promise<number> {
  return client.user.count({ where: { role: "admin", disabled: false } });
}

export function findUserByEmail(email: string): Promise<StaffUser | null> {
  return db().user.findUnique({ where: { email: normaliseEmail(email) }, select: publicFields });
}
