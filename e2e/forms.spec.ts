// The demo's "Request a demo" form: a visitor's HTML form post becomes a lead the team can open,
// with the form fill on their timeline.
import { expect, test } from "@playwright/test";
import { demoCredentials, storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("sales") });

test("a demo request posted as an HTML form shows up as a lead with a form fill", async ({ page, playwright, baseURL }) => {
  const { demoFormId } = demoCredentials();
  const email = `visitor-${Date.now()}@prospect.example`;

  const visitor = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const res = await visitor.post(`/api/v1/forms/${demoFormId}`, {
    form: { email, name: "Vera Visitor", company: "Prospect Ltd", team_size: "25", _hp: "" },
  });
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain("Thank you!");
  await visitor.dispose();

  await page.goto(`/contacts?q=${encodeURIComponent(email)}`);
  await page.getByRole("link", { name: /Vera Visitor|visitor-/ }).first().click();
  await expect(page.getByText(email).first()).toBeVisible();
  await expect(page.getByText("Request a demo").first()).toBeVisible();
  await expect(page.getByText("Team size: 25")).toBeVisible();
});
