// Paths, Attribution and Audiences end to end on the demo data: the paths page draws a diagram and
// its tables and collapses page views; attribution compares two models (each row's change is the
// difference of the two, the changes cancel out); an audience mixing a CRM field with a behaviour
// shows a live count and members, is saved, filters attribution and a funnel, and is deleted by its author.
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("marketing") });

/** The audience count once it answers the current conditions (a stale one stays shown meanwhile). */
async function freshCount(page: Page): Promise<number> {
  const count = page.getByTestId("audience-count");
  await expect(count).toHaveAttribute("data-stale", "false");
  return num(await count.textContent());
}

const num = (s: string | null) => Number((s ?? "").replace(/[^\d.−-]/g, "").replace("−", "-"));

test("Paths: a diagram, people and drop-off per step, and the most common paths", async ({ page }) => {
  await page.goto("/paths");
  const diagram = page.getByRole("figure", { name: /^Paths after Signed Up/ });
  await expect(diagram).toBeVisible();
  const nodes = diagram.getByTestId("sankey-node");
  expect(await nodes.count()).toBeGreaterThanOrEqual(3);
  const people = num(await page.getByTestId("paths-people").textContent());
  expect(people).toBeGreaterThan(0);

  // The level table: people never grow from one step to the next, and drop-off is the difference.
  const levels = page.getByTestId("paths-level");
  await expect(levels).toHaveCount(5);
  let previous = people;
  for (const row of await levels.all()) {
    const cells = await row.locator("td").allTextContents();
    const [here, dropped] = [num(cells[1]!), num(cells[2]!)];
    expect(here + dropped).toBe(previous);
    previous = here;
  }
  await expect(page.getByTestId("paths-top-row").first()).toContainText("Signed Up →");

  // Keyboard: Tab onto a step reads out its numbers.
  await nodes.first().focus();
  await expect(diagram.locator("figcaption")).toContainText("Signed Up (anchor):");

  // The diagram as a table, then page views collapsed into one step (kept in the address).
  await page.getByText("Show the diagram as a table").click();
  await expect(page.getByRole("table", { name: "Steps at each level" })).toBeVisible();
  await page.getByRole("combobox", { name: /^Page views/ }).selectOption("collapsed");
  await page.getByRole("button", { name: "Show paths" }).click();
  await expect(page).toHaveURL(/pages=collapsed/);
  await expect(page.getByTestId("paths-top-row").first()).toContainText("(any page)");
});

async function compareRows(page: Page): Promise<{ a: number; b: number; delta: number }[]> {
  const rows = page.getByTestId("compare-row");
  await expect(rows.first()).toBeVisible();
  const out = [];
  for (const r of await rows.all()) {
    const cells = await r.locator("td").allTextContents();
    out.push({ a: num(cells[0]!), b: num(cells[1]!), delta: cells[2] === "±0" ? 0 : num(cells[2]!) });
  }
  return out;
}

test("Attribution: compares two models side by side", async ({ page }) => {
  await page.goto("/attribution");
  await expect(page.getByTestId("attribution-row").first()).toBeVisible();
  const conversions = num(await page.getByTestId("attribution-conversions").textContent());
  expect(conversions).toBeGreaterThan(0);
  await expect(page.getByRole("table", { name: "Credit by model (conversions · revenue)" })).toBeVisible();

  await page.getByRole("combobox", { name: /^Model A/ }).selectOption({ label: "First touch" });
  await page.getByRole("combobox", { name: /^Model B/ }).selectOption({ label: "Last non-direct" });
  await expect(page.getByRole("table", { name: "First touch compared with Last non-direct" })).toBeVisible();
  const rows = await compareRows(page);
  for (const r of rows) expect(r.delta).toBeCloseTo(r.b - r.a, 1);
  // Each model hands out every conversion once: the totals agree, so the changes cancel out.
  expect(rows.reduce((s, r) => s + r.a, 0)).toBeCloseTo(conversions, 1);
  expect(rows.reduce((s, r) => s + r.b, 0)).toBeCloseTo(conversions, 1);
  expect(rows.reduce((s, r) => s + r.delta, 0)).toBeCloseTo(0, 1);

  // Another pair, and the chart's table alternative is the credit table.
  await page.getByRole("combobox", { name: /^Model B/ }).selectOption({ label: "U-shaped" });
  await expect(page.getByRole("table", { name: "First touch compared with U-shaped" })).toBeVisible();
  await page.getByRole("combobox", { name: /^Credit/ }).selectOption("campaign");
  await page.getByRole("button", { name: "Attribute" }).click();
  await expect(page).toHaveURL(/dimension=campaign/);
  await expect(page.getByRole("columnheader", { name: "Campaign" }).first()).toBeVisible();
});

test("Audiences: a CRM field and a behaviour, a live count and members, saved, used on attribution, deleted", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto("/audiences/new");
  // The blank condition asks to be finished (the builder is hydrated once it says so).
  await expect(page.getByText("Finish the conditions to see who matches")).toBeVisible();

  // 1: CRM lifecycle stage is not Customer.
  await page.getByLabel("Condition 1: type", { exact: true }).selectOption({ label: "CRM field" });
  await page.getByLabel("Condition 1: comparison", { exact: true }).selectOption({ label: "is not" });
  await page.getByLabel("Condition 1: value", { exact: true }).selectOption({ label: "Customer" });
  // 2: did "Signed Up", ever.
  await page.getByRole("button", { name: "+ Condition" }).click();
  await page.getByLabel("Condition 2: event name", { exact: true }).fill("Signed Up");
  await page.getByLabel("Condition 2: when", { exact: true }).selectOption({ label: "ever" });
  await expect(page.getByText("lifecycle stage is not Customer and did “Signed Up” ever")).toBeVisible();

  const andCount = await freshCount(page);
  expect(andCount).toBeGreaterThan(0);
  const members = page.getByRole("table", { name: "Audience members" });
  await expect(members.getByTestId("data-row")).toHaveCount(Math.min(25, andCount));
  await expect(members.getByRole("link").first()).toHaveAttribute("href", /^\/customers\//);

  // OR instead of AND: more people (anonymous visitors are not customers either), then back.
  await page.getByLabel("Condition group: match", { exact: true }).selectOption("any");
  await expect(page.getByText("lifecycle stage is not Customer or did “Signed Up” ever")).toBeVisible();
  expect(await freshCount(page)).toBeGreaterThan(andCount);
  await page.getByLabel("Condition group: match", { exact: true }).selectOption("all");
  expect(await freshCount(page)).toBe(andCount);

  // Save, then use it on Attribution.
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("E2E signed-up non-customers");
  await page.getByRole("button", { name: "Save audience" }).click();
  await expect(page).toHaveURL(/\/audiences\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "E2E signed-up non-customers" })).toBeVisible();
  expect(await freshCount(page)).toBe(andCount);
  const csv = page.getByRole("link", { name: /Export .*as CSV/ });
  await expect(csv).toHaveAttribute("href", /format=csv/);

  await page.getByRole("link", { name: "Attribution for this audience" }).click();
  await expect(page.getByRole("combobox", { name: /^People/ })).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByText("Members of “E2E signed-up non-customers” only.")).toBeVisible();

  // And on a funnel: only its members, fewer than everyone.
  await page.goBack();
  await page.getByRole("link", { name: "Funnel for this audience" }).click();
  await expect(page.locator('form[data-hydrated="true"]')).toBeVisible();
  await expect(page.getByLabel("People", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
  await page.getByLabel("Date range (step 1, UTC)").selectOption("365");
  await page.getByRole("button", { name: "Calculate" }).click();
  await expect(page.getByTestId("funnel-audience")).toContainText("“E2E signed-up non-customers”");
  const entered = async () => Number(((await page.getByTestId("funnel-steps").locator("tbody tr").first().locator("td").first().textContent()) ?? "").replace(/[^0-9]/g, ""));
  const inAudience = await entered();
  expect(inAudience).toBeGreaterThan(0);
  // Everyone: the customers who signed up count too.
  await page.getByLabel("People", { exact: true }).selectOption("");
  await page.getByRole("button", { name: "Calculate" }).click();
  await expect(page.getByTestId("funnel-audience")).toHaveCount(0);
  await expect.poll(entered).toBeGreaterThan(inAudience);

  // The list shows it; its author deletes it.
  await page.goto("/audiences");
  await page.getByRole("link", { name: "E2E signed-up non-customers" }).click();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete audience" }).click();
  await expect(page).toHaveURL(/\/audiences$/);
  await expect(page.getByRole("link", { name: "E2E signed-up non-customers" })).toHaveCount(0);
});
