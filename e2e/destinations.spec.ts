// Destinations: an admin creates a webhook pointing at a receiver this spec runs on 127.0.0.1 (the e2e
// server allows private addresses: e2e/serve.sh), sends an event through the Tracking API, and sees
// the delivery succeed in the destination's log; the receiver got it signed with the secret shown once.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { verifySignature } from "../lib/destinations/signature";
import { demoCredentials, storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

test("a webhook destination receives an event and its log shows the delivery", async ({ page, playwright, baseURL }) => {
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
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
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
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
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
