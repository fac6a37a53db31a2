// Raw export end to end: an admin downloads the Website source's events of the last 30 days as NDJSON
// from the Export page — one stored event per line, with the documented keys, exactly the events the
// token API gives for the same filters — and every profile as CSV; a backwards range is refused in the
// form. Other roles' Export page has no raw section.
import fs from "node:fs";
import { expect, test, type Download, type Page } from "@playwright/test";
import { parseCsvText } from "../lib/crm/import-csv";
import { EVENT_COLUMNS, PROFILE_COLUMNS } from "../lib/export/raw";
import { waitUntilReady } from "./ready";
import { demoCredentials, storageStateOf } from "./roles";

const isoDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

async function openExport(page: Page) {
  await page.goto("/export");
  await waitUntilReady(page);
}

const read = async (download: Download) => fs.readFileSync((await download.path())!, "utf8");

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("downloads one source's events of a date range as NDJSON, the same as the token API's", async ({ page, playwright, baseURL }) => {
    const { sources, adminApiToken } = demoCredentials();
    // Up to the day before yesterday: other specs running beside this one send events stamped within
    // the last hour (and delete them), and an export includes what is committed when it starts, so the
    // download and the API call a moment later would differ by those.
    const [first, last] = [isoDay(30), isoDay(2)];
    await openExport(page);
    const form = page.getByRole("form", { name: "Events" });
    await form.getByLabel("Source").selectOption({ label: "Website" });
    await form.getByLabel("First day").fill(first);
    await form.getByLabel("Last day").fill(last);
    await expect(form.getByRole("radio", { name: /NDJSON/ })).toBeChecked();
    const [download] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Download events" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tandem-events-\d{4}-\d{2}-\d{2}\.ndjson$/);
    await expect(form.getByRole("status")).toContainText("The download has started");

    const lines = (await read(download)).split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(0);
    const end = new Date(`${last}T00:00:00Z`).getTime() + 86_400_000;
    for (const e of lines) {
      expect(Object.keys(e)).toEqual([...EVENT_COLUMNS]);
      expect(e.sourceId).toBe(sources.website.id);
      const at = Date.parse(String(e.timestamp));
      expect(at).toBeGreaterThanOrEqual(Date.parse(`${first}T00:00:00Z`));
      expect(at).toBeLessThan(end);
    }
    expect(new Set(lines.map((e) => e.messageId)).size).toBe(lines.length);

    const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const res = await api.get(`/api/v1/events/export?source=${sources.website.id}&from=${first}&to=${new Date(end).toISOString()}`, {
      headers: { authorization: `Bearer ${adminApiToken.token}` },
    });
    expect(res.status()).toBe(200);
    const viaApi = (await res.text()).split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { messageId: string }).messageId);
    expect(lines.map((e) => e.messageId)).toEqual(viaApi);
    await api.dispose();
  });

  test("downloads every profile as CSV with identities and traits", async ({ page }) => {
    await openExport(page);
    const form = page.getByRole("form", { name: "Profiles" });
    await form.getByRole("radio", { name: /CSV/ }).check();
    const [download] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Download profiles" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tandem-profiles-\d{4}-\d{2}-\d{2}\.csv$/);
    const parsed = parseCsvText(await read(download));
    expect(parsed.error).toBeNull();
    expect(parsed.rows[0]).toEqual([...PROFILE_COLUMNS]);
    expect(parsed.rows.length).toBeGreaterThan(1);
    const identities = parsed.rows.slice(1).map((r) => JSON.parse(r[PROFILE_COLUMNS.indexOf("identities")]!) as string[]);
    expect(identities.some((ids) => ids.some((i) => i.startsWith("email:")))).toBe(true);
  });

  test("refuses a last day before the first, without downloading", async ({ page }) => {
    let downloads = 0;
    page.on("download", () => downloads++);
    await openExport(page);
    const form = page.getByRole("form", { name: "Events" });
    await form.getByLabel("First day").fill(isoDay(1));
    await form.getByLabel("Last day").fill(isoDay(5));
    await form.getByRole("button", { name: "Download events" }).click();
    await expect(form.getByText("The last day is before the first day.")).toBeVisible();
    await expect(form.getByLabel("Last day")).toHaveAttribute("aria-invalid", "true");
    expect(downloads).toBe(0);
  });
});

test.describe("as a marketer", () => {
  test.use({ storageState: storageStateOf("marketing") });

  test("the Export page has the CRM downloads but no raw data", async ({ page }) => {
    await openExport(page);
    await expect(page.getByRole("heading", { name: "One table as CSV" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Raw data (CDP)" })).toHaveCount(0);
    const res = await page.request.get("/export/events?from=2001-01-01&to=2001-01-02");
    expect(res.status()).toBe(403);
  });
});
