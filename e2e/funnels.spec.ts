// Funnels end to end, as a marketer on the demo data: build a 3-step funnel (sign-up → trial →
// subscription) broken down by first-touch channel, read it, open the people who dropped off before
// paying and open one of them; the funnel's link reproduces it; save it, find it, delete it.
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("marketing") });

async function ready(page: Page, url = "/funnels") {
  await page.goto(url);
  await expect(page.locator('form[data-hydrated="true"]')).toBeVisible();
}

async function buildThreeSteps(page: Page) {
  await ready(page);
  // A new funnel starts from the lifecycle's sign-up and trial events.
  await expect(page.getByLabel("Step 1: event")).toHaveValue("Signed Up");
  await expect(page.getByLabel("Step 2: event")).toHaveValue("Trial Started");
  await page.getByRole("button", { name: "+ Add step" }).click();
  await page.getByLabel("Step 3: event").fill("Subscription Started");
  await page.getByLabel("Date range (step 1, UTC)").selectOption("90");
  await page.getByLabel("Breakdown").selectOption("first_touch:channel");
  await page.getByRole("button", { name: "Calculate" }).click();
}

const stepRows = (page: Page) => page.getByTestId("funnel-steps").locator("tbody tr");
const count = (text: string | null) => Number((text ?? "").replace(/[^0-9]/g, ""));

test("a 3-step funnel by channel, its drop-off list, and a person from it", async ({ page }) => {
  test.setTimeout(90_000);
  await buildThreeSteps(page);
  await expect(stepRows(page)).toHaveCount(3);
  const entered = count(await stepRows(page).nth(0).locator("td").first().textContent());
  const paid = count(await stepRows(page).nth(2).locator("td").first().textContent());
  expect(entered).toBeGreaterThan(0);
  expect(paid).toBeGreaterThan(0);
  expect(paid).toBeLessThan(entered);
  await expect(page).toHaveURL(/[?&]f=/);

  // The breakdown: several channels, each a row of people per step.
  const breakdown = page.getByTestId("funnel-breakdown");
  await expect(breakdown).toBeVisible();
  expect(await breakdown.locator("tbody tr").count()).toBeGreaterThan(2);
  await expect(breakdown.locator("thead")).toContainText("First-touch channel");

  // Who dropped off before paying.
  const dropped = stepRows(page).nth(2).getByRole("button", { name: /^Dropped off/ });
  const droppedCount = count(await dropped.textContent());
  const second = count(await stepRows(page).nth(1).locator("td").first().textContent());
  expect(droppedCount).toBe(second - paid);
  await dropped.click();
  const panel = page.getByTestId("funnel-people");
  await expect(panel.getByRole("heading", { name: /Dropped off before step 3/ })).toBeFocused();
  await expect(panel).toContainText(`${droppedCount.toLocaleString("en-US")} ${droppedCount === 1 ? "person" : "people"}`);
  const first = panel.locator("tbody a").first();
  await expect(first).toBeVisible();
  const href = await first.getAttribute("href");
  expect(href).toMatch(/^\/customers\/.+/);
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("the funnel's link reproduces it; saved, it is listed and can be deleted", async ({ page, context }) => {
  test.setTimeout(90_000);
  await buildThreeSteps(page);
  await expect(stepRows(page)).toHaveCount(3);
  const numbers = await stepRows(page).locator("td:nth-child(2)").allTextContents();

  // The address alone rebuilds and recalculates it.
  const other = await context.newPage();
  await ready(other, page.url());
  await expect(other.getByLabel("Step 3: event")).toHaveValue("Subscription Started");
  await expect(other.getByTestId("funnel-steps").locator("tbody tr")).toHaveCount(3);
  expect(await other.getByTestId("funnel-steps").locator("tbody tr td:nth-child(2)").allTextContents()).toEqual(numbers);
  await other.close();

  const name = `Trial to paid ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(/[?&]id=/);
  await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
  const savedLink = page.getByRole("link", { name: new RegExp(name) });
  await expect(savedLink).toHaveAttribute("aria-current", "page");
  await expect(stepRows(page)).toHaveCount(3);

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/funnels$/);
  await expect(page.getByRole("link", { name: new RegExp(name) })).toHaveCount(0);
});
