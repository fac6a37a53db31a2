// Import end to end: as sales, a 5-row contacts CSV with one bad row imports the other four, the
// progress finishes, the bad row is reported with its reason, and an imported contact is in /contacts.
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("sales") });

test("a CSV import with one bad row imports the rest and reports the bad one", async ({ page }) => {
  const tag = Date.now().toString(36);
  const email = (n: number) => `imp-${tag}-${n}@e2e.test`;
  const csv = [
    "Email,First name,Last name,Job title,Lifecycle stage",
    `${email(1)},Ivy,Import${tag},Buyer,lead`,
    `${email(2)},Ian,Import${tag},,mql`,
    "not-an-email,Bad,Row,,",
    `${email(4)},Isa,Import${tag},,customer`,
    `${email(5)},Ike,Import${tag},CTO,`,
  ].join("\r\n");

  await page.goto("/contacts");
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/import\?kind=contacts/);
  // A file chosen before the page has hydrated is not seen by React: choose it again until it is.
  await expect(async () => {
    await page.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await expect(page.getByLabel("Field for column Email")).toHaveValue("email", { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByLabel("Field for column Lifecycle stage")).toHaveValue("lifecycleStage");

  // Dry run: the preview says what would happen, and writes nothing.
  await page.getByRole("button", { name: "Check rows (dry run)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "5 of 5 rows checked." })).toBeVisible();
  const preview = page.getByRole("table", { name: "Preview" });
  await expect(preview.getByRole("row")).toHaveCount(6);
  await expect(preview.getByRole("row").nth(3)).toContainText("Reject");
  await expect(preview.getByRole("row").nth(3)).toContainText("valid email");

  await page.getByRole("button", { name: "Import 5 rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "5 of 5 rows processed. Import finished." })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Rows processed" })).toHaveAttribute("aria-valuenow", "5");
  const totals = page.getByLabel("Totals");
  await expect(totals.getByText("Created").locator("xpath=following-sibling::dd")).toHaveText("4");
  await expect(totals.getByText("Rejected").locator("xpath=following-sibling::dd")).toHaveText("1");
  const rejected = page.getByRole("table", { name: "Rejected rows" });
  await expect(rejected.getByRole("row")).toHaveCount(2);
  await expect(rejected.getByRole("row").nth(1)).toContainText("4");
  await expect(rejected.getByRole("row").nth(1)).toContainText("Enter a valid email address");

  await page.goto(`/contacts?q=${encodeURIComponent(email(4))}`);
  const row = page.getByRole("table", { name: "Contacts" }).getByTestId("data-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`Isa Import${tag}`);
});
