// Sign-in against a real database: passwords, disabled accounts, and rate limits whose counts live
// in the database (so every app instance shares them).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { createUser, updateUser } from "../data/users";
import { signInRules, signInWithPassword } from "./sign-in";

let t: TestDatabase;
const now = new Date("2026-06-01T12:00:00Z");
const later = (s: number) => new Date(now.getTime() + s * 1000);

beforeAll(async () => {
  t = await createTestDatabase();
  await createUser({ email: "Rep@Example.com", name: "Rep", role: "sales", password: "correct horse battery" });
  const off = await createUser({ email: "gone@example.com", name: "Gone", role: "sales", password: "correct horse battery" });
  await updateUser(off.id, { disabled: true });
  await createUser({ email: "limit@example.com", name: "Limit", role: "sales", password: "correct horse battery" });
});
afterAll(() => t.close());

describe("signInWithPassword", () => {
  it("accepts the right password, whatever the email's case and spaces", async () => {
    const r = await signInWithPassword({ email: "  rep@EXAMPLE.com ", password: "correct horse battery", ip: "10.0.0.1" }, now);
    expect(r).toMatchObject({ ok: true, user: { email: "rep@example.com", role: "sales" } });
    const row = await t.db.user.findUnique({ where: { email: "rep@example.com" } });
    expect(row?.lastSignInAt?.toISOString()).toBe(now.toISOString());
  });

  it.each([
    ["a wrong password", "rep@example.com", "nope"],
    ["an unknown email", "nobody@example.com", "correct horse battery"],
    ["a disabled account", "gone@example.com", "correct horse battery"],
  ])("rejects %s the same way", async (_name, email, password) => {
    expect(await signInWithPassword({ email, password, ip: "10.0.0.2" }, now)).toEqual({ ok: false, code: "invalid_credentials" });
  });

  it("limits attempts per email, even the right password once over, until the window passes", async () => {
    const { limit, windowMs } = signInRules().email;
    for (let i = 0; i < limit; i++) {
      const ip = `10.1.0.${i}`; // different IPs: only the email counter can trip
      expect((await signInWithPassword({ email: "limit@example.com", password: "wrong", ip }, later(i))).ok).toBe(false);
    }
    const blocked = await signInWithPassword({ email: "limit@example.com", password: "correct horse battery", ip: "10.1.1.1" }, later(limit));
    expect(blocked).toMatchObject({ ok: false, code: "rate_limited" });
    expect((blocked as { retryAfterSec: number }).retryAfterSec).toBeGreaterThan(0);
    const [row] = await t.db.$queryRaw<{ count: number }[]>`SELECT count FROM rate_limits WHERE key = 'signin:email:limit@example.com'`;
    expect(row!.count).toBe(limit + 1);
    const after = await signInWithPassword({ email: "limit@example.com", password: "correct horse battery", ip: "10.1.1.2" }, new Date(now.getTime() + windowMs + 1000));
    expect(after.ok).toBe(true);
  });

  it("limits attempts per IP across emails", async () => {
    const { limit } = signInRules().ip;
    const base = later(10_000);
    for (let i = 0; i < limit; i++) await signInWithPassword({ email: `probe${i}@example.com`, password: "x", ip: "192.0.2.9" }, base);
    const r = await signInWithPassword({ email: "rep@example.com", password: "correct horse battery", ip: "192.0.2.9" }, base);
    expect(r).toMatchObject({ ok: false, code: "rate_limited" });
  });

  it("counts concurrent attempts without losing any", async () => {
    const base = later(50_000);
    await Promise.all(Array.from({ length: 8 }, (_, i) => signInWithPassword({ email: "race@example.com", password: "x", ip: `198.51.100.${i}` }, base)));
    const [row] = await t.db.$queryRaw<{ count: number }[]>`SELECT count FROM rate_limits WHERE key = 'signin:email:race@example.com'`;
    expect(row!.count).toBe(8);
  });
});
