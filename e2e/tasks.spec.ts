// My tasks end to end: a next step created on a contact shows under Upcoming, and one click completes it.
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("sales") });

async function someContactPath(page: Page): Promise<string> {
  for (const from of ["/contacts", "/tasks"]) {
    await page.goto(from);
    const hrefs = await page.locator('a[href^="/contacts/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const path = hrefs.find((h) => /^\/contacts\/[^/?#]+$/.test(h));
    if (path) return path;
  }
  throw new Error("No link to a contact on /contacts or /tasks");
}

test("a rep completes a task in one click", async ({ page }) => {
  test.setTimeout(60_000);
  const stamp = Date.now();
  const title = `E2E task ${stamp}`;
  await page.goto(await someContactPath(page));
  const bar = page.getByRole("region", { name: "Log activity" });
  await bar.getByRole("button", { name: "Call", exact: true }).click();
  await bar.getByRole("button", { name: "Save call" }).click();
  const next = page.getByRole("form", { name: "Next step" });
  await next.getByLabel("Task").fill(title);
  await next.getByRole("button", { name: "Create task" }).click();
  await expect(next).toBeHidden();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My tasks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My tasks" })).toBeVisible();
  const upcoming = page.getByRole("region", { name: /Upcoming/ });
  const row = upcoming.getByTestId("task-row").filter({ hasText: title });
  await expect(row).toBeVisible();
  await expect(row.getByRole("link")).toHaveAttribute("href", /^\/contacts\//);

  await row.getByRole("button", { name: `Complete “${title}”` }).click();
  const done = page.getByRole("region", { name: /Completed recently/ }).getByTestId("task-row").filter({ hasText: title });
  await expect(done).toBeVisible();
  // Shown at once; saved when the row stops being busy.
  await expect(done).not.toHaveAttribute("aria-busy", "true");
  await expect(upcoming.getByTestId("task-row").filter({ hasText: title })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("region", { name: /Completed recently/ }).getByTestId("task-row").filter({ hasText: title })).toBeVisible();
  await expect(page.getByRole("region", { name: /Upcoming/ }).getByTestId("task-row").filter({ hasText: title })).toHaveCount(0);
});

test("marketing has no task list", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: storageStateOf("marketing") });
  const page = await ctx.newPage();
  const res = await page.goto("/tasks");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My tasks" })).toHaveCount(0);
  await ctx.close();
});
