// Sources end to end: an admin creates a web source and sees its key once; events sent with that
// key show up in the live debugger within seconds (rejected ones with their reason); pausing stops
// updates; rotating the key retires the old one.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
const track = (request: APIRequestContext, key: string, data: Record<string, unknown>) =>
  request.post("/v1/track", { headers: { Authorization: basic(key) }, data });

async function createWebSource(page: Page, name: string): Promise<string> {
  await page.goto("/sources");
  const form = page.getByRole("form", { name: "New source" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Kind").selectOption("web");
  await form.getByLabel("Allowed origins").fill("https://www.example.com\n*.example.org");
  await form.getByLabel("Rate limit (requests per second)").fill("100");
  await form.getByRole("button", { name: "Create source" }).click();
  const reveal = page.getByRole("region", { name: `Write key for ${name}` });
  await expect(reveal).toBeVisible();
  const key = await reveal.getByRole("textbox", { name: "Write key" }).inputValue();
  expect(key).toMatch(/^tdm_wk_[A-Za-z0-9_-]{20,}$/);
  return key;
}

test("an admin creates a web source, sees the key once, and watches its events arrive in the debugger", async ({ page, request }) => {
  test.setTimeout(90_000);
  const name = `E2E site ${Date.now()}`;
  const key = await createWebSource(page, name);
  const masked = `${key.slice(0, 11)}…`;

  // The list shows only the masked key; once dismissed, the full key is gone for good.
  const row = page.getByTestId(`source-row-${name}`);
  await expect(row).toContainText(masked);
  await expect(row).toContainText("Website");
  await page.getByRole("button", { name: "I have copied the key — hide it" }).click();
  await expect(page.getByRole("region", { name: `Write key for ${name}` })).toBeHidden();
  await page.reload();
  await expect(page.getByTestId(`source-row-${name}`)).toContainText(masked);
  expect(await page.content()).not.toContain(key);

  // The source page: masked key, snippets with the placeholder, stored origins and limit.
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(masked, { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(key);
  await expect(page.getByLabel("Allowed origins")).toHaveValue("https://www.example.com\n*.example.org");
  await expect(page.getByLabel("Rate limit (requests per second)")).toHaveValue("100");
  await page.getByRole("tab", { name: "curl" }).click();
  await expect(page.getByRole("tabpanel", { name: "curl" })).toContainText("curl -u '<WRITE_KEY>:'");

  // The debugger starts empty, with a first-event snippet.
  await page.getByRole("link", { name: "Live debugger" }).click();
  await expect(page.getByRole("heading", { name: "No messages yet" })).toBeVisible();
  const rows = page.getByTestId("debugger-row");

  // An event shows up within a couple of seconds of being accepted.
  const res = await track(request, key, { userId: "e2e-user", event: "E2E Checkout", properties: { total: 42 } });
  expect(res.status()).toBe(200);
  const sentAt = Date.now();
  const checkout = rows.filter({ hasText: "E2E Checkout" });
  await expect(checkout).toBeVisible({ timeout: 5_000 });
  expect(Date.now() - sentAt).toBeLessThan(3_500);
  await expect(checkout).toContainText("e2e-user");
  await checkout.getByRole("button").click();
  await expect(checkout.getByLabel("Message JSON")).toContainText('"total": 42');
  await expect(checkout.getByLabel("Message JSON")).toContainText('"event": "E2E Checkout"');

  // A rejected message is listed with its reason.
  const bad = await track(request, key, { userId: "e2e-user", properties: { total: 1 } });
  expect(bad.status()).toBe(400);
  const rejected = rows.filter({ hasText: "Rejected" });
  await expect(rejected).toHaveCount(1, { timeout: 5_000 });
  await expect(rejected).toContainText("invalid_message");
  await expect(rejected).toContainText(/event/);
  await expect(rows.first()).toHaveAttribute("data-kind", "rejected");

  // Filtering by event name keeps only the matches.
  await page.getByLabel("Event name").fill("checkout");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("E2E Checkout");
  await page.getByLabel("Event name").fill("");
  await expect(rows).toHaveCount(2);

  // Paused: nothing new appears; resuming catches up.
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(page.getByRole("button", { name: "Resume", exact: true })).toHaveAttribute("aria-pressed", "true");
  expect((await track(request, key, { userId: "e2e-user", event: "E2E While Paused" })).status()).toBe(200);
  await page.waitForTimeout(3_000);
  await expect(rows.filter({ hasText: "E2E While Paused" })).toHaveCount(0);
  await page.getByRole("button", { name: "Resume", exact: true }).click();
  await expect(rows.filter({ hasText: "E2E While Paused" })).toBeVisible({ timeout: 5_000 });
  await expect(rows.first()).toContainText("E2E While Paused");
});

test("rotating a key retires the old one; web settings are validated; a built-in source cannot be disabled", async ({ page, request }) => {
  test.setTimeout(90_000);
  const name = `E2E rotate ${Date.now()}`;
  const oldKey = await createWebSource(page, name);
  expect((await track(request, oldKey, { userId: "u", event: "Before rotation" })).status()).toBe(200);

  await page.getByRole("link", { name: `Open ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("button", { name: "Rotate key…" }).click();
  const dialog = page.getByRole("dialog", { name: `Rotate the write key of ${name}?` });
  await expect(dialog).toContainText("within 5 seconds");
  await dialog.getByRole("button", { name: "Rotate key" }).click();
  const reveal = page.getByRole("region", { name: `New write key for ${name}` });
  const newKey = await reveal.getByRole("textbox", { name: "Write key" }).inputValue();
  expect(newKey).not.toBe(oldKey);
  // The snippets carry the new key while it is shown.
  await page.getByRole("tab", { name: "curl" }).click();
  await expect(page.getByRole("tabpanel", { name: "curl" })).toContainText(`curl -u '${newKey}:'`);
  await expect(page.getByText(`${newKey.slice(0, 11)}…`, { exact: true })).toBeVisible();

  expect((await track(request, newKey, { userId: "u", event: "After rotation" })).status()).toBe(200);
  // The Tracking API caches key lookups for up to 5 s.
  await expect.poll(async () => (await track(request, oldKey, { userId: "u", event: "Old key" })).status(), { timeout: 10_000, intervals: [1_000] }).toBe(401);

  await reveal.getByRole("button", { name: "I have copied the key — hide it" }).click();
  await expect(page.getByRole("tabpanel", { name: "curl" })).toContainText("curl -u '<WRITE_KEY>:'");

  // Bad origins are refused with a reason.
  await page.getByLabel("Allowed origins").fill("www.example.com");
  await page.getByRole("button", { name: "Save browser access" }).click();
  await expect(page.getByText(/needs a scheme; write https:\/\/www\.example\.com/)).toBeVisible();
  // Allowed origins save with the rate limit left empty: no limit, as the field says.
  await page.getByLabel("Allowed origins").fill("https://www.example.com");
  await page.getByLabel("Rate limit (requests per second)").fill("");
  await page.getByRole("button", { name: "Save browser access" }).click();
  await expect(page.getByText("Saved: 1 allowed origin(s), no rate limit. Applies within 5 seconds.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Allowed origins")).toHaveValue("https://www.example.com");
  await expect(page.getByLabel("Rate limit (requests per second)")).toHaveValue("");

  // Rename.
  await page.getByLabel("Source name").fill(`${name} renamed`);
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name} renamed` })).toBeVisible();

  // An unknown source is a 404, page and API alike.
  expect((await page.goto("/sources/no-such-source"))?.status()).toBe(404);
  expect((await page.request.get("/api/sources/no-such-source/messages")).status()).toBe(404);

  // Built-in: no disable button.
  await page.goto("/sources");
  await page.getByTestId("source-row-CRM").getByRole("link", { name: "CRM", exact: true }).click();
  await expect(page.getByText("Built-in sources carry Tandem's own events, so they cannot be disabled or deleted.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Disable source" })).toHaveCount(0);
});
