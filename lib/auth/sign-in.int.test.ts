// Sign-in against a real database: passwords, disabled accounts, and rate limits whose counts live
// in the database (so every app instance shares them).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { createUser, updateUser } from "../data/users";
import { signInRules, signInWithPassword } from "./sign-in";
import { authOptions } from "./options";
import { resetEnv } from "../env";
import { PEER_HEADER } from "../server/peer";

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

describe("sign-in through next-auth's Credentials provider", () => {
  type Authorize = (raw: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
  const authorize = () => (authOptions().providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
  const attempt = (email: string, headers: Record<string, string>) =>
    authorize()({ email, password: "wrong" }, { headers }).then(
      () => "signed in",
      (err: Error) => err.message,
    );
  const ipCount = async (ip: string) => (await t.db.$queryRaw<{ count: number }[]>`SELECT count FROM rate_limits WHERE key = ${`signin:ip:${ip}`}`)[0]?.count ?? 0;

  function withEnv(vars: Record<string, string>, run: () => Promise<void>) {
    return async () => {
      for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
      resetEnv();
      try {
        await run();
      } finally {
        vi.unstubAllEnvs();
        resetEnv();
      }
    };
  }

  it(
    "limits attempts per peer address: a new forged X-Forwarded-For per attempt does not dodge it",
    withEnv({ TANDEM_COLLECTOR_IN_FRONT: "1", TANDEM_SIGNIN_MAX_ATTEMPTS: "2" }, async () => {
      const { limit } = signInRules().ip;
      const peer = "203.0.113.50";
      for (let i = 0; i < limit; i++) {
        expect(await attempt(`spoof${i}@example.com`, { [PEER_HEADER]: peer, "x-forwarded-for": `100.64.7.${i}`, "x-real-ip": `100.64.7.${i}` })).toBe("invalid_credentials");
      }
      expect(await attempt("spoof-last@example.com", { [PEER_HEADER]: peer, "x-forwarded-for": "100.64.7.250" })).toBe("rate_limited");
      expect(await ipCount(peer)).toBe(limit + 1);
      const forged = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM rate_limits WHERE key LIKE 'signin:ip:100.64.7.%'`;
      expect(forged[0]!.n).toBe(0);
    }),
  );

  it(
    "ignores x-tandem-peer when no collector is in front (next dev): the client could have written it",
    withEnv({ TANDEM_COLLECTOR_IN_FRONT: "0" }, async () => {
      expect(await attempt("devprobe@example.com", { [PEER_HEADER]: "203.0.113.51" })).toBe("invalid_credentials");
      expect(await ipCount("203.0.113.51")).toBe(0);
      expect(await ipCount("unknown")).toBe(1);
    }),
  );
});
