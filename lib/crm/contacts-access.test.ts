import { describe, expect, it } from "vitest";
import type { Role } from "../auth/permissions";
import { canCreateRecord, canEditRecord, canReassignOwner, decideOwner } from "./contacts-access";

const me = "me";
const other = "other";
const actor = (role: Role) => ({ id: me, role });

describe("who may create and edit", () => {
  const table: [Role, boolean, boolean, boolean, boolean, boolean][] = [
    // role, create, edit own, edit other's, edit unowned, reassign
    ["admin", true, true, true, true, true],
    ["sales", true, true, false, false, false],
    ["success", true, true, false, false, false],
    ["marketing", false, false, false, false, false],
    ["leadership", false, false, false, false, false],
  ];
  for (const [role, create, own, others, unowned, reassign] of table) {
    it(role, () => {
      expect(canCreateRecord(actor(role))).toBe(create);
      expect(canEditRecord(actor(role), { ownerId: me })).toBe(own);
      expect(canEditRecord(actor(role), { ownerId: other })).toBe(others);
      expect(canEditRecord(actor(role), { ownerId: null })).toBe(unowned);
      expect(canReassignOwner(actor(role))).toBe(reassign);
    });
  }
});

describe("decideOwner", () => {
  const cases: [string, Role, string | null | undefined, { ownerId: string | null } | null, ReturnType<typeof decideOwner>][] = [
    ["admin create, no owner sent → admin", "admin", undefined, null, { ok: true, ownerId: me }],
    ["admin create for someone", "admin", other, null, { ok: true, ownerId: other }],
    ["admin create unowned", "admin", null, null, { ok: true, ownerId: null }],
    ["admin edit keeps when not sent", "admin", undefined, { ownerId: other }, { ok: true, ownerId: other }],
    ["admin reassigns", "admin", me, { ownerId: other }, { ok: true, ownerId: me }],
    ["sales create → sales owns", "sales", undefined, null, { ok: true, ownerId: me }],
    ["success create → success owns", "success", undefined, null, { ok: true, ownerId: me }],
    ["sales create naming itself", "sales", me, null, { ok: true, ownerId: me }],
    ["sales create for someone else", "sales", other, null, { ok: false, message: expect.any(String) as string }],
    ["sales edit keeps owner", "sales", undefined, { ownerId: me }, { ok: true, ownerId: me }],
    ["sales edit gives away", "sales", other, { ownerId: me }, { ok: false, message: expect.any(String) as string }],
    ["sales edit clears owner", "sales", null, { ownerId: me }, { ok: false, message: expect.any(String) as string }],
  ];
  for (const [name, role, requested, existing, expected] of cases) {
    it(name, () => expect(decideOwner(actor(role), requested, existing)).toEqual(expected));
  }
});
