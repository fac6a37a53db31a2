// Companies end to end: the list (sort, filter, export) and a company's page with its contacts,
// open tickets and rolled-up activity; sales creates a company; marketing only reads.
import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../lib/crm/csv";
import { storageStateOf } from "./roles";

const table = (page: Page) => page.getByRole("table", { name: "Companies" });
const rows = (page: Page) => table(page).getByTestId("data-row");

test.describe("as admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("sorts by contacts, opens a company and exports the view", async ({ page, request }) => {
    await page.goto("/companies");
    await expect(rows(page).first()).toBeVisible();
    await table(page).getByRole("button", { name: /^Contacts/ }).click();
    await expect(page).toHaveURL(/sort=contacts/);
    await expect(page).toHaveURL(/dir=desc/);
    const counts = (await table(page).locator("tbody tr td:nth-child(5)").allTextContents()).map((t) => Number(t.replace(/,/g, "")));
    expect(counts.length).toBeGreaterThan(1);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);

    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    const csv = parseCsv((await (await request.get(href!)).text()).replace(/^\uFEFF/, ""));
    expect(csv[0]).toEqual(expect.arrayContaining(["id", "name", "owner_name", "contacts", "open_tickets"]));
    const contactsIdx = csv[0]!.indexOf("contacts");
    expect(Number(csv[1]![contactsIdx])).toBe(counts[0]);

    const top = rows(page).first().getByRole("link").first();
    const name = (await top.textContent())!;
    await top.click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByTestId("company-owner")).toBeVisible();
    await expect(page.getByRole("table", { name: `Contacts at ${name}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Open tickets" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Activity" })).toBeVisible();
    const items = page.getByTestId("activity-item");
    const before = await items.count();
    const more = page.getByRole("button", { name: "Load more" });
    if (await more.isVisible()) {
      await more.click();
      await expect.poll(() => items.count()).toBeGreaterThan(before);
    }
  });
});

test.describe("as sales", () => {
  test.use({ storageState: storageStateOf("sales") });

  test("creates a company it owns and edits it on its page", async ({ page }) => {
    const name = `E2E Co ${Date.now()}`;
    await page.goto("/companies");
    await page.getByRole("button", { name: "New company" }).click();
    const form = page.getByRole("form", { name: "New company" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Domain").fill(`https://www.e2e-${Date.now()}.example.com/`);
    await form.getByRole("button", { name: "Create company" }).click();
    await expect(form).toBeHidden();
    await page.getByRole("searchbox", { name: "Search" }).fill(name);
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText("Sam Sales");
    await rows(page).first().getByRole("link", { name }).click();
    await page.getByRole("button", { name: "Edit company" }).click();
    const edit = page.getByRole("form", { name: "Edit company" });
    await edit.getByLabel("Industry").fill("Testing");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByText("Testing")).toBeVisible();
  });
});

test.describe("as marketing", () => {
  test.use({ storageState: storageStateOf("marketing") });

  test("reads companies without create or edit controls", async ({ page }) => {
    await page.goto("/companies");
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "New company" })).toHaveCount(0);
    await rows(page).first().getByRole("link").first().click();
    await expect(page.getByTestId("company-owner")).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit company" })).toHaveCount(0);
  });
});
