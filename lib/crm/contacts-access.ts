// Who may create and edit contacts and companies, and who may set their owner. Pure rules shared
// by the server actions (which enforce them) and the pages (which hide what a role may not do).
// - admin edits everything and is the only role that may give a record to someone else;
// - sales and success edit the records they own; a record they create becomes theirs;
// - marketing and leadership read only.
import { can, type Role } from "../auth/permissions";

export interface Actor {
  id: string;
  role: Role;
}

export interface OwnedRecord {
  ownerId: string | null;
}

export function canCreateRecord(actor: Actor): boolean {
  return can(actor.role, "crm:write");
}

export function canEditRecord(actor: Actor, record: OwnedRecord): boolean {
  if (!can(actor.role, "crm:write")) return false;
  if (actor.role === "admin") return true;
  return record.ownerId !== null && record.ownerId === actor.id;
}

/** Whether the owner picker is offered at all (only admins reassign). */
export function canReassignOwner(actor: Actor): boolean {
  return actor.role === "admin";
}

export type OwnerDecision = { ok: true; ownerId: string | null } | { ok: false; message: string };

/**
 * The owner a record gets. `requested` is what the form sent (undefined: not sent). On create a
 * non-admin becomes the owner; on edit a non-admin keeps the current owner. Asking for anything
 * else is refused rather than silently ignored, so the form can say why.
 */
export function decideOwner(actor: Actor, requested: string | null | undefined, existing: OwnedRecord | null): OwnerDecision {
  if (actor.role === "admin") {
    if (requested !== undefined) return { ok: true, ownerId: requested };
    return { ok: true, ownerId: existing ? existing.ownerId : actor.id };
  }
  const keep = existing ? existing.ownerId : actor.id;
  if (requested === undefined || requested === keep) return { ok: true, ownerId: keep };
  return { ok: false, message: "Only an admin can give a record to another owner." };
}
