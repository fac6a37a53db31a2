// Tickets against a real database: opening, replying, solving, reopening and closing keep the
// denormalised figures, the field history and the CRM events in step (and roll back together); the
// per-contact/company stats match a brute-force computation; roles without tickets:write are refused.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { createUser } from "./users";
import { createTicket, getTicket, listTickets, recomputeTicketMetrics, replyToTicket, TicketError, ticketStatsFor, updateTicket } from "./tickets";
import { createTicketInput, parseTicketsView, replyTicketInput, ticketStats, TICKET_PRIORITIES, TICKET_STATUSES, type TicketStatus } from "../crm/tickets";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

let t: TestDatabase;
const u = { admin: "", success: "", sales: "", marketing: "", leadership: "" };
let contactId = "";
let companyId = "";
const T0 = new Date("2026-04-01T08:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  t = await createTestDatabase();
  for (const role of ["admin", "success", "sales", "marketing", "leadership"] as const) {
    u[role] = (await createUser({ email: `${role}@tickets.test`, name: `${role} user`, role, password: "a long password" })).id;
  }
  companyId = (await t.db.company.create({ data: { name: "Acme Tickets", domain: "acme-tickets.test" } })).id;
  contactId = (await t.db.contact.create({ data: { email: "rita@acme-tickets.test", firstName: "Rita", companyId } })).id;
});
afterAll(() => t.close());

const eventsOf = (ticketId: string) =>
  t.db.$queryRaw<{ message_id: string; event: string; properties: Record<string, unknown>; anonymous_id: string; timestamp: Date }[]>`
    SELECT message_id, event, properties, anonymous_id, timestamp FROM events WHERE source_id = 'crm' AND properties->>'ticket_id' = ${ticketId} ORDER BY timestamp, message_id`;
const historyOf = (ticketId: string) =>
  t.db.fieldHistory.findMany({ where: { entity: "ticket", entityId: ticketId }, orderBy: [{ changedAt: "asc" }, { field: "asc" }], select: { field: true, oldValue: true, newValue: true, changedAt: true } });
const row = (id: string) => t.db.ticket.findUniqueOrThrow({ where: { id } });
const open = (subject: string, opts: { now?: Date; assigneeId?: string } = {}) =>
  createTicket(createTicketInput.parse({ contactId, subject, priority: "high", assigneeId: opts.assigneeId }), { id: u.success }, opts.now ?? T0);
const reply = (ticketId: string, body: string, isPublic: boolean, now: Date, status?: TicketStatus) =>
  replyToTicket(replyTicketInput.parse({ ticketId, body, public: isPublic, status }), { id: u.success }, now);

describe("the ticket life cycle", () => {
  it("open → internal note → public reply → solve → reopen → solve → close", async () => {
    const { id, number } = await open("Cannot export CSV", { assigneeId: u.success });
    expect(await eventsOf(id)).toEqual([
      expect.objectContaining({ message_id: `crm-ticket-opened-${id}`, event: "Ticket Opened", anonymous_id: `crm-contact-${contactId}`, timestamp: T0 }),
    ]);
    let r = await row(id);
    expect(r).toMatchObject({ status: "new", companyId, firstResponseAt: null, resolvedAt: null, reopenCount: 0 });

    // An internal note is not a first response.
    await reply(id, "Checking the logs", false, at(5));
    expect((await row(id)).firstResponseAt).toBeNull();

    // The first public reply is, and "submit as open" moves the status.
    await reply(id, "Looking into it", true, at(30), "open");
    r = await row(id);
    expect(r).toMatchObject({ status: "open", firstResponseAt: at(30) });

    // A later public reply does not move the first response.
    await reply(id, "Fixed, please retry", true, at(120), "solved");
    r = await row(id);
    expect(r).toMatchObject({ status: "solved", firstResponseAt: at(30), resolvedAt: at(120), reopenCount: 0 });

    await updateTicket({ ticketId: id, status: "open" }, { id: u.success }, at(600));
    r = await row(id);
    expect(r).toMatchObject({ status: "open", resolvedAt: null, reopenCount: 1 });

    await updateTicket({ ticketId: id, status: "solved", priority: "urgent" }, { id: u.success }, at(700));
    await updateTicket({ ticketId: id, status: "closed" }, { id: u.success }, at(9000));
    r = await row(id);
    expect(r).toMatchObject({ status: "closed", resolvedAt: at(700), closedAt: at(9000), reopenCount: 1, priority: "urgent" });

    // The denormalised columns equal the figures recomputed from the stored history.
    const m = await recomputeTicketMetrics(id);
    expect(m).toMatchObject({ firstResponseAt: r.firstResponseAt, resolvedAt: r.resolvedAt, closedAt: r.closedAt, reopenCount: r.reopenCount, resolutionSeconds: 700 * 60, firstResponseSeconds: 30 * 60 });

    const h = await historyOf(id);
    expect(h.map((x) => [x.field, x.oldValue, x.newValue])).toEqual([
      ["assignee", null, u.success],
      ["status", null, "new"],
      ["internal_note", null, expect.any(String)],
      ["public_reply", null, expect.any(String)],
      ["status", "new", "open"],
      ["public_reply", null, expect.any(String)],
      ["status", "open", "solved"],
      ["status", "solved", "open"],
      ["priority", "high", "urgent"],
      ["status", "open", "solved"],
      ["status", "solved", "closed"],
    ]);

    const ev = await eventsOf(id);
    expect(ev.map((e) => [e.message_id, e.event])).toEqual([
      [`crm-ticket-opened-${id}`, "Ticket Opened"],
      [`crm-ticket-solved-${id}-0`, "Ticket Solved"],
      [`crm-ticket-solved-${id}-1`, "Ticket Solved"],
    ]);
    expect(ev[1]!.properties).toMatchObject({ ticket_id: id, number, priority: "high", resolution_seconds: 120 * 60 });
    expect(ev[2]!.properties).toMatchObject({ priority: "urgent", resolution_seconds: 700 * 60, reopen_count: 1 });

    // The detail: conversation oldest first, history newest first with names.
    const d = await getTicket(id);
    expect(d!.comments.map((c) => [c.body, c.public])).toEqual([
      ["Checking the logs", false],
      ["Looking into it", true],
      ["Fixed, please retry", true],
    ]);
    expect(d!.history.find((h) => h.field === "assignee")).toMatchObject({ oldValue: null, newValue: "success user", changedBy: "success user" });
    expect(d!.history[0]).toMatchObject({ field: "status", oldValue: "solved", newValue: "closed" });
    expect(d).toMatchObject({ firstResponseSeconds: 1800, resolutionSeconds: 42000, reopenCount: 1 });
  });

  it("closed is terminal; only solved closes; refused changes roll back everything", async () => {
    const { id } = await open("Refusals");
    await expect(updateTicket({ ticketId: id, status: "closed" }, { id: u.success }, at(10))).rejects.toMatchObject({ code: "invalid_transition" });
    // A reply submitted as closed from new is refused and its comment is not kept.
    await expect(reply(id, "bye", true, at(11), "closed")).rejects.toBeInstanceOf(TicketError);
    expect(await t.db.ticketComment.count({ where: { ticketId: id } })).toBe(0);
    expect((await row(id)).firstResponseAt).toBeNull();
    // Priority + an invalid status in one change: neither is kept.
    await expect(updateTicket({ ticketId: id, priority: "low", status: "closed" }, { id: u.success }, at(12))).rejects.toBeInstanceOf(TicketError);
    expect((await row(id)).priority).toBe("high");
    expect((await historyOf(id)).map((h) => h.field)).toEqual(["status"]);

    await updateTicket({ ticketId: id, status: "solved" }, { id: u.success }, at(20));
    await updateTicket({ ticketId: id, status: "closed" }, { id: u.success }, at(30));
    await expect(updateTicket({ ticketId: id, status: "open" }, { id: u.success }, at(40))).rejects.toMatchObject({ code: "closed" });
    await expect(reply(id, "again?", true, at(41))).rejects.toMatchObject({ code: "closed" });
    await expect(updateTicket({ ticketId: id, assigneeId: u.admin }, { id: u.success }, at(42))).rejects.toMatchObject({ code: "closed" });
  });

  it("only admin and success users can be assignees", async () => {
    const { id } = await open("Assignees");
    await expect(updateTicket({ ticketId: id, assigneeId: u.sales }, { id: u.success })).rejects.toMatchObject({ code: "invalid_assignee" });
    await updateTicket({ ticketId: id, assigneeId: u.admin }, { id: u.success });
    expect((await row(id)).assigneeId).toBe(u.admin);
    await updateTicket({ ticketId: id, assigneeId: "" }, { id: u.success });
    expect((await row(id)).assigneeId).toBeNull();
  });
});

describe("the queue", () => {
  it("filters by status, assignee (me / unassigned) and searches by number", async () => {
    const a = await open("Queue item alpha", { assigneeId: u.success, now: at(1) });
    const b = await open("Queue item beta", { now: at(2) });
    const unsolved = await listTickets(parseTicketsView({ q: "Queue item" }), u.success);
    expect(unsolved.rows.map((r) => r.id)).toEqual([b.id, a.id]);
    expect((await listTickets(parseTicketsView({ q: "Queue item", assignee: "me" }), u.success)).rows.map((r) => r.id)).toEqual([a.id]);
    expect((await listTickets(parseTicketsView({ q: "Queue item", assignee: "none" }), u.success)).rows.map((r) => r.id)).toEqual([b.id]);
    expect((await listTickets(parseTicketsView({ q: `#${b.number}` }), u.success)).rows.map((r) => r.id)).toEqual([b.id]);
    await updateTicket({ ticketId: b.id, status: "solved" }, { id: u.success }, at(62));
    expect((await listTickets(parseTicketsView({ q: "Queue item" }), u.success)).rows.map((r) => r.id)).toEqual([a.id]);
    const solved = await listTickets(parseTicketsView({ q: "Queue item", status: "solved" }), u.success);
    expect(solved.rows[0]).toMatchObject({ id: b.id, resolutionSeconds: 3600, contactName: "Rita", companyName: "Acme Tickets" });
    const sorted = await listTickets(parseTicketsView({ status: "all", sort: "resolution", dir: "asc" }), u.success);
    expect(sorted.total).toBeGreaterThan(2);
  });
});

describe("stats", () => {
  it("match a brute-force computation over generated tickets", async () => {
    // A second company and three contacts with generated tickets written directly.
    const co = (await t.db.company.create({ data: { name: "Stats Co" } })).id;
    const contacts = await Promise.all([1, 2, 3].map((i) => t.db.contact.create({ data: { email: `s${i}@stats.test`, companyId: i < 3 ? co : null } })));
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const data = Array.from({ length: 60 }, (_, i) => {
      const status = TICKET_STATUSES[Math.floor(rnd() * 6)]!;
      const openedAt = new Date(T0.getTime() + Math.floor(rnd() * 1e9));
      const solvedish = status === "solved" || status === "closed";
      const c = contacts[i % 3]!;
      return {
        subject: `gen ${i}`,
        status,
        priority: TICKET_PRIORITIES[i % 4]!,
        contactId: c.id,
        companyId: c.companyId,
        openedAt,
        resolvedAt: solvedish ? new Date(openedAt.getTime() + Math.floor(rnd() * 5e8)) : null,
      };
    });
    await t.db.ticket.createMany({ data });
    for (const c of contacts) {
      expect(await ticketStatsFor({ contactId: c.id })).toEqual(approx(ticketStats(data.filter((d) => d.contactId === c.id))));
    }
    expect(await ticketStatsFor({ companyId: co })).toEqual(approx(ticketStats(data.filter((d) => d.companyId === co))));
    expect(await ticketStatsFor({ contactId: "00000000-0000-0000-0000-000000000000" })).toEqual({ ticketCount: 0, openCount: 0, medianResolutionHours: null });
  });
});

function approx(s: ReturnType<typeof ticketStats>) {
  return { ...s, medianResolutionHours: s.medianResolutionHours == null ? null : expect.closeTo(s.medianResolutionHours, 6) };
}

describe("the server actions", () => {
  it("refuse sales, marketing and leadership, and let success work a ticket", async () => {
    const actions = await import("../../app/(app)/tickets/actions");
    const { id } = await open("Permission probe");
    for (const role of ["sales", "marketing", "leadership"] as const) {
      session.userId = u[role];
      expect(await actions.replyToTicket({ ticketId: id, body: "hi", public: true })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await actions.changeTicket({ ticketId: id, status: "solved" })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await actions.openTicket({ contactId, subject: "nope" })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await t.db.ticketComment.count({ where: { ticketId: id } })).toBe(0);
    expect((await row(id)).status).toBe("new");
    session.userId = u.success;
    expect(await actions.replyToTicket({ ticketId: id, body: "On it", public: true, status: "solved" })).toMatchObject({ ok: true });
    expect((await row(id)).status).toBe("solved");
    expect(await actions.changeTicket({ ticketId: id, status: "closed" })).toMatchObject({ ok: true });
    expect(await actions.changeTicket({ ticketId: id, status: "open" })).toMatchObject({ ok: false, code: "closed" });
    session.userId = u.admin;
    expect(await actions.openTicket({ contactId, subject: "Admin opened" })).toMatchObject({ ok: true });
  });
});
