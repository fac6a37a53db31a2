import { describe, expect, it } from "vitest";
import { AREAS, PERMISSIONS, ROLES, areasFor, can, canEditSaved, homeFor, isRole, permissionsOf, type Permission, type Role } from "./permissions";

// The matrix as the issue states it, written out independently of PERMISSIONS.
const expected: Record<Role, Permission[]> = {
  admin: ["crm:read", "crm:write", "tickets:write", "customers:read", "analytics:read", "spend:write", "leadership:read", "metrics:manage", "sources:manage", "settings:manage", "data:export", "audit:read"],
  sales: ["crm:read", "crm:write", "customers:read"],
  success: ["crm:read", "crm:write", "tickets:write", "customers:read"],
  marketing: ["crm:read", "customers:read", "analytics:read", "spend:write", "leadership:read"],
  leadership: ["crm:read", "customers:read", "analytics:read", "leadership:read", "metrics:manage"],
};

describe("permission matrix", () => {
  it.each(ROLES)("%s has exactly its permissions", (role) => {
    expect(new Set(permissionsOf(role))).toEqual(new Set(expected[role]));
  });

  it("admin can do everything", () => {
    for (const p of Object.keys(PERMISSIONS) as Permission[]) expect(can("admin", p)).toBe(true);
  });

  it.each([
    ["sales", "leadership:read", false],
    ["marketing", "crm:write", false],
    ["leadership", "leadership:read", true],
    ["success", "tickets:write", true],
    ["sales", "tickets:write", false],
    ["marketing", "spend:write", true],
    ["marketing", "leadership:read", true],
    ["marketing", "metrics:manage", false],
    ["leadership", "metrics:manage", true],
    ["leadership", "spend:write", false],
    ["leadership", "settings:manage", false],
    ["leadership", "data:export", false],
    ["marketing", "data:export", false],
    ["leadership", "audit:read", false],
    ["marketing", "audit:read", false],
  ] as const)("%s → %s is %s", (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it.each([
    ["admin", ["contacts", "companies", "tickets", "tasks", "leads", "customers", "journeys", "funnels", "paths", "attribution", "audiences", "leadership", "sources", "settings", "audit"]],
    ["sales", ["contacts", "companies", "tickets", "tasks", "leads", "customers"]],
    ["success", ["contacts", "companies", "tickets", "tasks", "leads", "customers"]],
    ["marketing", ["contacts", "companies", "tickets", "customers", "journeys", "funnels", "paths", "attribution", "audiences", "leadership"]],
    ["leadership", ["contacts", "companies", "tickets", "customers", "journeys", "funnels", "paths", "attribution", "audiences", "leadership"]],
  ] as const)("%s sees navigation %j", (role, keys) => {
    expect(areasFor(role).map((a) => a.key)).toEqual(keys);
  });

  it("every area is reachable by admin and lands somewhere", () => {
    expect(AREAS.every((a) => can("admin", a.permission))).toBe(true);
    for (const r of ROLES) expect(homeFor(r)).toMatch(/^\//);
  });

  it.each([
    ["admin", true],
    ["sales", true],
    ["root", false],
    ["", false],
    [null, false],
    [3, false],
  ])("isRole(%j) is %s", (value, ok) => {
    expect(isRole(value)).toBe(ok);
  });
});

describe("saved analyses", () => {
  it.each([
    [{ id: "u1", role: "marketing" }, "u1", true],
    [{ id: "u2", role: "marketing" }, "u1", false],
    [{ id: "u2", role: "leadership" }, "u1", false],
    [{ id: "u9", role: "admin" }, "u1", true],
    [{ id: "u9", role: "admin" }, null, true],
    [{ id: "u1", role: "marketing" }, null, false],
  ] as const)("%j editing one by %s → %s", (user, authorId, allowed) => {
    expect(canEditSaved(user, authorId)).toBe(allowed);
  });
});
