// The contact timeline against a real database: the UNION ALL of interactions, tickets (opened and
// solved) and tasks (created and completed) pages exactly like a brute-force sort of the same rows,
// under every filter, including ties on the timestamp.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { createUser } from "./users";
import { contactTimeline, getContactHeader, getContactSidePanel, pinnedNotes, timelineAuthors } from "./contact-page";
import { compareTimeline, type TimelineFilters, type TimelineKind } from "../crm/timeline";

let t: TestDatabase;
let contactId = "";
let otherContactId = "";
const users = { a: "", b: "" };
type Ref = { key: string; occurredAt: string; kind: TimelineKind; actorId: string | null };
const expected: Ref[] = [];

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);

beforeAll(async () => {
  t = await createTestDatabase();
  users.a = (await createUser({ email: "a@timeline.test", name: "Alice", role: "sales", password: "a long password" })).id;
  users.b = (await createUser({ email: "b@timeline.test", name: "Bob", role: "success", password: "a long password" })).id;
  const company = await t.db.company.create({ data: { name: "Acme" } });
  const profile = await t.db.profile.create({ data: {} });
  const c = await t.db.contact.create({
    data: { email: "marc@acme.test", firstName: "Marc", lastName: "Dupont", companyId: company.id, ownerId: users.a, profileId: profile.id, lifecycleStage: "customer" },
  });
  contactId = c.id;
  otherContactId = (await t.db.contact.create({ data: { email: "other@acme.test" } })).id;
  await t.db.contactStage.createMany({ data: [{ contactId, stage: "lead", enteredAt: at(0) }, { contactId, stage: "customer", enteredAt: at(100) }] });

  const kinds = ["note", "call", "email", "meeting", "demo", "form_fill"] as const;
  // 60 interactions; several share a timestamp so the key breaks ties.
  for (let i = 0; i < 60; i++) {
    const author = i % 3 === 0 ? null : i % 2 ? users.a : users.b;
    const row = await t.db.interaction.create({
      data: { kind: kinds[i % kinds.length], contactId, authorId: author, occurredAt: at(Math.floor(i / 3) * 7), body: `entry ${i}`, pinned: i === 4 },
    });
    expected.push({ key: `interaction:${row.id}`, occurredAt: row.occurredAt.toISOString(), kind: row.kind, actorId: author });
  }
  // Another contact's entries never show.
  await t.db.interaction.create({ data: { kind: "note", contactId: otherContactId, occurredAt: at(5), body: "not Marc" } });
  for (let i = 0; i < 8; i++) {
    const solved = i % 2 === 0;
    const assignee = i % 4 === 0 ? users.b : null;
    const row = await t.db.ticket.create({
      data: { subject: `Ticket ${i}`, contactId, assigneeId: assignee, openedAt: at(i * 13), resolvedAt: solved ? at(i * 13 + 21) : null, status: solved ? "solved" : "open" },
    });
    expected.push({ key: `ticket-opened:${row.id}`, occurredAt: row.openedAt.toISOString(), kind: "ticket", actorId: assignee });
    if (solved) expected.push({ key: `ticket-solved:${row.id}`, occurredAt: row.resolvedAt!.toISOString(), kind: "ticket", actorId: assignee });
  }
  for (let i = 0; i < 10; i++) {
    const done = i % 3 === 0;
    const row = await t.db.task.create({
      data: { title: `Task ${i}`, contactId, assigneeId: users.a, createdById: users.b, createdAt: at(i * 11), dueAt: at(i * 11 + 60), completedAt: done ? at(i * 11 + 14) : null },
    });
    expected.push({ key: `task-created:${row.id}`, occurredAt: row.createdAt.toISOString(), kind: "task", actorId: users.b });
    if (done) expected.push({ key: `task-completed:${row.id}`, occurredAt: row.completedAt!.toISOString(), kind: "task", actorId: users.a });
  }
  await t.db.$executeRaw`
    INSERT INTO events (source_id, message_id, type, event, anonymous_id, profile_id, channel, timestamp, received_at)
    VALUES ('web', 'm1', 'track', 'Signed Up', 'anon', ${profile.id}, 'Direct', ${at(1)}, ${at(1)}),
           ('web', 'm2', 'page', NULL, 'anon', ${profile.id}, 'Direct', ${at(2)}, ${at(2)}),
           ('crm', 'm3', 'track', 'Call Logged', 'crm-contact-x', ${profile.id}, NULL, ${at(3)}, ${at(3)})`;
});
afterAll(() => t.close());

async function allPages(filters: TimelineFilters, limit: number) {
  const keys: string[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 1000; n++) {
    const page = await contactTimeline(contactId, filters, cursor, limit);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    keys.push(...page.items.map((i) => i.key));
    if (!page.nextCursor) break;
    expect(page.items.length).toBe(limit);
    cursor = page.nextCursor;
  }
  return keys;
}

function bruteForce(filters: TimelineFilters): string[] {
  return expected
    .filter((e) => (!filters.kinds?.length || filters.kinds.includes(e.kind)) && (!filters.authorId || e.actorId === filters.authorId))
    .sort(compareTimeline)
    .map((e) => e.key);
}

describe("contactTimeline", () => {
  it("has ties to break (the test data is meaningful)", () => {
    expect(new Set(expected.map((e) => e.occurredAt)).size).toBeLessThan(expected.length);
  });

  it.each([
    ["everything", {}],
    ["calls and notes", { kinds: ["call", "note"] }],
    ["tickets", { kinds: ["ticket"] }],
    ["tasks and demos", { kinds: ["task", "demo"] }],
    ["by author A", { authorId: "a" }],
    ["by author B, tickets only", { authorId: "b", kinds: ["ticket"] }],
  ] as [string, TimelineFilters & { authorId?: string }][])("pages %s exactly like a brute-force sort", async (_name, f) => {
    const filters = { ...f, authorId: f.authorId ? users[f.authorId as "a" | "b"] : undefined };
    const want = bruteForce(filters);
    expect(want.length).toBeGreaterThan(0);
    for (const limit of [1, 7, 25, 500]) expect(await allPages(filters, limit)).toEqual(want);
  });

  it("shapes items with author names, outcomes and ticket numbers", async () => {
    const page = await contactTimeline(contactId, { kinds: ["ticket"] }, null, 100);
    const solved = page.items.find((i) => i.verb === "solved")!;
    expect(solved).toMatchObject({ kind: "ticket", number: expect.any(Number), title: expect.stringMatching(/^Ticket \d$/) });
    const tasks = await contactTimeline(contactId, { kinds: ["task"] }, null, 100);
    expect(tasks.items.find((i) => i.verb === "created")).toMatchObject({ actorName: "Bob", dueAt: expect.any(String) });
  });

  it("starts over from the top on a cursor it did not make", async () => {
    const top = await contactTimeline(contactId, {}, null, 5);
    expect((await contactTimeline(contactId, {}, "garbage", 5)).items).toEqual(top.items);
  });

  it("is empty for a contact without history", async () => {
    const c = await t.db.contact.create({ data: { email: "empty@acme.test" } });
    expect(await contactTimeline(c.id)).toEqual({ items: [], nextCursor: null });
  });
});

describe("the rest of the contact page", () => {
  it("reads the header with stage dates", async () => {
    const h = await getContactHeader(contactId);
    expect(h).toMatchObject({ name: "Marc Dupont", email: "marc@acme.test", company: { name: "Acme" }, owner: { name: "Alice" }, lifecycleStage: "customer" });
    expect(h!.stages.map((s) => s.stage)).toEqual(["lead", "customer"]);
    expect(await getContactHeader("nope")).toBeNull();
  });

  it("counts open tickets and tasks, lists pinned notes and authors", async () => {
    expect(await getContactSidePanel(contactId)).toEqual({ openTickets: 4, openTasks: 6 });
    const pinned = await pinnedNotes(contactId);
    expect(pinned.map((p) => p.body)).toEqual(["entry 4"]);
    expect((await timelineAuthors(contactId)).map((a) => a.name)).toEqual(["Alice", "Bob"]);
  });
});
