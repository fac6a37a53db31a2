// Logging, editing, deleting and pinning interactions against a real database: the interaction and
// its CRM event commit together (and neither on failure), changes keep a field history, and the
// server actions refuse what a role or a non-author may not do.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { createUser } from "./users";
import { deleteInteraction, editInteraction, InteractionError, logInteraction, setPinned } from "./interactions";
import { createTask, myTasks, setTaskCompleted, TaskError } from "./tasks";
import { logInteractionInput } from "../crm/interactions";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

let t: TestDatabase;
let contactId = "";
const u = { admin: "", sales: "", sales2: "", marketing: "" };
const sales = () => ({ id: u.sales, role: "sales" });

beforeAll(async () => {
  t = await createTestDatabase();
  u.admin = (await createUser({ email: "admin@log.test", name: "Ada Admin", role: "admin", password: "a long password" })).id;
  u.sales = (await createUser({ email: "sales@log.test", name: "Sam Sales", role: "sales", password: "a long password" })).id;
  u.sales2 = (await createUser({ email: "sales2@log.test", name: "Sid Sales", role: "sales", password: "a long password" })).id;
  u.marketing = (await createUser({ email: "mkt@log.test", name: "Mo Marketing", role: "marketing", password: "a long password" })).id;
  // Owned by someone else: sales logs interactions on any contact.
  contactId = (await t.db.contact.create({ data: { email: "marc@acme.test", firstName: "Marc", ownerId: u.sales2 } })).id;
});
afterAll(() => t.close());

const events = (messageId: string) =>
  t.db.$queryRaw<{ source_id: string; type: string; event: string; user_id: string | null; anonymous_id: string; properties: Record<string, unknown>; traits: Record<string, unknown>; context: Record<string, unknown>; channel: string | null; timestamp: Date }[]>`
    SELECT source_id, type::text AS type, event, user_id, anonymous_id, properties, traits, context, channel, timestamp FROM events WHERE message_id = ${messageId}`;

describe("logInteraction", () => {
  it("writes the interaction and its CRM event in one go", async () => {
    const now = new Date("2026-02-03T10:00:00.123Z");
    const item = await logInteraction(logInteractionInput.parse({ contactId, kind: "call", outcome: "connected", durationMinutes: 12, body: "Talked pricing" }), { id: u.sales }, { now });
    expect(item).toMatchObject({ kind: "call", outcome: "connected", durationSeconds: 720, actorName: "Sam Sales", occurredAt: now.toISOString(), body: "Talked pricing" });
    const [e] = await events(`crm-interaction-${item.refId}`);
    expect(e).toEqual({
      source_id: "crm",
      type: "track",
      event: "Call Logged",
      user_id: null,
      anonymous_id: `crm-contact-${contactId}`,
      properties: { interaction_id: item.refId, kind: "call", outcome: "connected", duration_seconds: 720, author_email: "sales@log.test", subject: null },
      traits: { email: "marc@acme.test" },
      context: { traits: { email: "marc@acme.test" }, library: { name: "tandem-crm" } },
      channel: null,
      timestamp: now,
    });
    const contact = await t.db.contact.findUniqueOrThrow({ where: { id: contactId } });
    expect(contact.lastInteractionAt).toEqual(now);
  });

  it.each([
    ["note", "Note Logged"],
    ["email", "Email Logged"],
    ["meeting", "Meeting Held"],
    ["demo", "Demo Held"],
  ] as const)("a %s becomes %s", async (kind, name) => {
    const item = await logInteraction(logInteractionInput.parse({ contactId, kind, body: "x" }), { id: u.sales });
    expect((await events(`crm-interaction-${item.refId}`)).map((e) => e.event)).toEqual([name]);
  });

  it("stores neither when the event cannot be written (a clashing message id)", async () => {
    const id = randomUUID();
    await t.db.$executeRaw`INSERT INTO events (source_id, message_id, type, anonymous_id, timestamp, received_at)
      VALUES ('crm', ${`crm-interaction-${id}`}, 'track', 'x', now(), now())`;
    const before = await t.db.interaction.count();
    await expect(logInteraction(logInteractionInput.parse({ contactId, kind: "note", body: "lost" }), { id: u.sales }, { id })).rejects.toThrow();
    expect(await t.db.interaction.count()).toBe(before);
    expect(await t.db.interaction.findUnique({ where: { id } })).toBeNull();
    expect(await events(`crm-interaction-${id}`)).toHaveLength(1);
  });

  it("refuses an unknown contact without writing an event", async () => {
    const id = randomUUID();
    await expect(logInteraction(logInteractionInput.parse({ contactId: "nope", kind: "note", body: "x" }), { id: u.sales }, { id })).rejects.toBeInstanceOf(InteractionError);
    expect(await events(`crm-interaction-${id}`)).toHaveLength(0);
  });
});

describe("edit, delete and pin", () => {
  it("keeps a field history of edits, pins and deletes, by whom and when", async () => {
    const item = await logInteraction(logInteractionInput.parse({ contactId, kind: "note", body: "Marc had a baby" }), { id: u.sales });
    const at1 = new Date("2026-02-04T09:00:00Z");
    const edited = await editInteraction({ id: item.refId, body: "Marc just had a baby boy", subject: "Family" }, sales(), at1);
    expect(edited).toMatchObject({ body: "Marc just had a baby boy", title: "Family" });
    // An edit that changes nothing writes nothing.
    await editInteraction({ id: item.refId, body: "Marc just had a baby boy" }, sales(), at1);
    const pinned = await setPinned(item.refId, true, sales(), new Date("2026-02-04T10:00:00Z"));
    expect(pinned.pinned).toBe(true);
    const history = await t.db.fieldHistory.findMany({ where: { entity: "interaction", entityId: item.refId }, orderBy: [{ changedAt: "asc" }, { field: "asc" }] });
    expect(history.map((h) => [h.field, h.oldValue, h.newValue, h.changedById, h.changedAt.toISOString()])).toEqual([
      ["body", "Marc had a baby", "Marc just had a baby boy", u.sales, at1.toISOString()],
      ["subject", null, "Family", u.sales, at1.toISOString()],
      ["pinned", "false", "true", u.sales, "2026-02-04T10:00:00.000Z"],
    ]);

    await deleteInteraction(item.refId, { id: u.admin, role: "admin" }, new Date("2026-02-05T00:00:00Z"));
    expect(await t.db.interaction.findUnique({ where: { id: item.refId } })).toBeNull();
    const gone = await t.db.fieldHistory.findFirstOrThrow({ where: { entityId: item.refId, field: "deleted" } });
    expect(gone.changedById).toBe(u.admin);
    expect(JSON.parse(gone.oldValue!)).toMatchObject({ kind: "note", body: "Marc just had a baby boy", authorId: u.sales, pinned: true });
    // The CDP event stays: events are append-only.
    expect(await events(`crm-interaction-${item.refId}`)).toHaveLength(1);
  });

  it("edits call outcome and duration", async () => {
    const item = await logInteraction(logInteractionInput.parse({ contactId, kind: "call", outcome: "no_answer" }), { id: u.sales });
    const edited = await editInteraction({ id: item.refId, outcome: "left_voicemail", durationMinutes: 1 }, sales());
    expect(edited).toMatchObject({ outcome: "left_voicemail", durationSeconds: 60 });
  });

  it("refuses other reps' entries and pinning non-notes", async () => {
    const item = await logInteraction(logInteractionInput.parse({ contactId, kind: "email", subject: "Hi" }), { id: u.sales });
    const other = { id: u.sales2, role: "sales" };
    await expect(editInteraction({ id: item.refId, subject: "Hacked" }, other)).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteInteraction(item.refId, other)).rejects.toMatchObject({ code: "forbidden" });
    await expect(setPinned(item.refId, true, sales())).rejects.toMatchObject({ code: "not_a_note" });
    await expect(editInteraction({ id: "missing", subject: "x" }, sales())).rejects.toMatchObject({ code: "not_found" });
    expect((await t.db.interaction.findUniqueOrThrow({ where: { id: item.refId } })).subject).toBe("Hi");
    expect(await t.db.fieldHistory.count({ where: { entityId: item.refId } })).toBe(0);
  });
});

describe("server actions", () => {
  it("let sales log on a contact it does not own, and refuse marketing", async () => {
    const { logActivity, editActivity } = await import("../actions/contact-timeline");
    const { contactTimeline } = await import("./contact-page");
    session.userId = u.sales;
    const res = await logActivity({ contactId, kind: "note", body: "From the action" });
    expect(res).toMatchObject({ ok: true, data: { kind: "note", body: "From the action" } });
    session.userId = u.marketing;
    expect(await logActivity({ contactId, kind: "note", body: "Nope" })).toMatchObject({ ok: false, code: "forbidden" });
    const page = await contactTimeline(contactId);
    expect(page.items.some((i) => i.body === "From the action")).toBe(true);
    expect(page.items.some((i) => i.body === "Nope")).toBe(false);
    session.userId = u.sales2;
    const refId = res.ok ? res.data.refId : "";
    expect(await editActivity({ id: refId, body: "Not mine" })).toMatchObject({ ok: false, code: "forbidden" });
    session.userId = u.sales;
    expect(await logActivity({ contactId, kind: "call" })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { outcome: expect.any(String) } });
  });

  it("create the next step as a task for the rep, shown on the timeline", async () => {
    const { createNextStep } = await import("../actions/contact-timeline");
    session.userId = u.sales;
    const res = await createNextStep({ contactId, title: "Follow up", dueDay: "2026-02-06" });
    expect(res).toMatchObject({ ok: true, data: { kind: "task", verb: "created", title: "Follow up", dueAt: "2026-02-06T12:00:00.000Z", actorName: "Sam Sales" } });
    const task = await t.db.task.findUniqueOrThrow({ where: { id: res.ok ? res.data.refId : "" } });
    expect(task).toMatchObject({ assigneeId: u.sales, createdById: u.sales, contactId, completedAt: null });
  });
});

describe("tasks", () => {
  it("lists the rep's open tasks and completes them (assignee, creator or admin only)", async () => {
    const now = new Date("2026-03-10T12:00:00Z");
    const mine = await createTask({ contactId, title: "Send the proposal", dueDay: "2026-03-09" }, { id: u.sales2 }, now);
    const list = await myTasks(u.sales2, now);
    expect(list.open.map((x) => x.title)).toEqual(["Send the proposal"]);
    expect(list.open[0].contact).toEqual({ id: contactId, name: "Marc" });
    await expect(setTaskCompleted(mine.id, true, { id: u.sales, role: "sales" }, now)).rejects.toBeInstanceOf(TaskError);
    const done = await setTaskCompleted(mine.id, true, { id: u.sales2, role: "sales" }, now);
    expect(done.completedAt).toBe(now.toISOString());
    const after = await myTasks(u.sales2, now);
    expect(after.open).toEqual([]);
    expect(after.completed.map((x) => x.id)).toEqual([mine.id]);
    const reopened = await setTaskCompleted(mine.id, false, { id: u.admin, role: "admin" }, now);
    expect(reopened.completedAt).toBeNull();
  });

  it("the complete action refuses marketing", async () => {
    const { completeTask } = await import("../../app/(app)/tasks/actions");
    session.userId = u.marketing;
    expect(await completeTask({ id: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    session.userId = u.sales;
    expect(await completeTask({ id: "x" })).toMatchObject({ ok: false, code: "not_found" });
  });
});
