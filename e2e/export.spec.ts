// Export end to end: the contacts CSV from the export page has the documented header and one row
// per contact.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { parseCsvText } from "../lib/crm/import-csv";
import { EXPORT_COLUMNS } from "../lib/crm/export";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("marketing") });

async function contactsTotal(page: import("@playwright/test").Page): Promise<number> {
  await page.goto("/contacts");
  const text = (await page.getByRole("status").filter({ hasText: /of [\d,]+/ }).textContent()) ?? "";
  return Number(/of ([\d,]+)/.exec(text)![1]!.replace(/,/g, ""));
}

test("downloads the contacts CSV with its header and every row", async ({ page }) => {
  const before = await contactsTotal(page);
  expect(before).toBeGreaterThan(0);
  await page.getByRole("link", { name: "Export", exact: true }).click();
  await expect(page).toHaveURL(/\/export$/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Contacts (CSV)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tandem-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  const parsed = parseCsvText(fs.readFileSync((await download.path())!, "utf8"));
  expect(parsed.error).toBeNull();
  expect(parsed.rows[0]).toEqual([...EXPORT_COLUMNS.contacts]);
  const after = await contactsTotal(page);
  // Other specs may add contacts meanwhile: the file holds every contact that existed.
  expect(parsed.rows.length - 1).toBeGreaterThanOrEqual(before);
  expect(parsed.rows.length - 1).toBeLessThanOrEqual(after);
});
