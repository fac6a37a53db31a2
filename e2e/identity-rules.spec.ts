// Settings → Identity resolution rules: an admin edits limits, priority and blocked values, which
// survive a reload; an invalid pattern saves nothing; reset restores the defaults; others never see it.
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateOf("admin") });

const rulesForm = (page: Page) => page.getByRole("form", { name: "Identity resolution rules" });
const BLOCKED = "qa-placeholder@example.invalid";

// Other specs ingest events: leave the defaults behind even when a test fails half-way.
test.afterAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("admin") });
  const page = await context.newPage();
  await page.goto("/settings");
  if (!(await page.getByTestId("identity-rules-changed").textContent())?.includes("Using Tandem's defaults")) {
    page.once("dialog", (d) => void d.accept());
    await rulesForm(page).getByRole("button", { name: "Reset to defaults" }).click();
    await expect(page.getByText("Reset to the defaults.")).toBeVisible();
  }
  await context.close();
});

test("an admin changes the email limit, the priority and a blocked value; they survive a reload", async ({ page }) => {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Identity resolution rules" })).toBeVisible();
  await expect(page.getByTestId("identity-rules-changed")).toContainText("Using Tandem's defaults");
  const form = rulesForm(page);
  await expect(form.getByLabel("Limit of email")).toHaveValue("5");
  await expect(form.getByLabel("Block empty values")).toBeChecked();

  await form.getByLabel("Limit of email").fill("3");
  const values = form.getByLabel("Blocked values", { exact: true });
  await values.fill(`${await values.inputValue()}\n${BLOCKED}`);
  // Keyboard: move phone above email; focus stays on the control that was used.
  await form.getByRole("button", { name: "Move phone up" }).focus();
  await page.keyboard.press("Enter");
  await expect(form.getByRole("button", { name: "Move phone up" })).toBeFocused();
  const order = form.getByTestId("identity-priority").getByRole("listitem");
  await expect(order).toHaveText([/user_id/, /phone/, /email/, /external ids/, /anonymous_id/]);

  await form.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText("Saved. New messages are resolved with these rules.")).toBeVisible();
  await expect(page.getByTestId("identity-rules-changed")).toContainText("Last changed by");

  await page.reload();
  await expect(form.getByLabel("Limit of email")).toHaveValue("3");
  await expect(form.getByLabel("Blocked values", { exact: true })).toHaveValue(new RegExp(`\\n${BLOCKED.replace(/\./g, "\\.")}$`));
  await expect(form.getByLabel("Block empty values")).toBeChecked();
  await expect(order).toHaveText([/user_id/, /phone/, /email/, /external ids/, /anonymous_id/]);
  await expect(page.getByTestId("identity-rules-changed")).toContainText(/Last changed by .+ UTC/);
});

test("an invalid regular expression is reported on its line and nothing is saved", async ({ page }) => {
  await page.goto("/settings");
  const form = rulesForm(page);
  await form.getByLabel("Limit of email").fill("4");
  const patterns = form.getByLabel("Blocked patterns", { exact: true });
  const lines = (await patterns.inputValue()).split("\n").length;
  await patterns.fill(`${await patterns.inputValue()}\n(unclosed`);
  await form.getByRole("button", { name: "Save rules" }).click();
  await expect(form.getByText(`Line ${lines + 1}: Not a valid regular expression.`)).toBeVisible();
  await expect(patterns).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Nothing was saved")).toBeVisible();

  await page.reload();
  await expect(form.getByLabel("Limit of email")).toHaveValue("3");
  await expect(form.getByLabel("Blocked patterns", { exact: true })).not.toHaveValue(/unclosed/);
});

test("reset to defaults restores them", async ({ page }) => {
  await page.goto("/settings");
  const form = rulesForm(page);
  page.once("dialog", (d) => void d.accept());
  await form.getByRole("button", { name: "Reset to defaults" }).click();
  await expect(page.getByText("Reset to the defaults.")).toBeVisible();
  await expect(form.getByLabel("Limit of email")).toHaveValue("5");

  await page.reload();
  await expect(page.getByTestId("identity-rules-changed")).toContainText("Using Tandem's defaults");
  await expect(form.getByLabel("Limit of email")).toHaveValue("5");
  await expect(form.getByLabel("Blocked values", { exact: true })).not.toHaveValue(new RegExp(BLOCKED.replace(/\./g, "\\.")));
  await expect(form.getByTestId("identity-priority").getByRole("listitem")).toHaveText([/user_id/, /email/, /phone/, /external ids/, /anonymous_id/]);
});

test("only admins reach the rules", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("marketing") });
  const page = await context.newPage();
  const res = await page.goto("/settings");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Identity resolution rules" })).toHaveCount(0);
  await context.close();
});
