// The relationship timeline end to end: a rep logs a connected call with a next step and sees both on
// the contact's timeline (and after a reload); marketing reads the same timeline without a log bar.
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("sales") });

/** A demo contact's page: from the contacts list when it links to contacts, else from My tasks. */
async function someContactPath(page: Page): Promise<string> {
  for (const from of ["/contacts", "/tasks"]) {
    await page.goto(from);
    const hrefs = await page.locator('a[href^="/contacts/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const path = hrefs.find((h) => /^\/contacts\/[^/?#]+$/.test(h));
    if (path) return path;
  }
  throw new Error("No link to a contact on /contacts or /tasks");
}

test("a rep logs a connected call with a next step and sees both on the timeline", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const stamp = Date.now();
  const path = await someContactPath(page);
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  const timeline = page.getByRole("region", { name: "Timeline", exact: true });

  // Three clicks: Call, pick the outcome, Save.
  const bar = page.getByRole("region", { name: "Log activity" });
  await bar.getByRole("button", { name: "Call", exact: true }).click();
  const form = bar.getByRole("form", { name: "Log a call" });
  await form.getByLabel("Outcome").selectOption({ label: "Connected" });
  await form.getByLabel("Duration (minutes)").fill("7");
  await form.getByLabel("Notes").fill(`E2E call ${stamp}: **budget** approved`);
  await form.getByRole("button", { name: "Save call" }).click();

  const call = timeline.getByTestId("timeline-item").filter({ hasText: `E2E call ${stamp}` });
  await expect(call).toBeVisible();
  await expect(call).toContainText("Call · Connected · 7 min");
  await expect(call.locator("strong")).toHaveText("budget");
  await expect(call).not.toHaveAttribute("aria-busy", "true");

  // The next step prompt, prefilled; the rep names the task and keeps the default due date.
  const next = page.getByRole("form", { name: "Next step" });
  await expect(next.getByLabel("Task")).toHaveValue("Follow up");
  await expect(next.getByLabel("Due")).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await next.getByLabel("Task").fill(`E2E next step ${stamp}`);
  await next.getByRole("button", { name: "Create task" }).click();
  await expect(next).toBeHidden();
  const task = timeline.getByTestId("timeline-item").filter({ hasText: `Task created: E2E next step ${stamp}` });
  await expect(task).toBeVisible();
  await expect(task).toContainText("Due ");

  // Both were saved: they are there after a reload, under Today.
  await page.reload();
  const today = page.getByRole("region", { name: "Timeline", exact: true });
  await expect(today.getByTestId("timeline-item").filter({ hasText: `E2E call ${stamp}` })).toBeVisible();
  await expect(today.getByTestId("timeline-item").filter({ hasText: `E2E next step ${stamp}` })).toBeVisible();

  // Filtering by kind keeps only calls.
  await page.getByLabel("CRM kind").selectOption({ label: "Calls" });
  await expect(today.getByTestId("timeline-item").filter({ hasText: `E2E next step ${stamp}` })).toHaveCount(0);
  await expect(today.getByTestId("timeline-item").first()).toHaveAttribute("data-kind", "call");

  // Marketing reads the same timeline, without the log bar or edit buttons.
  const ctx = await browser.newContext({ storageState: storageStateOf("marketing") });
  const mkt = await ctx.newPage();
  await mkt.goto(path);
  await expect(mkt.getByRole("region", { name: "Timeline", exact: true }).getByTestId("timeline-item").filter({ hasText: `E2E call ${stamp}` })).toBeVisible();
  await expect(mkt.getByRole("region", { name: "Log activity" })).toHaveCount(0);
  await expect(mkt.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await ctx.close();
});

test("a rep pins a note, edits it and sees its history", async ({ page }) => {
  const stamp = Date.now();
  await page.goto(await someContactPath(page));
  const bar = page.getByRole("region", { name: "Log activity" });
  await bar.getByRole("button", { name: "Note", exact: true }).click();
  await bar.getByRole("textbox", { name: "Note" }).fill(`Marc just had a baby boy ${stamp}`);
  await bar.getByRole("button", { name: "Save note" }).click();

  // The stamp is in the note before and after the edit.
  const note = page.getByRole("region", { name: "Timeline", exact: true }).getByTestId("timeline-item").filter({ hasText: String(stamp) });
  await note.getByRole("button", { name: "Pin", exact: true }).click();
  const pinned = page.getByRole("list", { name: "Pinned notes" }).getByTestId("timeline-item").filter({ hasText: `baby boy ${stamp}` });
  await expect(pinned).toBeVisible();

  await note.getByRole("button", { name: "Edit" }).click();
  await note.getByLabel("Text").fill(`Marc just had a baby boy, Léo ${stamp}`);
  await note.getByRole("button", { name: "Save changes" }).click();
  const edited = note.filter({ hasText: `Léo ${stamp}` });
  await expect(edited).toBeVisible();
  await expect(page.getByRole("list", { name: "Pinned notes" })).toContainText(`Léo ${stamp}`);
  await edited.getByRole("button", { name: "History" }).click();
  await expect(edited).toContainText("Sam Sales changed body");
  await expect(edited).toContainText("Sam Sales changed pinned");
});
