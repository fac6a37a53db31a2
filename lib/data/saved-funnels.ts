// Saved funnels: a name and the builder's state, shared with every analytics reader; edited or
// deleted only by their author or an admin (canEditSaved).
import "server-only";
import { db } from "../db/prisma";
import type { Prisma } from "../generated/prisma/client";
import { canEditSaved } from "../auth/permissions";
import { builderStateSchema, type BuilderState } from "../analytics/funnel-builder";
import type { StaffUser } from "./users";

export interface SavedFunnel {
  id: string;
  name: string;
  /** null when the stored state no longer validates (kept, shown as broken, still deletable). */
  definition: BuilderState | null;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export class SavedFunnelError extends Error {
  constructor(
    readonly code: "not_found" | "forbidden",
    message: string,
  ) {
    super(message);
  }
}

const select = { id: true, name: true, definition: true, authorId: true, createdAt: true, updatedAt: true, author: { select: { name: true } } } as const;
type Row = Prisma.SavedFunnelGetPayload<{ select: typeof select }>;

function toSaved(r: Row): SavedFunnel {
  const parsed = builderStateSchema.safeParse(r.definition);
  return { id: r.id, name: r.name, definition: parsed.success ? parsed.data : null, authorId: r.authorId, authorName: r.author?.name ?? null, createdAt: r.createdAt, updatedAt: r.updatedAt };
}

export async function listSavedFunnels(): Promise<SavedFunnel[]> {
  return (await db().savedFunnel.findMany({ select, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: 500 })).map(toSaved);
}

export async function getSavedFunnel(id: string): Promise<SavedFunnel | null> {
  const r = await db().savedFunnel.findUnique({ where: { id }, select });
  return r ? toSaved(r) : null;
}

export async function createSavedFunnel(input: { name: string; definition: BuilderState }, user: StaffUser): Promise<SavedFunnel> {
  return toSaved(await db().savedFunnel.create({ data: { name: input.name, definition: input.definition as unknown as Prisma.InputJsonValue, authorId: user.id }, select }));
}

async function editable(id: string, user: StaffUser): Promise<void> {
  const r = await db().savedFunnel.findUnique({ where: { id }, select: { authorId: true } });
  if (!r) throw new SavedFunnelError("not_found", "This funnel no longer exists; it may have been deleted.");
  if (!canEditSaved(user, r.authorId)) throw new SavedFunnelError("forbidden", "Only the funnel's author or an admin can change it; save a copy under a new name instead.");
}

export async function updateSavedFunnel(id: string, input: { name: string; definition: BuilderState }, user: StaffUser): Promise<SavedFunnel> {
  await editable(id, user);
  return toSaved(await db().savedFunnel.update({ where: { id }, data: { name: input.name, definition: input.definition as unknown as Prisma.InputJsonValue }, select }));
}

export async function deleteSavedFunnel(id: string, user: StaffUser): Promise<void> {
  await editable(id, user);
  await db().savedFunnel.delete({ where: { id } });
}
