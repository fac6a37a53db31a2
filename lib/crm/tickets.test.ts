import { describe, expect, it } from "vitest";
import {
  applyStatusChange,
  checkTransition,
  computeTicketMetrics,
  defaultSubmitStatus,
  formatDuration,
  median,
  parseTicketsView,
  replyTicketInput,
  resolveAssignee,
  searchNumber,
  statusesOf,
  ticketOpenedEvent,
  ticketSolvedEvent,
  ticketStats,
  type CommentFact,
  type StatusChangeFact,
  type TicketState,
  type TicketStatus,
} from "./tickets";

const T0 = new Date("2026-03-02T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const staff = "user-1";

describe("checkTransition", () => {
  it.each<[TicketStatus, TicketStatus, ReturnType<typeof checkTransition>]>([
    ["new", "open", null],
    ["new", "solved", null],
    ["open", "pending", null],
    ["pending", "on_hold", null],
    ["on_hold", "open", null],
    ["open", "solved", null],
    ["solved", "open", null],
    ["solved", "pending", null],
    ["solved", "closed", null],
    ["open", "closed", "close_needs_solved"],
    ["new", "closed", "close_needs_solved"],
    ["on_hold", "closed", "close_needs_solved"],
    ["closed", "open", "closed_is_terminal"],
    ["closed", "solved", "closed_is_terminal"],
    ["open", "open", "same_status"],
    ["closed", "closed", "same_status"],
  ])("%s → %s: %s", (from, to, expected) => {
    expect(checkTransition(from, to)).toBe(expected);
  });
});

describe("applyStatusChange", () => {
  const base: TicketState = { status: "open", resolvedAt: null, closedAt: null, reopenCount: 0 };
  it.each<[string, TicketState, TicketStatus, TicketState]>([
    ["solving sets resolved_at", base, "solved", { status: "solved", resolvedAt: at(60), closedAt: null, reopenCount: 0 }],
    ["pending keeps the figures", base, "pending", { ...base, status: "pending" }],
    ["reopening clears resolved_at and counts", { ...base, status: "solved", resolvedAt: at(10) }, "open", { status: "open", resolvedAt: null, closedAt: null, reopenCount: 1 }],
    ["reopening to on hold counts too", { ...base, status: "solved", resolvedAt: at(10), reopenCount: 2 }, "on_hold", { status: "on_hold", resolvedAt: null, closedAt: null, reopenCount: 3 }],
    ["closing keeps resolved_at", { ...base, status: "solved", resolvedAt: at(10) }, "closed", { status: "closed", resolvedAt: at(10), closedAt: at(60), reopenCount: 0 }],
  ])("%s", (_name, state, to, expected) => {
    expect(applyStatusChange(state, to, at(60))).toEqual(expected);
  });
});

describe("computeTicketMetrics", () => {
  const ch = (min: number, from: TicketStatus | null, to: TicketStatus): StatusChangeFact => ({ at: at(min), from, to });
  const c = (min: number, isPublic: boolean, authorId: string | null): CommentFact => ({ at: at(min), public: isPublic, authorId });
  it.each<[string, CommentFact[], StatusChangeFact[], { fr: number | null; res: number | null; reopens: number; closed: number | null }]>([
    ["untouched", [], [], { fr: null, res: null, reopens: 0, closed: null }],
    ["first public staff reply", [c(30, true, staff)], [], { fr: 30, res: null, reopens: 0, closed: null }],
    ["internal notes do not count", [c(10, false, staff), c(45, true, staff)], [], { fr: 45, res: null, reopens: 0, closed: null }],
    ["customer comments do not count", [c(5, true, null), c(50, true, staff)], [], { fr: 50, res: null, reopens: 0, closed: null }],
    ["comments before opening do not count", [c(-5, true, staff), c(20, true, staff)], [], { fr: 20, res: null, reopens: 0, closed: null }],
    ["unordered comments", [c(90, true, staff), c(15, true, staff)], [], { fr: 15, res: null, reopens: 0, closed: null }],
    ["solved once", [c(15, true, staff)], [ch(0, "new", "open"), ch(120, "open", "solved")], { fr: 15, res: 120, reopens: 0, closed: null }],
    ["solved then closed", [], [ch(120, "open", "solved"), ch(5000, "solved", "closed")], { fr: null, res: 120, reopens: 0, closed: 5000 }],
    ["reopened and solved again: full resolution", [], [ch(120, "open", "solved"), ch(300, "solved", "open"), ch(400, "open", "solved")], { fr: null, res: 400, reopens: 1, closed: null }],
    ["reopened, still open", [], [ch(120, "open", "solved"), ch(300, "solved", "pending")], { fr: null, res: null, reopens: 1, closed: null }],
    ["reopened twice, closed", [], [ch(10, "new", "solved"), ch(20, "solved", "open"), ch(30, "open", "solved"), ch(40, "solved", "on_hold"), ch(50, "on_hold", "solved"), ch(60, "solved", "closed")], { fr: null, res: 50, reopens: 2, closed: 60 }],
    ["history out of order", [], [ch(400, "open", "solved"), ch(120, "open", "solved"), ch(300, "solved", "open")], { fr: null, res: 400, reopens: 1, closed: null }],
    ["unsolved moves are not reopens", [], [ch(10, "new", "open"), ch(20, "open", "pending"), ch(30, "pending", "open")], { fr: null, res: null, reopens: 0, closed: null }],
  ])("%s", (_name, comments, statusChanges, e) => {
    const m = computeTicketMetrics({ openedAt: T0, comments, statusChanges });
    expect(m.firstResponseSeconds).toBe(e.fr == null ? null : e.fr * 60);
    expect(m.firstResponseAt).toEqual(e.fr == null ? null : at(e.fr));
    expect(m.resolutionSeconds).toBe(e.res == null ? null : e.res * 60);
    expect(m.resolvedAt).toEqual(e.res == null ? null : at(e.res));
    expect(m.reopenCount).toBe(e.reopens);
    expect(m.closedAt).toEqual(e.closed == null ? null : at(e.closed));
  });

  it("agrees with applyStatusChange replayed step by step", () => {
    const steps: TicketStatus[] = ["open", "solved", "pending", "solved", "open", "on_hold", "solved", "closed"];
    let state: TicketState = { status: "new", resolvedAt: null, closedAt: null, reopenCount: 0 };
    const changes: StatusChangeFact[] = [];
    steps.forEach((to, i) => {
      expect(checkTransition(state.status, to)).toBeNull();
      changes.push({ at: at(i * 10 + 10), from: state.status, to });
      state = applyStatusChange(state, to, at(i * 10 + 10));
    });
    const m = computeTicketMetrics({ openedAt: T0, comments: [], statusChanges: changes });
    expect({ resolvedAt: m.resolvedAt, closedAt: m.closedAt, reopenCount: m.reopenCount }).toEqual({ resolvedAt: state.resolvedAt, closedAt: state.closedAt, reopenCount: state.reopenCount });
  });
});

describe("median", () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[5], 5],
    [[3, 1], 2],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
    [[1, 1, 1, 100], 1],
  ])("median(%j) = %s", (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe("ticketStats", () => {
  it("counts tickets and open ones, and takes the median over resolved tickets", () => {
    const h = (n: number) => new Date(T0.getTime() + n * 3_600_000);
    expect(
      ticketStats([
        { status: "open", openedAt: T0, resolvedAt: null },
        { status: "solved", openedAt: T0, resolvedAt: h(2) },
        { status: "closed", openedAt: T0, resolvedAt: h(10) },
        { status: "pending", openedAt: T0, resolvedAt: null },
        { status: "solved", openedAt: T0, resolvedAt: h(4) },
      ]),
    ).toEqual({ ticketCount: 5, openCount: 2, medianResolutionHours: 4 });
    expect(ticketStats([])).toEqual({ ticketCount: 0, openCount: 0, medianResolutionHours: null });
  });
});

describe("formatDuration", () => {
  it.each<[number | null, string]>([
    [null, "—"],
    [0, "0 min"],
    [59 * 60, "59 min"],
    [90 * 60, "1.5 h"],
    [47 * 3600, "47 h"],
    [3 * 86400, "3 d"],
  ])("%s s → %s", (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});

describe("the ticket list view", () => {
  it.each<[Record<string, string>, Partial<ReturnType<typeof parseTicketsView>>]>([
    [{}, { status: "unsolved", sort: "opened", dir: "desc", page: 1, size: 50, q: "" }],
    [{ status: "solved", priority: "urgent", assignee: "me" }, { status: "solved", priority: "urgent", assignee: "me" }],
    [{ status: "bogus", priority: "meh", size: "7", page: "-3" }, { status: "unsolved", priority: undefined, size: 50, page: 1 }],
    [{ sort: "resolution", dir: "asc", q: " #42 " }, { sort: "resolution", dir: "asc", q: "#42" }],
    [{ assignee: "'; drop" }, { assignee: undefined }],
  ])("%j", (params, expected) => {
    expect(parseTicketsView(params)).toMatchObject(expected);
  });

  it("status filters and assignee filters", () => {
    expect(statusesOf("unsolved")).toEqual(["new", "open", "pending", "on_hold"]);
    expect(statusesOf("all")).toHaveLength(6);
    expect(statusesOf("closed")).toEqual(["closed"]);
    expect(resolveAssignee("me", "u1")).toEqual({ kind: "user", id: "u1" });
    expect(resolveAssignee("none", "u1")).toEqual({ kind: "none" });
    expect(resolveAssignee(undefined, "u1")).toEqual({ kind: "any" });
    expect(searchNumber("#42")).toBe(42);
    expect(searchNumber("42")).toBe(42);
    expect(searchNumber("login 42")).toBeNull();
  });
});

describe("replies and events", () => {
  it("a reply needs text; public comes from a checkbox or boolean", () => {
    expect(replyTicketInput.safeParse({ ticketId: "t1", body: "  ", public: true }).success).toBe(false);
    expect(replyTicketInput.parse({ ticketId: "t1", body: "Hi", public: "on", status: "solved" })).toMatchObject({ public: true, status: "solved" });
    expect(replyTicketInput.parse({ ticketId: "t1", body: "Hi", public: false })).toMatchObject({ public: false });
    expect(defaultSubmitStatus("new")).toBe("open");
    expect(defaultSubmitStatus("pending")).toBe("pending");
  });

  it("Ticket Opened / Ticket Solved events of the CRM source", () => {
    const t = { id: "t1", number: 7, subject: "Login fails", priority: "high" as const, contactId: "c1", contactEmail: "a@b.test" };
    expect(ticketOpenedEvent(t, T0)).toMatchObject({ sourceId: "crm", messageId: "crm-ticket-opened-t1", event: "Ticket Opened", anonymousId: "crm-contact-c1", traits: { email: "a@b.test" } });
    const solved = ticketSolvedEvent({ ...t, openedAt: T0, reopenCount: 1 }, at(90));
    expect(solved).toMatchObject({ event: "Ticket Solved", messageId: "crm-ticket-solved-t1-1", timestamp: at(90) });
    expect(solved.properties).toMatchObject({ ticket_id: "t1", number: 7, priority: "high", resolution_seconds: 5400 });
  });
});
