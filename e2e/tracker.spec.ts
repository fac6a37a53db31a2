// The first-party tracker end to end: /welcome loads /t.js with the demo Website source's write key;
// its page view, CTA click and demo request reach the Tracking API from a real browser under one
// anonymous id (the tdm_aid cookie), and what a failed send leaves queued survives a reload.
import { expect, test, type Page, type Request, type Response } from "@playwright/test";

interface SentMessage {
  type: string;
  event?: string;
  anonymousId: string;
  userId?: string;
  messageId: string;
  sentAt?: string;
  traits?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  context: { library?: { name: string }; page?: { path: string } };
}
interface BatchBody {
  batch: SentMessage[];
  writeKey: string;
  sentAt: string;
}

const isBatch = (r: Request) => r.method() === "POST" && new URL(r.url()).pathname === "/v1/batch";
const bodyOf = (r: Request): BatchBody => JSON.parse(r.postData() ?? "{}") as BatchBody;
const carries = (r: Request, pred: (m: SentMessage) => boolean) => isBatch(r) && bodyOf(r).batch?.some(pred);

/** Waits for the batch carrying a message that matches, and checks the API took all of it. */
async function delivered(page: Page, pred: (m: SentMessage) => boolean, minAccepted = 1): Promise<{ request: Request; body: BatchBody }> {
  const response: Response = await page.waitForResponse((res) => carries(res.request(), pred));
  const result = (await response.json()) as { success?: boolean; accepted?: number; rejected?: unknown[]; error?: { code: string; message: string } };
  expect(response.status(), `the Tracking API answered ${JSON.stringify(result)}`).toBe(200);
  expect(result.success).toBe(true);
  expect(result.accepted).toBeGreaterThanOrEqual(minAccepted);
  expect(result.rejected).toEqual([]);
  return { request: response.request(), body: bodyOf(response.request()) };
}

test("/t.js is served by the app itself, as JavaScript", async ({ request }) => {
  const res = await request.get("/t.js");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("javascript");
  expect((await res.body()).byteLength).toBeLessThan(20 * 1024);
});

test("the demo page's page view, CTA click and demo request arrive under one anonymous id", async ({ page, context }) => {
  const batches: Request[] = [];
  page.on("request", (r) => {
    if (isBatch(r)) batches.push(r);
  });

  const pageView = delivered(page, (m) => m.type === "page");
  await page.goto("/welcome");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Project planning for agencies");
  const first = await pageView;

  // The anonymous id lives in a first-party cookie and is the one the page view was sent with.
  const cookie = (await context.cookies()).find((c) => c.name === "tdm_aid");
  expect(cookie, "tdm_aid cookie").toBeDefined();
  const anonymousId = cookie!.value;
  expect(anonymousId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(cookie!.sameSite).toBe("Lax");
  expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(360 * 24 * 3600 * 1000);
  const pageMessage = first.body.batch.find((m) => m.type === "page")!;
  expect(pageMessage).toMatchObject({ anonymousId, context: { library: { name: "tandem.js" }, page: { path: "/welcome" } } });
  expect(first.body.writeKey).toBeTruthy();
  expect(first.request.headers()["content-type"]).toContain("text/plain");
  expect(pageMessage.sentAt).toBe(first.body.sentAt);

  // The CTA: a track call.
  const cta = delivered(page, (m) => m.type === "track" && m.event === "CTA Clicked");
  await page.getByRole("button", { name: "Start free trial" }).click();
  const ctaBatch = await cta;
  expect(ctaBatch.body.batch.find((m) => m.event === "CTA Clicked")).toMatchObject({
    anonymousId,
    properties: { cta: "start_trial", location: "hero" },
  });

  // The demo request: identify + track, sent together in one batch.
  const email = `e2e-${Date.now()}@agency.example`;
  const demo = delivered(page, (m) => m.type === "identify", 2);
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Request a demo" }).click();
  await expect(page.getByRole("status")).toContainText(email);
  const demoBatch = await demo;
  const identify = demoBatch.body.batch.find((m) => m.type === "identify")!;
  expect(identify).toMatchObject({ anonymousId, traits: { email } });
  expect(demoBatch.body.batch.find((m) => m.event === "Demo Requested")).toMatchObject({ anonymousId, properties: { email } });

  // Every message of the visit carried the cookie's id; none was sent twice.
  const all = batches.flatMap((r) => bodyOf(r).batch);
  expect(all.length).toBeGreaterThanOrEqual(4);
  expect(new Set(all.map((m) => m.anonymousId))).toEqual(new Set([anonymousId]));
  expect(new Set(all.map((m) => m.messageId)).size).toBe(all.length);

  // A second visit is the same person.
  const again = delivered(page, (m) => m.type === "page");
  await page.reload();
  expect((await again).body.batch.find((m) => m.type === "page")!.anonymousId).toBe(anonymousId);
});

test("a single-page-app route change is a page view", async ({ page }) => {
  await page.goto("/welcome");
  await delivered(page, (m) => m.type === "page");
  const spa = delivered(page, (m) => m.type === "page" && m.context.page?.path === "/welcome/pricing");
  await page.evaluate(() => history.pushState({}, "", "/welcome/pricing?plan=pro"));
  const message = (await spa).body.batch.find((m) => m.type === "page")!;
  expect(message.properties).toMatchObject({ path: "/welcome/pricing", search: "?plan=pro" });
});

const queued = (page: Page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("tdm_queue:"))
      .map((k) => localStorage.getItem(k))
      .join(""),
  );

test("a send that fails is retried, and the calls wait in localStorage meanwhile", async ({ page }) => {
  let blocked = 0;
  await page.route("**/v1/batch", async (route) => {
    blocked++;
    await route.abort("internetdisconnected");
  });
  await page.goto("/welcome");
  await expect.poll(() => blocked).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Choose Pro" }).click();
  await expect.poll(() => queued(page)).toContain("Choose Pro");

  // The network is back: the next retry (backoff with jitter) delivers the page view and the click.
  const retried = delivered(page, (m) => m.type === "track" && m.properties?.plan === "pro", 2);
  await page.unroute("**/v1/batch");
  const { body } = await retried;
  expect(body.batch.map((m) => m.type)).toContain("page");
  await expect.poll(() => queued(page)).toBe("");
});

test("calls that could not be sent survive a reload", async ({ page }) => {
  // As if the browser refused the beacon on unload: only localStorage can carry the calls over.
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "sendBeacon", { value: () => false });
  });
  await page.route("**/v1/batch", (route) => route.abort("internetdisconnected"));
  await page.goto("/welcome");
  await page.getByRole("button", { name: "Choose Starter" }).click();
  await expect.poll(() => queued(page)).toContain("Choose Starter");

  await page.unroute("**/v1/batch");
  const resent = delivered(page, (m) => m.type === "track" && m.properties?.plan === "starter");
  await page.reload();
  await resent;
  await expect.poll(() => queued(page)).toBe("");
});

test("what is still queued when the page is hidden goes out by sendBeacon", async ({ page }) => {
  await page.goto("/welcome");
  await delivered(page, (m) => m.type === "page");
  const writeKey = await page.locator("script[data-write-key]").getAttribute("data-write-key");

  // Playwright shows a beacon as a "ping" request (without its Blob body, microsoft/playwright#12231).
  const beaconResponse = page.waitForResponse((res) => res.request().resourceType() === "ping" && new URL(res.url()).pathname === "/v1/batch");
  await page.getByRole("button", { name: "Choose Business" }).click();
  // Within the ~1 s batching interval: take what is queued, then hide the page (as switching tabs,
  // minimising or leaving it does).
  const queuedBefore = await page.evaluate(() => {
    const raw = Object.keys(localStorage)
      .filter((k) => k.startsWith("tdm_queue:"))
      .map((k) => localStorage.getItem(k) ?? "[]");
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
    return raw.flatMap((r) => (JSON.parse(r) as { m: SentMessage }[]).map((it) => it.m));
  });
  expect(queuedBefore.map((m) => m.event)).toEqual(["CTA Clicked"]);
  expect(queuedBefore[0].properties).toMatchObject({ plan: "business" });

  const response = await beaconResponse;
  expect(response.request().method()).toBe("POST");
  expect(response.request().headers()["content-type"]).toContain("text/plain");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ success: true, accepted: 1, rejected: [] });
  await expect.poll(() => queued(page)).toBe("");

  // The beacon carried exactly that message: sending it again is a duplicate.
  const again = await page.request.post("/v1/batch", {
    headers: { "Content-Type": "text/plain" },
    data: JSON.stringify({ batch: queuedBefore, writeKey }),
  });
  expect(await again.json()).toMatchObject({ success: true, accepted: 1, duplicates: 1 });
});
