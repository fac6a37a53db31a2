// Saved funnels: shared with every reader, changed only by their author or an admin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { starterState } from "../analytics/funnel-builder";
import { createUser, type StaffUser } from "./users";
import { createSavedFunnel, deleteSavedFunnel, getSavedFunnel, listSavedFunnels, SavedFunnelError, updateSavedFunnel } from "./saved-funnels";

let t: TestDatabase;
const users = {} as Record<"author" | "other" | "admin", StaffUser>;
beforeAll(async () => {
  t = await createTestDatabase();
  users.author = await createUser({ email: "m@f.test", name: "Mia Marketer", role: "marketing", password: "a long password" });
  users.other = await createUser({ email: "l@f.test", name: "Leo Lead", role: "leadership", password: "a long password" });
  users.admin = await createUser({ email: "a@f.test", name: "Ada Admin", role: "admin", password: "a long password" });
});
afterAll(() => t.close());

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof SavedFunnelError ? e.code : e));

describe("saved funnels", () => {
  it("are listed for everyone with their author; only the author or an admin changes them", async () => {
    const f = await createSavedFunnel({ name: "Trial → paid", definition: starterState(null, null) }, users.author);
    expect((await listSavedFunnels()).map((x) => [x.name, x.authorName])).toEqual([["Trial → paid", "Mia Marketer"]]);
    const renamed = { name: "Renamed", definition: { ...starterState(null, null), order: "strict" as const } };
    expect(await refusal(updateSavedFunnel(f.id, renamed, users.other))).toBe("forbidden");
    expect(await refusal(deleteSavedFunnel(f.id, users.other))).toBe("forbidden");
    expect((await updateSavedFunnel(f.id, renamed, users.author)).definition?.order).toBe("strict");
    expect((await updateSavedFunnel(f.id, { ...renamed, name: "By admin" }, users.admin)).name).toBe("By admin");
    await deleteSavedFunnel(f.id, users.admin);
    expect(await getSavedFunnel(f.id)).toBeNull();
    expect(await refusal(deleteSavedFunnel(f.id, users.author))).toBe("not_found");
  });

  it("keep a definition that no longer validates visible as broken, not as an error", async () => {
    const f = await createSavedFunnel({ name: "Old", definition: starterState(null, null) }, users.author);
    await t.db.$executeRawUnsafe(`UPDATE saved_funnels SET definition = '{"steps": []}' WHERE id = $1`, f.id);
    expect((await getSavedFunnel(f.id))?.definition).toBeNull();
  });
});
