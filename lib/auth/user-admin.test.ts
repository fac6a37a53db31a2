import { describe, expect, it } from "vitest";
import { checkUserChange } from "./user-admin";

const admin = { id: "a", role: "admin" as const, disabled: false };
const rep = { id: "r", role: "sales" as const, disabled: false };

describe("checkUserChange", () => {
  it.each([
    ["admin disables a rep", "a", rep, { disabled: true }, 1, true],
    ["admin changes a rep's role", "a", rep, { role: "success" as const }, 1, true],
    ["admin disables themselves", "a", admin, { disabled: true }, 3, false],
    ["admin demotes themselves", "a", admin, { role: "sales" as const }, 3, false],
    ["admin re-saves own admin role", "a", admin, { role: "admin" as const }, 1, true],
    ["demoting the last other admin", "z", admin, { role: "sales" as const }, 1, false],
    ["disabling the last other admin", "z", admin, { disabled: true }, 1, false],
    ["demoting one of two admins", "z", admin, { role: "sales" as const }, 2, true],
    ["re-enabling a disabled admin", "z", { ...admin, disabled: true }, { disabled: false }, 1, true],
  ])("%s", (_name, actor, target, change, admins, ok) => {
    expect(checkUserChange(actor, target, change, admins).ok).toBe(ok);
  });
});
