// Identity rules in the settings table: defaults without a row, save (upsert, exact JSON shape, who
// and when), reset, a damaged row falling back to defaults, the raw-SQL read ingest does, and the
// Settings server actions' validation errors.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { createUser } from "./users";
import { IDENTITY_RULES_KEY, loadIdentityRules, resetIdentityRules, rulesFromSetting, saveIdentityRules } from "./identity-rules";
import { DEFAULT_RULES, type IdentityRules } from "../identity/rules";
import { userActor } from "../audit/actions";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

let t: TestDatabase;
let adminId = "";
const admin = () => userActor({ id: adminId, name: "Ada Admin" }, null);
beforeAll(async () => {
  t = await createTestDatabase();
  adminId = (await createUser({ email: "ada@rules.test", name: "Ada Admin", role: "admin", password: "a long password" })).id;
});
afterAll(() => t.close());

const custom: IdentityRules = {
  limits: { user_id: 1, email: 3, phone: 5, anonymous_id: 500, crm_id: 1 },
  defaultLimit: 2,
  priority: ["user_id", "external_ids", "email", "phone", "anonymous_id"],
  blockedValues: ["", "test@example.com"],
  blockedPatterns: ["^[0-]*$", "@example\\.org$"],
};

describe("rulesFromSetting", () => {
  it("returns a stored value that passes the schema, and the defaults for anything else", () => {
    expect(rulesFromSetting(custom)).toEqual(custom);
    for (const bad of [null, undefined, "x", 42, [], {}, { ...custom, priority: ["email"] }, { ...custom, blockedPatterns: ["("] }, { ...custom, limits: { email: 0 } }]) {
      expect(rulesFromSetting(bad)).toEqual(DEFAULT_RULES);
    }
  });

  it("drops unknown keys and never hands out the shared defaults object", () => {
    expect(rulesFromSetting({ ...custom, extra: true })).toEqual(custom);
    const d = rulesFromSetting(null);
    d.blockedValues.push("mutated");
    d.limits.email = 99;
    expect(DEFAULT_RULES.blockedValues).not.toContain("mutated");
    expect(DEFAULT_RULES.limits.email).toBe(5);
  });
});

describe("loadIdentityRules / saveIdentityRules / resetIdentityRules", () => {
  it("gives the defaults when nothing is stored", async () => {
    expect(await loadIdentityRules()).toEqual({ rules: DEFAULT_RULES, isDefault: true, updatedAt: null, updatedBy: null });
  });

  it("saves (insert then update), stores exactly the IdentityRules JSON, and says who and when", async () => {
    const before = Date.now();
    await saveIdentityRules({ ...custom, extra: "dropped" } as IdentityRules, admin());
    const row = await t.db.setting.findUnique({ where: { key: IDENTITY_RULES_KEY } });
    expect(row?.value).toEqual(custom);
    expect(row?.updatedById).toBe(adminId);
    const loaded = await loadIdentityRules();
    expect(loaded).toMatchObject({ rules: custom, isDefault: false, updatedBy: "Ada Admin" });
    expect(loaded.updatedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const next = { ...custom, limits: { ...custom.limits, email: 4 } };
    await saveIdentityRules(next, admin());
    expect(await t.db.setting.count({ where: { key: IDENTITY_RULES_KEY } })).toBe(1);
    expect((await loadIdentityRules()).rules.limits.email).toBe(4);
  });

  it("is what ingest's raw read sees", async () => {
    const rows = await t.db.$queryRaw<{ value: unknown }[]>`SELECT value FROM settings WHERE key = 'identity_rules'`;
    expect(rulesFromSetting(rows[0]?.value).limits.email).toBe(4);
  });

  it("refuses invalid rules without touching the stored row", async () => {
    await expect(saveIdentityRules({ ...custom, blockedPatterns: ["[a-"] }, admin())).rejects.toThrow();
    expect((await loadIdentityRules()).rules.limits.email).toBe(4);
  });

  it("falls back to the defaults for a damaged row", async () => {
    await t.db.setting.update({ where: { key: IDENTITY_RULES_KEY }, data: { value: { limits: "oops" } } });
    expect(await loadIdentityRules()).toMatchObject({ rules: DEFAULT_RULES, isDefault: true, updatedBy: null });
  });

  it("reset deletes the row (and is harmless when there is none)", async () => {
    await saveIdentityRules(custom, admin());
    await resetIdentityRules(admin());
    expect(await t.db.setting.count({ where: { key: IDENTITY_RULES_KEY } })).toBe(0);
    await resetIdentityRules(admin());
    expect((await loadIdentityRules()).isDefault).toBe(true);
  });

  it("names nobody when the last editor was deleted", async () => {
    const gone = await createUser({ email: "gone@rules.test", name: "Gone", role: "admin", password: "a long password" });
    await saveIdentityRules(custom, userActor(gone, null));
    await t.db.user.delete({ where: { id: gone.id } });
    expect(await loadIdentityRules()).toMatchObject({ isDefault: false, updatedBy: null });
    await resetIdentityRules(admin());
  });
});

describe("Settings actions", () => {
  it("save with field errors from the schema, then saves; reset restores the defaults", async () => {
    const { saveIdentityRulesAction, resetIdentityRulesAction } = await import("../../app/(app)/settings/identity-actions");
    session.userId = adminId;
    const bad = await saveIdentityRulesAction({ ...custom, limits: { ...custom.limits, email: 0 }, blockedPatterns: ["ok", "(unclosed"] });
    expect(bad).toMatchObject({ ok: false, code: "invalid_input" });
    if (bad.ok) return;
    expect(bad.fieldErrors).toMatchObject({ "limits.email": "a limit must be at least 1", "blockedPatterns.1": "not a valid regular expression" });
    expect(await t.db.setting.count({ where: { key: IDENTITY_RULES_KEY } })).toBe(0);

    expect(await saveIdentityRulesAction(custom)).toMatchObject({ ok: true });
    expect((await loadIdentityRules()).rules).toEqual(custom);
    expect(await resetIdentityRulesAction({ confirm: true })).toMatchObject({ ok: true });
    expect((await loadIdentityRules()).isDefault).toBe(true);
    session.userId = null;
  });
});
