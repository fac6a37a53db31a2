// Destinations: an admin creates a webhook pointing at a receiver this spec runs on 127.0.0.1 (the e2e
// server allows private addresses: e2e/serve.sh), sends an event through the Tracking API, and sees
// the delivery succeed in the destination's log; the receiver got it signed with the secret shown once.
// A profile-change webhook receives a person's trait change the same way.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { verifySignature } from "../lib/destinations/signature";
import { demoCredentials, storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

/** A receiver on 127.0.0.1 that answers 200 and keeps every request's body and signature. */
async function receiver() {
  const received: { body: string; signature: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ body: Buffer.concat(chunks).toString("utf8"), signature: String(req.headers["x-tandem-signature"] ?? "") });
      res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

test("a webhook destination receives an event and its log shows the delivery", async ({ page, playwright, baseURL }) => {
  const { received, url, close } = await receiver();
  try {
    const name = `E2E hook ${Date.now()}`;
    await page.goto("/settings/destinations");
    const form = page.getByRole("form", { name: "New webhook destination" });
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("URL", { exact: true }).fill(url);
    await form.getByRole("checkbox", { name: "track" }).check();
    await form.getByRole("button", { name: "Create destination" }).click();
    const secret = (await page.getByTestId("destination-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByTestId(`destination-row-${name}`)).toContainText("Sending");

    const messageId = `e2e-destination-${Date.now()}`;
    const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const writeKey = demoCredentials().sources.website.writeKey;
    const sent = await api.post("/v1/track", {
      headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`, "content-type": "application/json" },
      data: { userId: "e2e-destination-user", event: "Webhook Tested", messageId, properties: { plan: "pro" } },
    });
    expect(sent.status()).toBe(200);

    await page.getByRole("link", { name: "Open its delivery log" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("table", { name: "Deliveries, newest first" }).getByText("Succeeded").first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByRole("table", { name: "Deliveries, newest first" })).toContainText("200");

    // Other specs' events may be delivered first (the filter takes every track call): wait for ours.
    await expect.poll(() => received.some((r) => r.body.includes(messageId)), { timeout: 30_000, message: "the receiver got the event" }).toBe(true);
    const got = received.find((r) => r.body.includes(messageId));
    expect(JSON.parse(got!.body).batch[0]).toMatchObject({ messageId, event: "Webhook Tested", type: "track" });
    expect(verifySignature(got!.signature, secret, got!.body, new Date())).toEqual({ ok: true });
  } finally {
    await close();
  }
});

test("a profile-change webhook receives a person's trait change", async ({ page, playwright, baseURL }) => {
  const { received, url, close } = await receiver();
  try {
    const name = `E2E profiles ${Date.now()}`;
    await page.goto("/settings/destinations");
    const form = page.getByRole("form", { name: "New webhook destination" });
    await form.getByRole("radio", { name: /Profile changes/ }).check();
    // An events filter makes no sense for profile changes: the form offers change types instead.
    await expect(form.getByRole("checkbox", { name: "track" })).toHaveCount(0);
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("URL", { exact: true }).fill(url);
    await form.getByRole("checkbox", { name: "Traits changed" }).check();
    await form.getByRole("button", { name: "Create destination" }).click();
    const secret = (await page.getByTestId("destination-secret").textContent())!.trim();
    await expect(page.getByTestId(`destination-row-${name}`)).toContainText("Profile changes: traits_changed");

    const userId = `e2e-profile-${Date.now()}`;
    const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const writeKey = demoCredentials().sources.website.writeKey;
    const sent = await api.post("/v1/identify", {
      headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`, "content-type": "application/json" },
      data: { userId, traits: { plan: "team", company: "E2E Ltd" } },
    });
    expect(sent.status()).toBe(200);

    await page.getByRole("link", { name: "Open its delivery log" }).click();
    await expect(page.getByText(/^Profile changes · Sending/)).toBeVisible();
    await expect(page.getByLabel("Backfill events received since")).toHaveCount(0);
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("table", { name: "Deliveries, newest first" }).getByText("Succeeded").first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });

    // Other specs' identify calls may change traits too: wait for this person's change.
    const ours = () => received.flatMap((r) => (JSON.parse(r.body) as { batch: { type: string; traits?: Record<string, unknown> }[] }).batch.map((c) => ({ c, r })))
      .find(({ c }) => c.traits?.company === "E2E Ltd" && c.traits?.plan === "team");
    await expect.poll(() => Boolean(ours()), { timeout: 30_000, message: "the receiver got the trait change" }).toBe(true);
    const { c, r } = ours()!;
    expect(c).toMatchObject({ type: "traits_changed", traits: { plan: "team", company: "E2E Ltd" }, previous: { plan: null, company: null } });
    expect(verifySignature(r.signature, secret, r.body, new Date())).toEqual({ ok: true });

    // Deleting it switches the feed off again.
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Delete destination" }).click();
    await expect(page).toHaveURL(/\/settings\/destinations$/);
    await expect(page.getByTestId(`destination-row-${name}`)).toHaveCount(0);
  } finally {
    await close();
  }
});

test("the demo's dead letter is resent with one click", async ({ page }) => {
  await page.goto("/settings/destinations");
  await page.getByRole("link", { name: "Warehouse loader" }).click();
  await expect(page.getByText("Paused ·")).toBeVisible();
  await page.getByRole("navigation", { name: "Deliveries to show" }).getByRole("link", { name: "Dead letters" }).click();
  await expect(page).toHaveURL(/status=dead/);
  const log = page.getByRole("table", { name: "Deliveries, newest first" });
  await expect(log.getByRole("button", { name: /^Resend delivery/ })).toHaveCount(1);
  await expect(log.getByText("Dead letter")).toHaveCount(1);
  await log.getByRole("button", { name: /^Resend delivery/ }).click();
  await expect(page.getByText(/is queued to be sent again/)).toBeVisible();
  // Paused: it waits in the outbox, no longer a dead letter.
  await expect(page.getByText("No deliveries in this state.")).toBeVisible();
});
