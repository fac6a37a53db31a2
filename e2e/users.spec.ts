// An admin's changes to a user take effect on that user's very next request.
import { expect, test } from "@playwright/test";
import { NAVIGATION, PASSWORD, storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

test("a role change and a disable take effect on the next request", async ({ page, browser }) => {
  const email = `temp-${Date.now()}@tandem.local`;
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Name").fill("Temp Rep");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("sales");
  await form.getByLabel("Initial password").fill(`${PASSWORD}-long-enough`);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`Added ${email}.`)).toBeVisible();
  await expect(page.getByTestId(`user-row-${email}`)).toBeVisible();

  // The new user signs in in their own browser context.
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const them = await theirs.newPage();
  await them.goto("/login");
  await them.getByLabel("Email").fill(email);
  await them.getByLabel("Password").fill(`${PASSWORD}-long-enough`);
  await them.getByRole("button", { name: "Sign in" }).click();
  await expect(them.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(NAVIGATION.sales);
  expect((await them.goto("/leadership"))?.status()).toBe(403);

  // Promote to leadership: the same session now reaches the dashboard.
  await page.getByLabel(`Role of ${email}`).selectOption("leadership");
  await expect(page.getByLabel(`Role of ${email}`)).toHaveValue("leadership");
  await expect.poll(async () => (await them.goto("/leadership"))?.status()).toBe(200);

  // Disable: the next request is signed out.
  await page.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(page.getByRole("button", { name: `Enable ${email}` })).toBeVisible();
  await them.goto("/contacts");
  await expect(them).toHaveURL(/\/login/);
  const api = await them.request.get("/api/me");
  expect(api.status()).toBe(401);
  await theirs.close();
});

test("an admin cannot disable their own account", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("button", { name: "Disable admin@tandem.local" }).click();
  await expect(page.getByText("You cannot disable your own account; ask another admin.")).toBeVisible();
});
