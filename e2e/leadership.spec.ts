// Leadership dashboards: leadership drills from a channel's CAC into its new customers; marketing
// edits a spend cell and that channel's CAC changes; sales gets the 403 page.
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./roles";

const usd = (n: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 }).format(n);

test.describe("leadership", () => {
  test.use({ storageState: storageStateOf("leadership") });

  test("sees the dashboard and drills from a channel's CAC into its new customers", async ({ page }) => {
    await page.goto("/leadership");
    await expect(page.getByRole("heading", { name: "Leadership", level: 1 })).toBeVisible();
    for (const tile of ["Blended CAC", "Paid CAC", "Formula LTV", "LTV:CAC", "CAC payback", "New customers", "MRR", "ARR", "Net revenue retention", "Customer churn"]) {
      await expect(page.getByTestId("kpi").filter({ has: page.getByText(tile, { exact: true }) })).toBeVisible();
    }
    await expect(page.getByRole("figure", { name: "CAC by channel and month" })).toBeVisible();
    await expect(page.getByRole("figure", { name: "MRR movements by month" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Net MRR retention by acquisition cohort" })).toBeVisible();

    // The first channel with a CAC: its new-customer count, then the people behind the CAC.
    const cacLink = page.getByRole("link", { name: / — CAC of / }).first();
    const channel = (await cacLink.getAttribute("title"))!.replace(/^CAC of (.*): the new customers behind it$/, "$1");
    const row = page.locator(`[data-testid="channel-row"][data-channel="${channel}"]`);
    // The link reads "12 — 12 new customers from …": the visible number, then what it is for screen readers.
    const newCustomers = Number((await row.getByRole("link", { name: new RegExp(`new customers from ${channel}$`) }).textContent())!.match(/^\s*([\d,]+)/)![1]!.replace(/,/g, ""));
    expect(newCustomers).toBeGreaterThan(0);
    await cacLink.click();

    await expect(page).toHaveURL(/\/leadership\/people\?figure=new/);
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(`^New customers acquired .* · ${channel}$`) })).toBeVisible();
    const people = page.getByTestId("person-row");
    await expect(people).toHaveCount(newCustomers);
    for (const r of await people.all()) await expect(r.getByRole("cell").nth(2)).toHaveText(channel);
    const first = people.first().getByRole("link");
    const name = await first.innerText();
    await first.click();
    await expect(page).toHaveURL(/\/customers\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  });
});

test.describe("marketing", () => {
  test.use({ storageState: storageStateOf("marketing") });

  test("edits a spend cell and that channel's CAC changes", async ({ page }) => {
    // The exact figures behind the table, from the metrics API with the same session: a paid channel with a CAC.
    type Row = { channel: string; spend: number; newCustomers: number; cac: number | null };
    const rows = async () => {
      const res = await page.request.get("/api/v1/metrics/cac?groupBy=channel");
      expect(res.status()).toBe(200);
      return (await res.json()).rows as Row[];
    };
    const before = (await rows()).find((r) => r.cac !== null)!;
    expect(before, "a channel with spend and new customers").toBeDefined();
    const channel = before.channel;
    await page.goto("/leadership");
    const row = () => page.locator(`[data-testid="channel-row"][data-channel="${channel}"]`);
    await expect(row().getByRole("cell").nth(3)).toContainText(usd(before.cac!));

    await page.getByRole("link", { name: "Edit spend" }).click();
    await expect(page.getByRole("heading", { name: "Marketing spend", level: 1 })).toBeVisible();
    // One of this month's cells of that channel (the demo records spend by platform: google, meta, linkedin).
    const month = new Date().toLocaleString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
    const cell = page.getByRole("textbox", { name: new RegExp(`^${channel} / \\w+, ${month}$`) }).first();
    await expect(cell).toBeEnabled();
    const next = (Number(await cell.inputValue()) + 1234).toFixed(2);
    await cell.fill(next);
    await expect(page.getByRole("status").filter({ hasText: "1 unsaved change" })).toBeVisible();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved: 0 new, 1 changed, 0 cleared." })).toBeVisible();
    const change = page.getByTestId("spend-change").first();
    await expect(change).toContainText("grid");
    await expect(change).toContainText(`$${Number(next).toLocaleString("en-US", { minimumFractionDigits: 2 })}`);

    const after = (await rows()).find((r) => r.channel === channel)!;
    expect(after.spend).toBeCloseTo(before.spend + 1234, 6);
    expect(after.newCustomers).toBe(before.newCustomers);
    expect(after.cac).toBeCloseTo(after.spend / after.newCustomers, 6);
    await page.goto("/leadership");
    await expect(row().getByRole("cell").nth(3)).toContainText(usd(after.cac!));
    expect(usd(after.cac!)).not.toBe(usd(before.cac!));
  });
});

test.describe("sales", () => {
  test.use({ storageState: storageStateOf("sales") });

  test("gets the 403 page on the dashboards", async ({ page }) => {
    for (const url of ["/leadership", "/leadership/spend", "/leadership/people?figure=paying&month=2025-01"]) {
      const res = await page.goto(url);
      expect(res?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    }
  });
});
