// Writing the relationship timeline: log, edit, delete and pin interactions. A logged interaction and
// its CDP event (source "crm") commit in one transaction, so neither exists without the other. Edits
// and deletes keep a field history (who, when, before, after) in the same transaction.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db/prisma";
import { lockIdentities } from "./identity-store";
import { prismaSql } from "./sql";
import { insertCrmEvent } from "./crm-events";
import { interactionEvent } from "../crm/crm-events";
import { canModifyInteraction, minutesToSeconds, type EditInteractionInput, type LogInteractionInput } from "../crm/interactions";
import type { TimelineItem } from "../crm/timeline";

export class InteractionError extends Error {
  constructor(
    readonly code: "not_found" | "forbidden" | "not_a_note",
    message: string,
  ) {
    super(message);
  }
}

export interface Actor {
  id: string;
  role: string;
}

const itemSelect = {
  id: true,
  kind: true,
  occurredAt: true,
  subject: true,
  body: true,
  outcome: true,
  durationSeconds: true,
  pinned: true,
  authorId: true,
  author: { select: { name: true } },
} as const;

type ItemRow = {
  id: string;
  kind: string;
  occurredAt: Date;
  subject: string | null;
  body: string | null;
  outcome: string | null;
  durationSeconds: number | null;
  pinned: boolean;
  authorId: string | null;
  author: { name: string } | null;
};

function toItem(r: ItemRow): TimelineItem {
  return {
    key: `interaction:${r.id}`,
    kind: r.kind as TimelineItem["kind"],
    verb: null,
    refId: r.id,
    occurredAt: r.occurredAt.toISOString(),
    actorId: r.authorId,
    actorName: r.author?.name ?? null,
    title: r.subject,
    body: r.body,
    outcome: r.outcome,
    durationSeconds: r.durationSeconds,
    pinned: r.pinned,
    number: null,
    dueAt: null,
  };
}

export interface LogOptions {
  now?: Date;
  /** The new interaction's id (tests force a clash with an existing event's message id). */
  id?: string;
}

/** Logs an interaction on a contact and writes its CRM event, atomically. */
export async function logInteraction(input: LogInteractionInput, author: { id: string }, opts: LogOptions = {}): Promise<TimelineItem> {
  const now = opts.now ?? new Date();
  const id = opts.id ?? randomUUID();
  return db().$transaction(async (tx) => {
    // Before any row lock: this transaction logs a CRM event, which resolves identities.
    await lockIdentities(prismaSql(tx));
    const contact = await tx.contact.findUnique({ where: { id: input.contactId }, select: { id: true, email: true, companyId: true } });
    if (!contact) throw new InteractionError("not_found", "That contact does not exist (it may have been deleted).");
    const user = await tx.user.findUnique({ where: { id: author.id }, select: { email: true } });
    const row = await tx.interaction.create({
      data: {
        id,
        kind: input.kind,
        contactId: contact.id,
        companyId: contact.companyId,
        authorId: author.id,
        occurredAt: now,
        subject: input.subject?.trim() || null,
        body: input.body?.trim() ? input.body : null,
        outcome: input.kind === "call" ? (input.outcome ?? null) : null,
        durationSeconds: input.kind === "call" ? (minutesToSeconds(input.durationMinutes) ?? null) : null,
      },
      select: itemSelect,
    });
    const e = interactionEvent(
      {
        id: row.id,
        kind: input.kind,
        contactId: contact.id,
        contactEmail: contact.email,
        occurredAt: row.occurredAt,
        subject: row.subject,
        outcome: row.outcome,
        durationSeconds: row.durationSeconds,
        authorEmail: user?.email ?? null,
      },
      now,
    );
    await insertCrmEvent(tx, e);
    await tx.$executeRaw`
      UPDATE contacts SET last_interaction_at = GREATEST(COALESCE(last_interaction_at, ${row.occurredAt}), ${row.occurredAt})
      WHERE id = ${contact.id}`;
    return toItem(row);
  });
}

async function loadForChange(tx: Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0], id: string, actor: Actor) {
  const row = await tx.interaction.findUnique({ where: { id }, select: { ...itemSelect, contactId: true } });
  if (!row) throw new InteractionError("not_found", "That entry no longer exists.");
  if (!canModifyInteraction(actor, row.authorId)) throw new InteractionError("forbidden", "Only its author (or an admin) can change this entry.");
  return row;
}

const str = (v: string | number | null | undefined) => (v == null ? null : String(v));

/** Applies an edit; each changed field is written to the field history. */
export async function editInteraction(input: EditInteractionInput, actor: Actor, now = new Date()): Promise<TimelineItem> {
  return db().$transaction(async (tx) => {
    const before = await loadForChange(tx, input.id, actor);
    const next: Record<"subject" | "body" | "outcome" | "durationSeconds", string | number | null | undefined> = {
      subject: input.subject === undefined ? undefined : input.subject?.trim() || null,
      body: input.body === undefined ? undefined : input.body?.trim() ? input.body : null,
      outcome: before.kind === "call" ? input.outcome : undefined,
      durationSeconds: before.kind === "call" ? minutesToSeconds(input.durationMinutes) : undefined,
    };
    const changes = (Object.keys(next) as (keyof typeof next)[]).filter((f) => next[f] !== undefined && str(next[f]) !== str(before[f]));
    if (!changes.length) return toItem(before);
    const data = Object.fromEntries(changes.map((f) => [f, next[f]]));
    const row = await tx.interaction.update({ where: { id: input.id }, data, select: itemSelect });
    await tx.fieldHistory.createMany({
      data: changes.map((f) => ({
        entity: "interaction",
        entityId: input.id,
        field: f,
        oldValue: str(before[f]),
        newValue: str(next[f]),
        changedById: actor.id,
        changedAt: now,
      })),
    });
    return toItem(row);
  });
}

/** Deletes an entry, keeping a "deleted" history row with what it said. Its CDP event stays (events are append-only). */
export async function deleteInteraction(id: string, actor: Actor, now = new Date()): Promise<{ id: string; contactId: string | null }> {
  return db().$transaction(async (tx) => {
    const before = await loadForChange(tx, id, actor);
    await tx.interaction.delete({ where: { id } });
    await tx.fieldHistory.create({
      data: {
        entity: "interaction",
        entityId: id,
        field: "deleted",
        oldValue: JSON.stringify({
          kind: before.kind,
          contactId: before.contactId,
          occurredAt: before.occurredAt.toISOString(),
          subject: before.subject,
          body: before.body,
          outcome: before.outcome,
          durationSeconds: before.durationSeconds,
          pinned: before.pinned,
          authorId: before.authorId,
        }),
        newValue: null,
        changedById: actor.id,
        changedAt: now,
      },
    });
    if (before.contactId) {
      await tx.$executeRaw`
        UPDATE contacts SET last_interaction_at = (SELECT max(occurred_at) FROM interactions WHERE contact_id = ${before.contactId})
        WHERE id = ${before.contactId}`;
    }
    return { id, contactId: before.contactId };
  });
}

/** Pins or unpins a note (its author or an admin); recorded in the field history. */
export async function setPinned(id: string, pinned: boolean, actor: Actor, now = new Date()): Promise<TimelineItem> {
  return db().$transaction(async (tx) => {
    const before = await loadForChange(tx, id, actor);
    if (before.kind !== "note") throw new InteractionError("not_a_note", "Only notes can be pinned.");
    if (before.pinned === pinned) return toItem(before);
    const row = await tx.interaction.update({ where: { id }, data: { pinned }, select: itemSelect });
    await tx.fieldHistory.create({
      data: { entity: "interaction", entityId: id, field: "pinned", oldValue: String(before.pinned), newValue: String(pinned), changedById: actor.id, changedAt: now },
    });
    return toItem(row);
  });
}

export interface HistoryEntry {
  field: string;
  oldValue: string | null;
  newValue: string | null;
  changedAt: Date;
  changedBy: string | null;
}

export async function interactionHistory(id: string): Promise<HistoryEntry[]> {
  const rows = await db().fieldHistory.findMany({
    where: { entity: "interaction", entityId: id },
    orderBy: { changedAt: "desc" },
    select: { field: true, oldValue: true, newValue: true, changedAt: true, changedBy: { select: { name: true } } },
  });
  return rows.map((r) => ({ field: r.field, oldValue: r.oldValue, newValue: r.newValue, changedAt: r.changedAt, changedBy: r.changedBy?.name ?? null }));
}

/** The contact an interaction belongs to (to refresh its page). */
export async function interactionContactId(id: string): Promise<string | null> {
  return (await db().interaction.findUnique({ where: { id }, select: { contactId: true } }))?.contactId ?? null;
}
