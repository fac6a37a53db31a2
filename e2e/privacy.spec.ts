// Deleting a person end to end on the demo: a visitor browses and signs up through the Tracking API
// and asks for a demo through the demo's web form (a CRM contact with a form fill); an admin opens
// their customer page, follows "Delete this person…", reviews what will be removed, deletes them with
// their contact — and then finds them nowhere: the customer page is a 404, customer and contact
// searches are empty, the Profile API answers 404, and their next message is dropped as suppressed.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { demoCredentials, storageStateOf } from "./roles";
import { waitUntilReady } from "./ready";

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const email = `privacy-e2e-${run}@prospect.example`;
const userId = `privacy-e2e-user-${run}`;
const device = `privacy-e2e-device-${run}`;
const name = `Pia Privacy ${run}`;

let clock = Date.now() - 3_600_000;
const msg = (type: string, fields: Record<string, unknown>) => ({ type, messageId: `privacy-e2e-${run}-${(clock += 1000)}`, timestamp: new Date(clock).toISOString(), ...fields });

async function track(api: APIRequestContext, writeKey: string, batch: Record<string, unknown>[]) {
  const res = await api.post("/v1/batch", {
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`, "content-type": "application/json" },
    data: { batch },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as { accepted: number; suppressed: number };
}

const traitsStatus = async (api: APIRequestContext, token: string, ref: string) =>
  (await api.get(`/api/v1/profiles/${encodeURIComponent(ref)}/traits`, { headers: { authorization: `Bearer ${token}` } })).status();

let profileId = "";

test.beforeAll(async ({ playwright, baseURL }) => {
  const { adminApiToken, sources, demoFormId } = demoCredentials();
  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  await track(api, sources.website.writeKey, [msg("page", { anonymousId: device, name: "Pricing" }), msg("identify", { anonymousId: device, userId, traits: { email, name } }), msg("track", { userId, event: "Signed Up" })]);
  const form = await api.post(`/api/v1/forms/${demoFormId}`, { form: { email, name, company: "Prospect Ltd", _hp: "" } });
  expect(form.status()).toBe(200);
  const traits = await api.get(`/api/v1/profiles/email:${email}/traits`, { headers: { authorization: `Bearer ${adminApiToken.token}` } });
  expect(traits.status()).toBe(200);
  profileId = ((await traits.json()) as { profile_id: string }).profile_id;
  await api.dispose();
});

test.use({ storageState: storageStateOf("admin") });

test("an admin deletes a person from their customer page and finds them nowhere", async ({ page, playwright, baseURL }) => {
  test.setTimeout(90_000);
  await page.goto(`/customers/${profileId}`);
  await waitUntilReady(page);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("link", { name: "Delete this person…" }).click();

  await expect(page).toHaveURL(/\/settings\/privacy\?identifier=/);
  await waitUntilReady(page);
  await expect(page.getByLabel("Identifier", { exact: true })).toHaveValue(`user_id:${userId}`);
  await page.getByLabel("Delete it too, with its interactions, tickets and tasks").check();
  await page.getByRole("button", { name: "Review deletion" }).click();

  const confirm = page.getByRole("region", { name: "Confirm the deletion" });
  await expect(confirm).toBeVisible();
  const removed = confirm.getByRole("list", { name: "What the deletion removes" });
  await expect(removed).toContainText(/profiles: [1-9]/);
  await expect(removed).toContainText("contacts: 1");
  await expect(removed).toContainText("interactions: 1");
  await confirm.getByRole("button", { name: "Delete permanently" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Deletion:" })).toContainText("Deletion: done");
  await expect(page.getByTestId("privacy-request").first()).toContainText("Done");
  // The list shows the type and a hash, never the identifier.
  await expect(page.getByRole("main")).not.toContainText(userId);

  // Nowhere: the customer page, customer and contact search, the Profile API.
  const gone = await page.goto(`/customers/${profileId}`);
  expect(gone?.status()).toBe(404);
  await page.goto(`/customers?q=${encodeURIComponent(email)}`);
  await waitUntilReady(page);
  await expect(page.getByRole("table", { name: "Customers" })).toContainText("No customer matches");
  await page.goto(`/contacts?q=${encodeURIComponent(email)}`);
  await waitUntilReady(page);
  await expect(page.getByRole("main")).not.toContainText(name);

  const { adminApiToken, sources } = demoCredentials();
  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  for (const ref of [`email:${email}`, `user_id:${userId}`, `anonymous_id:${device}`, `profile_id:${profileId}`]) expect(await traitsStatus(api, adminApiToken.token, ref), ref).toBe(404);
  // …and they cannot come straight back: their next message is accepted and dropped.
  expect(await track(api, sources.website.writeKey, [msg("track", { anonymousId: device, event: "Came Back" })])).toMatchObject({ accepted: 1, suppressed: 1 });
  expect(await traitsStatus(api, adminApiToken.token, `anonymous_id:${device}`)).toBe(404);
  await api.dispose();
});
