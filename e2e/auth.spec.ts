// Sign-in per role, its navigation, bad credentials, sign-out and the 403 rule.
import { expect, test } from "@playwright/test";
import { waitUntilReady } from "./ready";
import { emailOf, NAVIGATION, PASSWORD, ROLES, storageStateOf } from "./roles";

for (const role of ROLES) {
  test.describe(`${role}`, () => {
    test.use({ storageState: storageStateOf(role) });

    test(`sees exactly its navigation`, async ({ page }) => {
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link")).toHaveText(NAVIGATION[role]);
      await expect(page.getByTestId("user-role")).toBeVisible();
    });
  });
}

test("signing in with a wrong password says so and stays on the form", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(emailOf("sales"));
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password don't match an active account.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("a signed-out visitor is sent to sign in and back to the page asked for", async ({ page }) => {
  await page.goto("/companies");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fcompanies/);
  await page.getByLabel("Email").fill(emailOf("sales"));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/companies$/);
  await expect(page.getByRole("heading", { name: "Companies", level: 1 })).toBeVisible();
});

test("the user menu shows the role and signs out", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(emailOf("marketing"));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await waitUntilReady(page);
  await page.getByRole("button", { name: /Marketing/ }).click();
  await expect(page.getByRole("menu", { name: "Account" })).toContainText("Role: Marketing");
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/journeys");
  await expect(page).toHaveURL(/\/login/);
});

test.describe("the 403 rule", () => {
  test.use({ storageState: storageStateOf("sales") });

  test("sales gets the 403 page on the leadership dashboard and 403 JSON from its API", async ({ page, request }) => {
    const res = await page.goto("/leadership");
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    const api = await request.get("/api/v1/metrics/cac");
    expect(api.status()).toBe(403);
    expect((await api.json()).error.code).toBe("forbidden");
  });
});

test.describe("leadership", () => {
  test.use({ storageState: storageStateOf("leadership") });

  test("reads the leadership dashboard with its chart", async ({ page }) => {
    await page.goto("/leadership");
    await expect(page.getByRole("heading", { name: "Leadership", level: 1 })).toBeVisible();
    await expect(page.getByRole("figure", { name: "MRR movements by month" })).toBeVisible();
  });
});
