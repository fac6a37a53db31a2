// Undoing a bad merge end to end: two browsers that give the same phone number are merged by the
// Tracking API; an admin opens the merged profile, splits one browser's anonymous id off in the
// "Split…" dialog (keyboard: Escape closes it; ticking everything is refused inline), lands on the new
// profile and sees the split in the journal of both. Non-admins get no Split control.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { demoCredentials, storageStateOf } from "./roles";


const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const deviceA = `split-e2e-a-${run}`;
const deviceB = `split-e2e-b-${run}`;
// A phone number of this run only: 555-01xx numbers are fictional.
const phone = `+1555010${String(Date.now() % 10_000).padStart(4, "0")}`;

let clock = Date.now() - 3_600_000;
const msg = (type: string, fields: Record<string, unknown>) => ({
  type,
  messageId: `split-e2e-${run}-${type}-${(clock += 1000)}`,
  timestamp: new Date(clock).toISOString(),
  ...fields,
});

async function track(api: APIRequestContext, writeKey: string, batch: Record<string, unknown>[]) {
  const res = await api.post("/v1/batch", {
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`, "content-type": "application/json" },
    data: { batch },
  });
  const body = (await res.json()) as { accepted?: number; rejected?: unknown[] };
  expect(res.status(), JSON.stringify(body)).toBe(200);
  expect(body).toMatchObject({ accepted: batch.length, rejected: [] });
}

async function profileIdOf(api: APIRequestContext, token: string, ref: string): Promise<string> {
  const res = await api.get(`/api/v1/profiles/${ref}/traits`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status(), ref).toBe(200);
  return ((await res.json()) as { profile_id: string }).profile_id;
}

const identities = (page: Page) => page.getByRole("region", { name: "Identities" });
const apart = (page: Page) => page.getByRole("region", { name: "Why these were kept apart" });

let mergedId = "";

test.beforeAll(async ({ playwright, baseURL }) => {
  // The bad merge: device B browsed on its own first, then both devices gave the same phone number.
  const { adminApiToken, sources } = demoCredentials();
  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  await track(api, sources.website.writeKey, [msg("identify", { anonymousId: deviceA, traits: { phone, name: `Split Test ${run}` } }), msg("page", { anonymousId: deviceA, name: "Pricing" })]);
  await track(api, sources.website.writeKey, [msg("page", { anonymousId: deviceB, name: "Blog" })]);
  await track(api, sources.website.writeKey, [msg("identify", { anonymousId: deviceB, traits: { phone } }), msg("track", { anonymousId: deviceB, event: "Split Test Clicked" })]);
  mergedId = await profileIdOf(api, adminApiToken.token, `anonymous_id:${deviceA}`);
  expect(await profileIdOf(api, adminApiToken.token, `anonymous_id:${deviceB}`)).toBe(mergedId);
  await api.dispose();
});

test.describe("as admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("splits one device off a bad merge and lands on the new profile", async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(`/customers/${mergedId}`);
    await expect(identities(page)).toContainText(deviceA);
    await expect(identities(page)).toContainText(deviceB);
    await expect(page.getByRole("region", { name: "Why these are one person" }).getByTestId("journal-entry").first()).toContainText("Merged");

    // Beside an identifier, "Split off…" opens the dialog with that one ticked.
    const splitOffB = identities(page).getByRole("button", { name: `Split off anonymous_id ${deviceB}…` });
    await splitOffB.click();
    const dialog = page.getByRole("dialog", { name: "Split this profile" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("checkbox", { checked: true })).toHaveCount(1);
    await expect(dialog.getByRole("checkbox", { name: deviceB })).toBeChecked();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(splitOffB).toBeFocused();

    // The journal's merge entry offers "Undo…", with its identifiers still on this profile ticked.
    await page.getByRole("button", { name: "Undo…" }).first().click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("checkbox", { checked: true }).first()).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    // The section's button opens it with nothing ticked; Escape closes it and focus returns.
    const open = identities(page).getByRole("button", { name: "Split…", exact: true });
    await open.click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("checkbox", { checked: true })).toHaveCount(0);
    await expect(dialog.getByTestId("split-summary")).toContainText("Nothing is ticked yet");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();

    // From the keyboard: open it again, tick everything: refused inline, nothing moves.
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    const boxA = dialog.getByRole("checkbox", { name: deviceA });
    const boxB = dialog.getByRole("checkbox", { name: deviceB });
    const boxPhone = dialog.getByRole("checkbox", { name: phone });
    for (const box of [boxA, boxB, boxPhone]) await box.check();
    await dialog.getByRole("button", { name: "Split into a new profile" }).click();
    await expect(dialog.getByRole("alert")).toContainText("Leave at least one identifier on this profile");
    await expect(page).toHaveURL(new RegExp(`/customers/${mergedId}$`));

    // Only device B belongs to another person.
    await boxA.uncheck();
    await boxPhone.uncheck();
    await expect(dialog.getByRole("alert")).toHaveCount(0);
    await expect(dialog.getByTestId("split-summary")).toHaveText(
      "1 identifier and the events they lead move to a new profile; the two profiles stay apart unless an admin or an alias links them.",
    );
    await expect(boxB).toBeChecked();
    await dialog.getByRole("button", { name: "Split into a new profile" }).click();

    // The new profile: device B, its own page view and click, and the split in its journal.
    await expect(page).not.toHaveURL(new RegExp(`/customers/${mergedId}$`));
    await expect(page).toHaveURL(/\/customers\/[A-Za-z0-9_-]+$/);
    const newId = page.url().split("/customers/")[1]!;
    await expect(page.getByTestId("profile-id")).toHaveText(newId);
    await expect(identities(page)).toContainText(deviceB);
    await expect(identities(page)).not.toContainText(deviceA);
    await expect(identities(page)).not.toContainText(phone);
    const splitHere = apart(page).getByTestId("journal-entry").filter({ hasText: "Split" }).first();
    await expect(splitHere).toContainText("by Avery Admin");
    await expect(splitHere).toContainText(deviceB);
    await expect(splitHere.getByRole("link", { name: mergedId.slice(0, 8) })).toBeVisible();
    // A lone identifier cannot be split further.
    await expect(identities(page).getByRole("button", { name: "Split…", exact: true })).toHaveCount(0);

    // The old profile: device B is gone, the same split is in its journal.
    await splitHere.getByRole("link", { name: mergedId.slice(0, 8) }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${mergedId}$`));
    await expect(identities(page)).toContainText(deviceA);
    await expect(identities(page)).not.toContainText(deviceB);
    const splitThere = apart(page).getByTestId("journal-entry").filter({ hasText: "Split" }).first();
    await expect(splitThere).toContainText("by Avery Admin");
    await expect(splitThere).toContainText(deviceB);
    await expect(splitThere.getByRole("link", { name: newId.slice(0, 8) })).toBeVisible();
  });
});

test.describe("as marketing", () => {
  test.use({ storageState: storageStateOf("marketing") });

  test("reads identities without any Split control", async ({ page }) => {
    await page.goto(`/customers/${mergedId}`);
    await expect(identities(page)).toContainText(deviceA);
    await expect(identities(page).getByRole("button")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Split|Undo/ })).toHaveCount(0);
  });
});
