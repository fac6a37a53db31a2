// Signs in once per demo role through the real form and saves each session for the specs.
import { expect, test as setup } from "@playwright/test";
import { ensureAuthDir, emailOf, PASSWORD, ROLES, storageStateOf } from "./roles";

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    ensureAuthDir();
    await page.goto("/login");
    await page.getByLabel("Email").fill(emailOf(role));
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("user-role")).toBeVisible();
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
