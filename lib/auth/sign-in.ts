// Email + password sign-in: rate limits (per email and per IP, counted in the database), the
// password check, and the disabled flag. next-auth's Credentials provider calls this.
import { env } from "../env";
import { verifyAgainstNothing, verifyPassword } from "./password";
import { clearRateLimit, forgiveRateLimit, hitRateLimit } from "../data/rate-limits";
import { findUserWithPassword, normaliseEmail, recordSignIn, type StaffUser } from "../data/users";

export type SignInResult =
  | { ok: true; user: StaffUser }
  | { ok: false; code: "invalid_credentials" | "rate_limited"; retryAfterSec?: number };

export function signInRules() {
  const e = env();
  const windowMs = e.TANDEM_SIGNIN_WINDOW_SECONDS * 1000;
  // An office behind one NAT shares an IP: allow it more attempts than a single account.
  return {
    email: { limit: e.TANDEM_SIGNIN_MAX_ATTEMPTS, windowMs },
    ip: { limit: e.TANDEM_SIGNIN_MAX_ATTEMPTS * 5, windowMs },
  };
}

export async function signInWithPassword(input: { email: string; password: string; ip: string }, now: Date): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const rules = signInRules();
  const emailKey = `signin:email:${email}`;
  const ipKey = `signin:ip:${input.ip}`;
  const [byEmail, byIp] = [await hitRateLimit(emailKey, rules.email, now), await hitRateLimit(ipKey, rules.ip, now)];
  if (!byEmail.allowed || !byIp.allowed) {
    return { ok: false, code: "rate_limited", retryAfterSec: Math.max(byEmail.retryAfterSec, byIp.retryAfterSec) };
  }
  const user = await findUserWithPassword(email);
  const valid = user ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstNothing(input.password);
  // A disabled account answers exactly like a wrong password: no hint that it exists.
  if (!user || !valid || user.disabled) return { ok: false, code: "invalid_credentials" };
  await clearRateLimit(emailKey);
  await forgiveRateLimit(ipKey);
  await recordSignIn(user.id, now);
  const { passwordHash: _omit, ...staff } = user;
  return { ok: true, user: staff };
}
