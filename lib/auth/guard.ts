// The one server-side guard. Every page, server action and API route asks it who is signed in and
// whether their role allows the request. It reads role and disabled state from the database on
// every request, so disabling a user or changing a role takes effect immediately.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { authOptions } from "./options";
import { area, can, NO_SESSION_MESSAGE, type AreaKey, type Permission } from "./permissions";
import { getUser, type StaffUser } from "../data/users";

export type CurrentUser = StaffUser;

export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly code: "unauthenticated" | "forbidden",
    message: string,
  ) {
    super(message);
  }
}

/** The signed-in, enabled user for this request, or null. Cached for the request. */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await getUser(id);
  return user && !user.disabled ? user : null;
});

/** For API routes and server actions: the user, or an AuthError (401 / 403). */
export async function authorize(permission: Permission | "signed-in"): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw new AuthError(401, "unauthenticated", NO_SESSION_MESSAGE);
  if (permission !== "signed-in" && !can(user.role, permission)) {
    throw new AuthError(403, "forbidden", `Your role (${user.role}) does not have the ${permission} permission.`);
  }
  return user;
}

async function loginRedirect(): Promise<never> {
  const h = await headers();
  const path = h.get("x-tandem-path") ?? "/";
  redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
}

/** For pages: the user, or a redirect to sign-in, or the 403 page. */
export async function requirePage(permission: Permission | "signed-in"): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) return loginRedirect();
  if (permission !== "signed-in" && !can(user.role, permission)) forbidden();
  return user;
}

export function requireArea(key: AreaKey): Promise<CurrentUser> {
  return requirePage(area(key).permission);
}
