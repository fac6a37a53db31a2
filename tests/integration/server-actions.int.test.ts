// Finds every server action ("use server" modules under app/ and lib/) and checks, per role, that
// it is built with the guarded action() wrapper and refuses roles the matrix does not allow.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test-database";
import { createUser } from "../../lib/data/users";
import { GUARDED } from "../../lib/auth/actions";
import { can, ROLES, type Permission, type Role } from "../../lib/auth/permissions";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

function serverActionFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" ? [] : serverActionFiles(p);
    if (!/\.(ts|tsx)$/.test(d.name) || /\.test\.tsx?$/.test(d.name)) return [];
    return /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(fs.readFileSync(p, "utf8")) ? [p] : [];
  });
}

const files = [...serverActionFiles(path.resolve("app")), ...serverActionFiles(path.resolve("lib"))];
let t: TestDatabase;
const ids = {} as Record<Role, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  for (const role of ROLES) ids[role] = (await createUser({ email: `${role}@actions.test`, name: role, role, password: "a long password" })).id;
});
afterAll(() => t.close());

describe("server actions", () => {
  it("exist (the settings area has some)", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const rel = path.relative(process.cwd(), file);
    it(`${rel}: every export is guarded and refuses what the role may not do`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const exports = Object.entries(mod);
      expect(exports.length).toBeGreaterThan(0);
      for (const [name, fn] of exports) {
        expect(typeof fn, `${name} must be a function`).toBe("function");
        const permission = (fn as { [GUARDED]?: Permission })[GUARDED];
        expect(permission, `${rel} → ${name} must be built with action() from lib/auth/actions.ts`).toBeDefined();
        const call = fn as (input: unknown) => Promise<{ ok: boolean; code?: string }>;

        session.userId = null;
        expect(await call({}), `${name} signed out`).toMatchObject({ ok: false, code: "unauthenticated" });
        for (const role of ROLES) {
          session.userId = ids[role];
          // An empty input: allowed roles get past the guard and fail validation; others are refused.
          const res = await call({});
          if (can(role, permission!)) expect(res, `${name} as ${role}`).toMatchObject({ ok: false, code: "invalid_input" });
          else expect(res, `${name} as ${role}`).toMatchObject({ ok: false, code: "forbidden" });
        }
      }
    });
  }
});
