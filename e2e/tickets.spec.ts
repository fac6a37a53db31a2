// Tickets end to end: a success user opens a demo ticket, replies publicly, solves it and sees the
// contact's resolution figures update; sales reads the same ticket without any controls.
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("success") });

test("a success user solves a ticket and the contact's resolution figures update", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();

  // A demo ticket: an open one if the (small, date-anchored) demo has one, else a solved one that the
  // reply reopens; with neither, one opened here through the New ticket form.
  const table = page.getByRole("table", { name: "Tickets" });
  let from: "Open" | "Solved" | "New" = "Open";
  for (const status of ["open", "solved"] as const) {
    await page.goto(`/tickets?status=${status}`);
    await expect(page.getByRole("status").filter({ hasText: /No rows|of/ })).toBeVisible();
    if ((await table.getByTestId("data-row").count()) > 0) {
      from = status === "open" ? "Open" : "Solved";
      break;
    }
    from = "New";
  }
  if (from === "New") {
    await page.goto("/contacts");
    const contactName = (await page.getByRole("table", { name: "Contacts" }).getByTestId("data-row").first().getByRole("link").first().textContent())!;
    await page.goto("/tickets");
    await page.getByRole("button", { name: "New ticket" }).click();
    const dialog = page.getByRole("dialog", { name: "New ticket" });
    await dialog.getByLabel("Requester").fill(contactName.split(" ")[0]!);
    await dialog.getByRole("button", { name: new RegExp(`^${contactName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).first().click();
    await dialog.getByLabel("Subject").fill(`E2E ticket ${stamp}`);
    await dialog.getByRole("button", { name: "Open ticket" }).click();
  } else {
    const first = table.getByTestId("data-row").first();
    await expect(first.getByTestId("ticket-status")).toHaveText(from);
    await first.getByRole("link").nth(0).click();
  }
  await expect(page).toHaveURL(/\/tickets\/[^/?#]+$/);
  const ticketUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const contactHref = await page.getByTestId("ticket-requester").getAttribute("href");
  expect(contactHref).toMatch(/^\/contacts\//);

  // The contact's figures before.
  await page.goto(contactHref!);
  const openBefore = Number(await page.getByTestId("open-tickets").textContent());
  const countBefore = Number(await page.getByTestId("ticket-count").textContent());
  const medianBefore = (await page.getByTestId("median-resolution").textContent())!.trim();
  if (from !== "Solved") expect(openBefore).toBeGreaterThan(0);

  // Reply publicly (submitted as Open: a solved ticket is reopened), then solve.
  await page.goto(ticketUrl);
  const reply = page.getByRole("form", { name: "Reply" });
  await expect(reply.getByRole("radio", { name: "Public reply" })).toBeChecked();
  if (from === "Solved") await reply.getByRole("combobox", { name: "Submit as" }).selectOption("open");
  await reply.getByLabel("Message").fill(`E2E reply ${stamp} <b>not html</b>`);
  await reply.getByRole("button", { name: "Submit as Open" }).click();
  const comment = page.getByTestId("ticket-comment").filter({ hasText: `E2E reply ${stamp}` });
  await expect(comment).toBeVisible();
  await expect(comment).toContainText("<b>not html</b>");
  await expect(comment).toContainText("Public reply");

  await page.getByRole("region", { name: "Ticket properties" }).getByLabel("Status").selectOption("solved");
  await expect(page.getByTestId("ticket-status")).toHaveText("Solved");
  await expect(page.getByTestId("resolution-time")).not.toHaveText("—");
  await expect(page.getByTestId("ticket-history").filter({ hasText: "Status: Open → Solved" }).first()).toBeVisible();
  await expect(page.getByTestId("ticket-history").filter({ hasText: "Public reply added" }).first()).toBeVisible();
  if (from === "Solved") await expect(page.getByTestId("reopen-count")).not.toHaveText("0");

  // The contact's figures after: one fewer open ticket, same count, a new median resolution.
  // A contact linked to a profile opens on its Customer 360 page, that contact selected.
  await page.getByTestId("ticket-requester").click();
  const contactId = contactHref!.slice("/contacts/".length);
  await expect(page).toHaveURL(new RegExp(`(${contactHref}|/customers/[^/?#]+\\?contact=${contactId})$`));
  await expect(page.getByTestId("open-tickets")).toHaveText(String(from === "Solved" ? openBefore : openBefore - 1));
  await expect(page.getByTestId("ticket-count")).toHaveText(String(countBefore));
  await expect(page.getByTestId("median-resolution")).not.toHaveText("—");
  // A first resolved ticket gives the contact a median; with others already resolved the median may
  // legitimately stay where it was (the lib/data tickets tests pin its value).
  if (medianBefore === "—") await expect(page.getByTestId("median-resolution")).not.toHaveText(medianBefore);

  // Sales reads the ticket, without a reply box or controls.
  const sales = await browser.newContext({ storageState: storageStateOf("sales") });
  const salesPage = await sales.newPage();
  await salesPage.goto(ticketUrl);
  await expect(salesPage.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(salesPage.getByTestId("ticket-comment").filter({ hasText: `E2E reply ${stamp}` })).toBeVisible();
  await expect(salesPage.getByTestId("read-only")).toBeVisible();
  await expect(salesPage.getByRole("form", { name: "Reply" })).toHaveCount(0);
  await expect(salesPage.getByRole("region", { name: "Ticket properties" })).toHaveCount(0);
  await salesPage.goto("/tickets");
  await expect(salesPage.getByRole("table", { name: "Tickets" })).toBeVisible();
  await expect(salesPage.getByRole("button", { name: "New ticket" })).toHaveCount(0);
  await sales.close();
});

test("the queue keeps its view in the URL and finds a ticket by number", async ({ page }) => {
  await page.goto("/tickets?status=all");
  const table = page.getByRole("table", { name: "Tickets" });
  await expect(table.getByTestId("data-row").first()).toBeVisible();
  const filters = page.getByRole("search", { name: "Filter tickets" });
  const number = (await table.getByTestId("data-row").first().locator("td").first().textContent())!.trim();
  await filters.getByLabel("Search").fill(number);
  await expect(page).toHaveURL(/q=/);
  await expect(table.getByTestId("data-row")).toHaveCount(1);
  await expect(table.getByTestId("data-row").first()).toContainText(number);
  await filters.getByLabel("Priority").selectOption("urgent");
  await expect(page).toHaveURL(/priority=urgent/);
  await filters.getByLabel("Assignee").selectOption("me");
  await expect(page).toHaveURL(/assignee=me/);
  await page.reload();
  await expect(filters.getByLabel("Assignee")).toHaveValue("me");
  await expect(filters.getByLabel("Status")).toHaveValue("all");
});
