// Customer 360 end to end: a person the product knows but the CRM does not (sent through the Tracking
// API: a visit, a sign-up and an upgrade) shows up among the product leads; a sales rep follows the gap
// to their page, creates the contact in one click, opens the contact, logs a call, and sees the call and
// the upgrade on the same day row — then as one merged stream. The timeline API serves the same person;
// marketing reads /journeys.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { demoCredentials, storageStateOf } from "./roles";


const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const email = `c360-${run}@example.com`;
const anon = `c360-anon-${run}`;

async function send(api: APIRequestContext, writeKey: string, batch: Record<string, unknown>[]) {
  const res = await api.post("/v1/batch", {
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`, "content-type": "application/json" },
    data: { batch },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test.beforeAll(async ({ playwright, baseURL }) => {
  const { sources } = demoCredentials();
  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  // Minutes ago, so the whole story sits on today's row (UTC) unless the run straddles midnight.
  let t = Date.now() - 10 * 60_000;
  const msg = (type: string, fields: Record<string, unknown>) => ({ type, messageId: `c360-${run}-${(t += 1000)}`, timestamp: new Date(t).toISOString(), anonymousId: anon, ...fields });
  await send(api, sources.website.writeKey, [
    msg("page", { name: "Pricing", properties: { path: "/pricing", url: "https://www.loopwise.example/pricing?utm_source=linkedin&utm_medium=paid_social&utm_campaign=c360-e2e" } }),
    msg("identify", { userId: `c360-user-${run}`, traits: { email, first_name: "Casey", last_name: `Three-Sixty ${run}`, title: "Head of Ops" } }),
    msg("track", { userId: `c360-user-${run}`, event: "Signed Up", properties: { plan: "trial" } }),
    msg("track", { userId: `c360-user-${run}`, event: "Subscription Started", properties: { plan: "pro", revenue: 99, currency: "USD" } }),
  ]);
  await api.dispose();
});

test.describe("as sales", () => {
  test.use({ storageState: storageStateOf("sales") });

  test("follows a product lead to the person, creates the contact, logs a call beside the upgrade, then reads one stream", async ({ page }) => {
    test.setTimeout(90_000);
    // The lead: a product user with no contact.
    await page.goto("/leads");
    const lead = page.getByTestId("gap-row").filter({ hasText: email });
    await expect(page.getByTestId("gap-table")).toBeVisible();
    // Newest activity first; the demo's own people may be as recent, so look through the pages.
    for (let n = 2; n < 20 && !(await lead.isVisible()); n++) {
      await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" }).click();
      await expect(page).toHaveURL(new RegExp(`[?&]page=${n}\\b`));
    }
    await expect(lead).toBeVisible();
    await lead.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/customers\/[A-Za-z0-9_-]+$/);
    const personUrl = page.url();
    await expect(page.getByTestId("missing-side")).toContainText("Known to the product only");
    await expect(page.getByTestId("narrative")).toContainText("became a customer");

    // One click: the contact exists, owned by the rep.
    const gaps = page.getByTestId("gaps");
    await gaps.getByRole("button", { name: "Create contact" }).click();
    await expect(page.getByTestId("header-owner")).toHaveText("Sam Sales");
    await expect(page.getByTestId("missing-side")).toHaveCount(0);

    // Opening the contact lands on the same person page.
    await page.goto(`/contacts?q=${encodeURIComponent(email)}`);
    await page.getByRole("link", { name: `Casey Three-Sixty ${run}` }).click();
    await expect(page).toHaveURL(new RegExp(`^${personUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\?contact=`));

    // Log a call: it sits on today's row beside the upgrade.
    const bar = page.getByRole("region", { name: "Log activity" });
    await bar.getByRole("button", { name: "Call", exact: true }).click();
    const form = bar.getByRole("form", { name: "Log a call" });
    await form.getByLabel("Outcome").selectOption({ label: "Left voicemail" });
    await form.getByLabel("Notes").fill(`Congratulated on the upgrade ${run}`);
    await form.getByRole("button", { name: "Save call" }).click();
    const stream = page.getByRole("region", { name: "Timeline", exact: true });
    const today = stream.getByTestId("day-row").first();
    await expect(today.getByTestId("crm-column").getByTestId("timeline-item").filter({ hasText: `Congratulated on the upgrade ${run}` })).toBeVisible();
    const upgrade = today.getByTestId("cdp-column").getByTestId("journey-event").filter({ hasText: "Subscription Started" });
    await expect(upgrade).toBeVisible();
    await expect(upgrade).toContainText("Became a customer");
    await expect(today.getByTestId("cdp-column").getByTestId("session").first()).toContainText("Paid Social");

    // One stream: the same items, newest first, each marked CRM or CDP.
    await page.getByRole("button", { name: "One stream" }).click();
    const merged = stream.getByTestId("merged-stream").first();
    await expect(merged).toContainText(`Congratulated on the upgrade ${run}`);
    await expect(merged).toContainText("Subscription Started");
    await expect(merged.getByText("CRM", { exact: true }).first()).toBeVisible();
    await expect(merged.getByText("CDP", { exact: true }).first()).toBeVisible();

    // What each system knows: the contact was made from the profile, so both agree.
    const knowledge = page.getByTestId("knowledge");
    await expect(knowledge.getByRole("row", { name: /^Email/ })).toHaveAttribute("data-status", "both");
    await expect(knowledge.getByRole("row", { name: /^Job title/ })).toHaveAttribute("data-status", "both");
  });

  test("does not open /journeys but finds its leads", async ({ page }) => {
    const res = await page.goto("/journeys");
    expect(res?.status()).toBe(403);
    await page.goto("/leads");
    await expect(page.getByRole("heading", { level: 1, name: "Product leads" })).toBeVisible();
  });
});

test("the timeline API serves the same person, CRM items only with crm:read", async ({ playwright, baseURL }) => {
  const { adminApiToken } = demoCredentials();
  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { authorization: `Bearer ${adminApiToken.token}` } });
  const res = await api.get(`/api/v1/profiles/email:${encodeURIComponent(email)}/timeline?limit=10&side=cdp`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { data: { side: string; kind: string; title: string; at: string }[]; cursor: { next: string | null } };
  expect(body.data.map((d) => d.side)).toEqual(body.data.map(() => "cdp"));
  expect(body.data.map((d) => d.title)).toContain("Subscription Started");
  const times = body.data.map((d) => Date.parse(d.at));
  expect(times).toEqual([...times].sort((a, b) => b - a));
  const bad = await api.get(`/api/v1/profiles/email:${encodeURIComponent(email)}/timeline?from=2026-13-01`);
  expect(bad.status()).toBe(400);
  await api.dispose();
});

test.describe("as marketing", () => {
  test.use({ storageState: storageStateOf("marketing") });

  test("reads coverage, the weekly chart and the gaps on /journeys", async ({ page }) => {
    await page.goto("/journeys");
    await expect(page.getByRole("heading", { level: 1, name: "Journeys" })).toBeVisible();
    await expect(page.getByTestId("coverage-contacts")).toHaveText(/^\d+ %$/);
    await expect(page.getByRole("figure", { name: /interactions and collected events per week/ })).toBeVisible();
    await expect(page.getByTestId("timings").getByRole("row")).not.toHaveCount(1);
    const rows = page.getByTestId("gap-row");
    await expect(rows.first()).toBeVisible();
    await page.getByRole("link", { name: /^Contact never seen in the product/ }).click();
    await expect(page).toHaveURL(/gap=never_seen/);
    await expect(rows.first()).toHaveAttribute("data-gap", "never_seen");
    await rows.first().getByRole("link").first().click();
    await expect(page.getByTestId("missing-side")).toContainText("Known to the CRM only");
  });
});
