// Contacts end to end: filter, sort and page with the view kept in the URL; export the filtered view
// as CSV and check its rows; sales creates and edits its own contact; marketing only reads.
import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../lib/crm/csv";
import { waitUntilReady } from "./ready";
import { storageStateOf } from "./roles";

const table = (page: Page) => page.getByRole("table", { name: "Contacts" });
const rows = (page: Page) => table(page).getByTestId("data-row");
const status = (page: Page) => page.getByRole("status").filter({ hasText: /of|No rows|Loading/ });

async function totalShown(page: Page): Promise<number> {
  const text = (await status(page).textContent()) ?? "";
  const m = /of ([\d,]+)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, "")) : 0;
}

test.describe("as admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("filters, sorts and pages with the view in the URL, and exports the filtered view", async ({ page, request }) => {
    await page.goto("/contacts");
    await expect(rows(page).first()).toBeVisible();
    const all = await totalShown(page);
    expect(all).toBeGreaterThan(25);

    // Page size and paging.
    await page.getByLabel("Rows per page").selectOption("25");
    await expect(page).toHaveURL(/size=25/);
    await expect(rows(page)).toHaveCount(25);
    const firstOnPage1 = await rows(page).first().textContent();
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByText(/^Page 2 of/)).toBeVisible();
    await expect(rows(page).first()).not.toHaveText(firstOnPage1 ?? "");

    // A stage filter goes back to page 1 and narrows the total.
    await page.locator("summary", { hasText: "Stage" }).click();
    await page.getByRole("checkbox", { name: "Customer" }).check();
    await expect(page).toHaveURL(/stage=customer/);
    await expect(page).not.toHaveURL(/page=2/);
    await page.locator("summary", { hasText: "Stage" }).click();
    await expect.poll(() => totalShown(page)).toBeLessThan(all);
    const customers = await totalShown(page);
    expect(customers).toBeGreaterThan(0);
    const stageCells = table(page).locator("tbody tr td:nth-child(5)");
    for (const text of await stageCells.allTextContents()) expect(text).toBe("Customer");

    // Sort by name: the header says so and the URL keeps it.
    await table(page).getByRole("button", { name: /^Name/ }).click();
    await expect(page).toHaveURL(/sort=name/);
    await expect(page).toHaveURL(/dir=asc/);
    await expect(table(page).getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");

    // Reloading keeps the view.
    // (The total may only grow meanwhile: other tests create customers, e.g. Customer 360's "create contact".)
    await page.reload();
    await expect(page.getByRole("checkbox", { name: "Customer", includeHidden: true })).toBeChecked();
    await expect(table(page).getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");
    expect(await totalShown(page)).toBeGreaterThanOrEqual(customers);

    // Hide a column; it is kept in the URL.
    await page.locator("summary", { hasText: "Columns" }).click();
    await page.getByRole("checkbox", { name: "Open tickets" }).uncheck();
    await expect(page).toHaveURL(/cols=/);
    await expect(table(page).getByRole("columnheader", { name: /Open tickets/ })).toHaveCount(0);

    // The export has every contact of the filtered view (not just the page), with owner labels.
    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    expect(href).toContain("stage=customer");
    expect(href).not.toContain("page=");
    const res = await request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/csv");
    const csv = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    const header = csv[0]!;
    expect(header).toEqual(expect.arrayContaining(["id", "email", "lifecycle_stage", "owner_id", "owner_name", "company_name"]));
    expect(header).not.toContain("open_tickets");
    const body = csv.slice(1);
    const stageIdx = header.indexOf("lifecycle_stage");
    expect(body.every((r) => r[stageIdx] === "customer")).toBe(true);
    // Other tests create customers meanwhile (Customer 360's "create contact"), so the export is held
    // between the view's totals just before and just after it, and holds every row the page showed.
    await page.reload();
    const after = await totalShown(page);
    expect(body.length).toBeGreaterThanOrEqual(Math.min(customers, after));
    expect(body.length).toBeLessThanOrEqual(Math.max(customers, after));
    const exported = new Set(body.map((r) => r[header.indexOf("id")]));
    const shown = await rows(page).locator('a[href^="/contacts/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")!.slice("/contacts/".length)));
    expect(shown.length).toBeGreaterThan(0);
    for (const id of shown) expect(exported.has(id), `contact ${id} on the page is in the export`).toBe(true);
  });

  test("search narrows the table and the URL keeps it", async ({ page }) => {
    await page.goto("/contacts?size=25");
    const first = rows(page).first();
    const email = (await first.locator("td:nth-child(2)").textContent())!.trim();
    await page.getByRole("searchbox", { name: "Search" }).fill(email);
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(email).replace(/\./g, "\\.")}`));
    await expect(rows(page)).toHaveCount(1);
    await page.getByRole("searchbox", { name: "Search" }).fill("zzz-no-such-contact-zzz");
    await expect(page.getByText("No contacts match this view.")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).not.toHaveURL(/q=/);
  });

  test("what is typed while the search loads is kept, and searched for next", async ({ page }) => {
    await page.goto("/contacts");
    await waitUntilReady(page);
    const search = page.getByRole("searchbox", { name: "Search" });
    // The page's update for the first search is fetched, then held until more has been typed into the
    // box, then delivered at once (well within the box's pause before it searches again).
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let fetched = () => {};
    const requested = new Promise<void>((r) => (fetched = r));
    await page.route(
      (url) => url.pathname === "/contacts" && url.searchParams.get("q") === "ada",
      async (route) => {
        const response = await route.fetch();
        fetched();
        await held;
        await route.fulfill({ response });
      },
    );
    await search.pressSequentially("ada");
    await requested;
    await search.pressSequentially(" lovelace");
    release();
    await expect(page).toHaveURL(/q=ada(\+|%20)lovelace/);
    await expect(search).toHaveValue("ada lovelace");
  });
});

test.describe("as sales", () => {
  test.use({ storageState: storageStateOf("sales") });

  test("creates a contact it then owns, and edits it", async ({ page }) => {
    const email = `e2e.${Date.now()}@example.com`;
    await page.goto("/contacts");
    await page.getByRole("button", { name: "New contact" }).click();
    const form = page.getByRole("form", { name: "New contact" });
    await form.getByLabel("Email").fill("not-an-email");
    await form.getByRole("button", { name: "Create contact" }).click();
    await expect(form.locator("#contact-email-error")).toHaveText(/Enter a valid email address/);
    await expect(form.getByRole("alert")).toHaveText("Check the highlighted fields.");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("First name").fill("Eddie");
    await form.getByLabel("Last name").fill("Two-Ends");
    await form.getByLabel("Lifecycle stage").selectOption("mql");
    await form.getByRole("button", { name: "Create contact" }).click();
    await expect(form).toBeHidden();

    await page.getByRole("searchbox", { name: "Search" }).fill(email);
    await expect(rows(page)).toHaveCount(1);
    const row = rows(page).first();
    await expect(row).toContainText("Eddie Two-Ends");
    await expect(row).toContainText("Sam Sales");
    await expect(row).toContainText("MQL");

    await row.getByRole("button", { name: "Edit Eddie Two-Ends" }).click();
    const edit = page.getByRole("form", { name: "Edit contact" });
    await expect(edit.getByLabel("Email")).toHaveValue(email);
    await edit.getByLabel("Job title").fill("Head of Testing");
    await edit.getByLabel("Lifecycle stage").selectOption("sql");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit).toBeHidden();
    await expect(rows(page).first()).toContainText("SQL");

    // Sales gets an Edit button exactly on the contacts it owns.
    await page.goto("/contacts?size=100");
    await expect(rows(page).first()).toBeVisible();
    let others = 0;
    for (const r of await rows(page).all()) {
      const owner = (await r.locator("td:nth-child(4)").textContent())!.trim();
      const editable = await r.getByRole("button", { name: /^Edit / }).count();
      expect(editable, `row owned by ${owner}`).toBe(owner === "Sam Sales" ? 1 : 0);
      if (owner !== "Sam Sales") others++;
    }
    expect(others).toBeGreaterThan(0);
  });
});

test.describe("as marketing", () => {
  test.use({ storageState: storageStateOf("marketing") });

  test("reads and exports but cannot create or edit", async ({ page, request }) => {
    await page.goto("/contacts");
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "New contact" })).toHaveCount(0);
    await expect(table(page).getByRole("button", { name: /^Edit / })).toHaveCount(0);
    const res = await request.get("/api/crm/export/contacts?tickets=open");
    expect(res.status()).toBe(200);
  });
});
