// API tokens: created in Settings (shown once), accepted by token routes, refused once revoked;
// the demo's admin token from demo-credentials.json works out of the box.
import { expect, test } from "@playwright/test";
import { TOKEN_SCOPES } from "../lib/auth/api-tokens";
import { demoCredentials, storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

test("an admin creates a token, it works until it is revoked", async ({ page, playwright, baseURL }) => {
  const name = `CI token ${Date.now()}`;
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("checkbox", { name: /export:read/ }).check();
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-api-token").textContent())!.trim();
  expect(token).toMatch(/^tdm_pat_/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("new-api-token")).toHaveCount(0);
  await expect(page.getByTestId(`token-row-${name}`)).toContainText("export:read");
  await expect(page.getByTestId(`token-row-${name}`)).not.toContainText(token);

  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const ok = await api.get("/api/v1/token", { headers: { authorization: `Bearer ${token}` } });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ name, scopes: ["export:read"] });

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByTestId(`token-row-${name}`)).toContainText("Revoked");
  const gone = await api.get("/api/v1/token", { headers: { authorization: `Bearer ${token}` } });
  expect(gone.status()).toBe(401);
  expect((await gone.json()).error.code).toBe("token_revoked");
  await api.dispose();
});

test("the demo's admin API token is in demo-credentials.json and has every scope", async ({ playwright, baseURL }) => {
  const creds = demoCredentials();
  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const res = await api.get("/api/v1/token", { headers: { authorization: `Basic ${Buffer.from(`${creds.adminApiToken.token}:`).toString("base64")}` } });
  expect(res.status()).toBe(200);
  // Every scope there is, the new ones included (lib/auth/api-tokens.test.ts names them).
  expect((await res.json()).scopes).toEqual([...TOKEN_SCOPES]);
  await api.dispose();
});
