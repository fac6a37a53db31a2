// The audit log: an admin's role change is found there under their name, with the address the
// collector saw; the log filters by action (in the URL) and exports what the filter shows; the demo's
// own setup is its first story.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { parseCsv } from "../lib/crm/csv";
import { PASSWORD, storageStateOf } from "./roles";
import { waitUntilReady } from "./ready";

test.use({ storageState: storageStateOf("admin") });

test("an admin changes a user's role and finds it in the audit log with their name, then filters by action", async ({ page }) => {
  const email = `audit-${Date.now()}@tandem.local`;
  await page.goto("/settings");
  await waitUntilReady(page);
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Name").fill("Audra Audit");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("sales");
  await form.getByLabel("Initial password").fill(`${PASSWORD}-long-enough`);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`Added ${email}.`)).toBeVisible();
  await page.getByLabel(`Role of ${email}`).selectOption("marketing");
  await expect(page.getByLabel(`Role of ${email}`)).toHaveValue("marketing");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/settings\/audit$/);
  await waitUntilReady(page);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const changed = page.getByTestId("audit-entry").filter({ hasText: email }).filter({ hasText: "Role changed" });
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText("Avery Admin");
  await expect(changed).toContainText("user.role_changed");
  await expect(changed).toContainText("role: sales → marketing");
  // The address is the connection's, as the collector in front of the app saw it (this browser, on loopback).
  await expect(changed.getByText(/^(127\.0\.0\.1|::1)$/)).toBeVisible();
  await expect(page.getByTestId("audit-entry").filter({ hasText: email }).filter({ hasText: "User created" })).toHaveCount(1);

  await page.getByLabel("Action").selectOption("user.role_changed");
  await expect(page).toHaveURL(/[?&]action=user\.role_changed/);
  await waitUntilReady(page);
  await expect(page.getByTestId("audit-entry").filter({ hasNotText: "Role changed" })).toHaveCount(0);
  await expect(changed).toHaveCount(1);

  // The export is the filtered log.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV (filtered)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^tandem-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, ""));
  expect(rows[0]).toContain("peer_address");
  expect(rows.slice(1).length).toBeGreaterThan(0);
  expect(rows.slice(1).every((r) => r[4] === "user.role_changed")).toBe(true);
  expect(rows.some((r) => r[8] === email && r[1] === "Avery Admin")).toBe(true);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/settings\/audit$/);
});

test("the demo's setup is in the log: its accounts, sources, API token and web form", async ({ page }) => {
  await page.goto("/settings/audit");
  await waitUntilReady(page);
  await page.getByLabel("Actor").selectOption({ label: "Demo setup" });
  await expect(page).toHaveURL(/[?&]actor=label%3ADemo(\+|%20)setup/);
  await waitUntilReady(page);
  const entries = page.getByTestId("audit-entry");
  await expect(entries.filter({ hasText: "API token created" }).filter({ hasText: "Demo admin token" })).toHaveCount(1);
  await expect(entries.filter({ hasText: "Web form created" }).filter({ hasText: "Request a demo" })).toHaveCount(1);
  await expect(entries.filter({ hasText: "Source created" }).filter({ hasText: "Website" })).toHaveCount(1);
  await expect(entries.filter({ hasText: "User created" }).filter({ hasText: "admin@tandem.local" })).toHaveCount(1);
  await expect(entries.filter({ hasNotText: "Demo setup" })).toHaveCount(0);
});
