// Rules for changing staff accounts (pure): an admin cannot lock themselves out, and the last
// active admin cannot be demoted or disabled — someone must always be able to manage Tandem.
import type { Role } from "./permissions";

export interface UserChange {
  role?: Role;
  disabled?: boolean;
}

export type ChangeCheck = { ok: true } | { ok: false; message: string };

export function checkUserChange(
  actorId: string,
  target: { id: string; role: Role; disabled: boolean },
  change: UserChange,
  activeAdmins: number,
): ChangeCheck {
  const self = actorId === target.id;
  if (self && change.disabled) return { ok: false, message: "You cannot disable your own account; ask another admin." };
  if (self && change.role && change.role !== "admin") {
    return { ok: false, message: "You cannot remove your own admin role; ask another admin." };
  }
  const losesAdmin = target.role === "admin" && !target.disabled && ((change.role && change.role !== "admin") || change.disabled);
  if (losesAdmin && activeAdmins <= 1) {
    return { ok: false, message: "This is the last active admin; make someone else an admin first." };
  }
  return { ok: true };
}
