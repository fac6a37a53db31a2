// The wrapper every server action is built with: the shared guard's role check, zod parsing of the
// input, and a typed result instead of a thrown error (so forms can show the message). The action
// also gets who is acting for the audit log: the user and the request's peer address.
import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import { AuthError, authorize, type CurrentUser } from "./guard";
import type { Permission } from "./permissions";
import { describeZodError } from "../api/errors";
import { userActor, type AuditActor } from "../audit/actions";
import { peerAddress, UNKNOWN_PEER } from "../server/peer";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string> };

export class ActionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Marks a function as built by `action()`; the access test checks every server action has it. */
export const GUARDED = Symbol.for("tandem.guarded-action");

export type GuardedAction<I, T> = ((input: I) => Promise<ActionResult<T>>) & { [GUARDED]?: Permission };

/** The peer address of the request this action serves ("unknown" when called outside one, e.g. a test). */
async function requestPeer(): Promise<string> {
  let h: Headers;
  try {
    h = (await headers()) as unknown as Headers;
  } catch {
    return UNKNOWN_PEER;
  }
  return peerAddress(h);
}

export function action<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  run: (input: z.infer<S>, user: CurrentUser, actor: AuditActor) => Promise<T>,
): GuardedAction<z.input<S>, T> {
  const fn = async (raw: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const user = await authorize(permission);
      const parsed = schema.safeParse(raw instanceof FormData ? Object.fromEntries(raw) : raw);
      if (!parsed.success) {
        const { message, issues } = describeZodError(parsed.error);
        return { ok: false, code: "invalid_input", message, fieldErrors: Object.fromEntries(issues.map((i) => [i.path, i.message])) };
      }
      return { ok: true, data: await run(parsed.data, user, userActor(user, await requestPeer())) };
    } catch (err) {
      if (err instanceof AuthError) return { ok: false, code: err.code, message: err.message };
      if (err instanceof ActionError) return { ok: false, code: err.code, message: err.message, fieldErrors: err.fieldErrors };
      console.error("[action] unhandled error", err);
      return { ok: false, code: "internal_error", message: "Something went wrong on our side; the error was logged. Try again." };
    }
  };
  (fn as GuardedAction<z.input<S>, T>)[GUARDED] = permission;
  return fn as GuardedAction<z.input<S>, T>;
}
