// Tracking plans end to end: an admin authors a plan on the demo Website source in the form (one
// event with a required property; invalid messages blocked, unplanned ones allowed so the other specs'
// traffic is untouched), a message breaking it sent with the demo write key is answered 200 with it
// listed as quarantined, shows up in the live debugger as quarantined (its violation, a link to the
// quarantine) and in the source's quarantine with its violation, and once released is stored (the live
// debugger lists it) and gone from the quarantine. The plan is deleted at the end.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { demoCredentials, storageStateOf } from "./roles";
import { waitUntilReady } from "./ready";
import { expectNoViolations } from "./axe";

test.use({ storageState: storageStateOf("admin") });

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const eventName = `E2E Plan Probe ${run}`;

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

async function send(request: APIRequestContext, key: string, messageId: string) {
  const res = await request.post("/v1/batch", {
    headers: { Authorization: basic(key) },
    data: { batch: [{ type: "track", event: eventName, userId: `plan-e2e-${run}`, messageId, properties: { total: 12 } }] },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as { accepted: number; quarantined: { index: number; messageId: string; code: string; message: string }[] };
}

async function deletePlan(page: Page, sourceId: string) {
  await page.goto(`/sources/${sourceId}/plan`);
  await waitUntilReady(page);
  const remove = page.getByRole("button", { name: "Delete plan" });
  if ((await remove.count()) === 0) return;
  await remove.click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete plan" }).click();
  await expect(page).toHaveURL(new RegExp(`/sources/${sourceId}$`));
}

test("an admin authors a plan, a violating message is quarantined, and releasing it stores it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const { sources } = demoCredentials();
  const { id, writeKey } = sources.website;
  try {
    await page.goto(`/sources/${id}/plan`);
    await waitUntilReady(page);
    await page.getByLabel("Unplanned events (a track name the plan does not list)").selectOption("allow");
    await page.getByLabel("Invalid messages (properties or traits that break their schema)").selectOption("block");
    await page.getByRole("button", { name: "Add event" }).click();
    const event = page.getByTestId("plan-event").last();
    await event.getByLabel("Event name").fill(eventName);
    await event.getByRole("button", { name: "Add property" }).click();
    await event.getByLabel(`${eventName}: property 1 name`).fill("orderId");
    await event.getByLabel(`${eventName}: property 1 type`).selectOption("string");
    await event.getByLabel(`${eventName}: property 1 required`).check();
    // The editor with content passes the accessibility rules (the matrix scans it empty, on the CRM source).
    await expectNoViolations(page, "admin");
    await page.getByRole("button", { name: "Save plan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved: version" })).toBeVisible();

    // The collector reads a source's plan within 5 s (its cache): send until the answer says quarantined.
    let attempt = 0;
    let quarantinedId = "";
    await expect
      .poll(
        async () => {
          const messageId = `plan-e2e-${run}-${attempt++}`;
          const body = await send(request, writeKey, messageId);
          if (body.quarantined.length) {
            expect(body.quarantined[0]).toMatchObject({ index: 0, messageId, code: "plan_violation" });
            expect(body.quarantined[0]!.message).toContain("properties.orderId is required");
            expect(body.accepted).toBe(0);
            quarantinedId = messageId;
          }
          return body.quarantined.length;
        },
        { timeout: 20_000, intervals: [1000] },
      )
      .toBe(1);

    // The live debugger lists it as quarantined, with its violation and a link to the quarantine.
    await page.goto(`/sources/${id}/debugger`);
    await waitUntilReady(page);
    await page.getByLabel("Show", { exact: true }).selectOption("quarantined");
    await page.getByLabel("Event name").fill(eventName);
    const held = page.getByTestId("debugger-row").filter({ hasText: eventName });
    await expect(held).toHaveCount(1);
    await expect(held).toHaveAttribute("data-kind", "quarantined");
    await expect(held).toContainText("Quarantined");
    await expect(held).toContainText("properties.orderId is required");
    await held.getByRole("button").click();
    await expect(held.getByLabel("Message JSON")).toContainText(`"messageId": "${quarantinedId}"`);
    await expect(held.getByRole("list", { name: "Tracking plan violations" })).toContainText("missing_required");
    await expectNoViolations(page, "admin");

    // The source's quarantine, reached from the debugger, lists it with its violation and payload.
    await held.getByRole("link", { name: "Open in the quarantine" }).click();
    await expect(page).toHaveURL((url) => url.pathname === `/sources/${id}/quarantine` && url.searchParams.get("event") === eventName);
    await waitUntilReady(page);
    const row = page.getByTestId("quarantine-row").filter({ hasText: quarantinedId });
    await expect(row).toBeVisible();
    await expect(row).toContainText("properties.orderId is required");
    await row.getByText("Payload").click();
    await expect(row.getByLabel(`Payload of ${quarantinedId}`)).toContainText(`"messageId": "${quarantinedId}"`);
    await expectNoViolations(page, "admin");

    // Release it: it leaves the quarantine…
    await row.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Release selected (1)" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Released 1 message" })).toBeVisible();
    await expect(page.getByTestId("quarantine-row").filter({ hasText: quarantinedId })).toHaveCount(0);

    // …and is stored: the live debugger shows it.
    await page.goto(`/sources/${id}/debugger`);
    await waitUntilReady(page);
    await page.getByLabel("Event name").fill(eventName);
    await page.getByTestId("debugger-row").filter({ hasText: eventName }).first().click();
    await expect(page.getByLabel("Message JSON")).toContainText(quarantinedId);

    // The source's page counts the violation under the event name.
    await page.goto(`/sources/${id}`);
    await waitUntilReady(page);
    await expect(page.getByTestId("violation-row").filter({ hasText: eventName })).toContainText("missing required");
    await expectNoViolations(page, "admin");
  } finally {
    await deletePlan(page, id);
  }
});
