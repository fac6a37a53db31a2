// The lifecycle-events setting: stored, read back, reset; a damaged row means the defaults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { DEFAULT_LIFECYCLE } from "../analytics/lifecycle";
import { createUser } from "./users";
import { userActor } from "../audit/actions";
import { LIFECYCLE_KEY, lifecycleSettings, loadLifecycle, resetLifecycle, saveLifecycle } from "./lifecycle";

let t: TestDatabase;
let adminId = "";
const admin = () => userActor({ id: adminId, name: "Avery" }, null);
beforeAll(async () => {
  t = await createTestDatabase();
  adminId = (await createUser({ email: "a@x.test", name: "Avery", role: "admin", password: "a long password" })).id;
});
afterAll(() => t.close());

describe("the lifecycle setting", () => {
  it("is the defaults until saved, then what was saved, then the defaults again after a reset", async () => {
    expect(await loadLifecycle()).toMatchObject({ settings: DEFAULT_LIFECYCLE, isDefault: true });
    const custom = { signedUp: { event: "Account Created", revenue: false }, trialStarted: { event: null, revenue: true }, customer: { event: "Contract Signed", revenue: true } };
    await saveLifecycle(custom, admin());
    expect(await loadLifecycle()).toMatchObject({ settings: custom, isDefault: false, updatedBy: "Avery" });
    expect(await lifecycleSettings()).toEqual(custom);
    await resetLifecycle(admin());
    expect((await loadLifecycle()).isDefault).toBe(true);
  });

  it("refuses to save a stage with nothing to recognise it by", async () => {
    await expect(saveLifecycle({ ...DEFAULT_LIFECYCLE, customer: { event: null, revenue: false } }, admin())).rejects.toThrow();
  });

  it("reads a damaged row as the defaults", async () => {
    await t.db.setting.create({ data: { key: LIFECYCLE_KEY, value: { signedUp: "oops" } } });
    expect(await loadLifecycle()).toMatchObject({ settings: DEFAULT_LIFECYCLE, isDefault: true });
  });
});
