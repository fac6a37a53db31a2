import { describe, expect, it } from "vitest";
import { addBusinessDays, bucketTasks, completeTaskInput, createTaskInput } from "./tasks";

describe("bucketTasks", () => {
  const now = new Date("2026-03-10T15:00:00Z"); // a Tuesday
  const t = (name: string, dueAt: string | null) => ({ name, dueAt });
  it.each([
    { name: "nothing", tasks: [], want: { overdue: [], today: [], upcoming: [] } },
    {
      name: "by UTC day, each sorted by due date, undated last",
      tasks: [
        t("undated", null),
        t("tomorrow", "2026-03-11T00:00:00Z"),
        t("late today", "2026-03-10T23:59:59.999Z"),
        t("earlier today (already past)", "2026-03-10T09:00:00Z"),
        t("yesterday", "2026-03-09T23:59:59.999Z"),
        t("last month", "2026-02-01T12:00:00Z"),
        t("midnight today", "2026-03-10T00:00:00Z"),
      ],
      want: {
        overdue: ["last month", "yesterday"],
        today: ["midnight today", "earlier today (already past)", "late today"],
        upcoming: ["tomorrow", "undated"],
      },
    },
  ])("$name", ({ tasks, want }) => {
    const b = bucketTasks(tasks, now);
    expect({ overdue: b.overdue.map((x) => x.name), today: b.today.map((x) => x.name), upcoming: b.upcoming.map((x) => x.name) }).toEqual(want);
  });
});

describe("addBusinessDays", () => {
  it.each([
    ["2026-03-09T10:00:00Z", 2, "2026-03-11"], // Mon → Wed
    ["2026-03-12T10:00:00Z", 2, "2026-03-16"], // Thu → Mon
    ["2026-03-13T23:00:00Z", 2, "2026-03-17"], // Fri → Tue
    ["2026-03-14T10:00:00Z", 2, "2026-03-17"], // Sat → Tue
    ["2026-03-15T10:00:00Z", 1, "2026-03-16"], // Sun → Mon
    ["2026-03-10T10:00:00Z", 0, "2026-03-10"],
    ["2026-12-31T10:00:00Z", 2, "2027-01-04"], // Thu → Mon, across the year
  ])("%s + %i → %s", (from, n, want) => {
    expect(addBusinessDays(new Date(from), n)).toBe(want);
  });
});

describe("task inputs", () => {
  it.each([
    [{}, false],
    [{ contactId: "c", title: "Follow up", dueDay: "2026-03-11" }, true],
    [{ contactId: "c", title: " ", dueDay: "2026-03-11" }, false],
    [{ contactId: "c", title: "x", dueDay: "2026-02-30" }, false],
    [{ contactId: "c", title: "x", dueDay: "tomorrow" }, false],
  ])("createTaskInput %j → %s", (input, ok) => {
    expect(createTaskInput.safeParse(input).success).toBe(ok);
  });

  it("completeTaskInput rejects {} and defaults to completing", () => {
    expect(completeTaskInput.safeParse({}).success).toBe(false);
    expect(completeTaskInput.parse({ id: "t" })).toEqual({ id: "t", completed: true });
  });
});
