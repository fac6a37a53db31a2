// Keyboard alone: the skip link, a dialog that opens from the keyboard, keeps focus inside, closes on
// Escape and gives focus back, a contact created without the mouse, the small-screen navigation
// drawer, the account menu and a chart's table alternative. Every focused control shows its focus.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { waitUntilReady } from "./ready";
import { storageStateOf } from "./roles";

test.use({ storageState: storageStateOf("admin") });

/** Presses Tab (Shift+Tab with `back`) until the target has focus, at most `max` times, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  await expect(target, `Tab never reached it in ${max} presses`).toBeFocused();
}

/** Focus is visible: the element matches :focus-visible and draws an outline. */
async function expectVisibleFocus(target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  expect(await target.evaluate((el) => el.matches(":focus-visible") && getComputedStyle(el).outlineStyle !== "none")).toBe(true);
}

/**
 * Reaches the opener with Tab, opens the dialog with Enter and tabs through it `presses` times: focus
 * never leaves it for the page behind. Escape then closes it and focus is back on the opener.
 */
async function expectDialogRoundTrip(page: Page, opener: Locator, dialog: Locator, presses: number): Promise<void> {
  await tabTo(page, opener);
  await expectVisibleFocus(opener);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    // Between the dialog's last and first control the browser may focus its own UI (document.body
    // here); what must never happen is focus reaching the inert page behind.
    const where = await dialog.evaluate((d) => {
      const a = document.activeElement;
      return !a || a === document.body ? "browser" : d.contains(a) ? "dialog" : `outside: ${a.outerHTML.slice(0, 120)}`;
    });
    expect(where).not.toMatch(/^outside/);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
}

test("the skip link moves focus to the page's main content", async ({ page }) => {
  await page.goto("/contacts");
  await waitUntilReady(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expectVisibleFocus(skip);
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  // The next Tab lands inside main, past the navigation.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.querySelector("main")!.contains(document.activeElement))).toBe(true);
});

test("a contact is created with the keyboard alone; the dialog keeps focus and gives it back", async ({ page }) => {
  // Some 120 key presses, each a round trip to the browser: more than the default 30 s under load.
  test.slow();
  await page.goto("/contacts");
  await waitUntilReady(page);
  const opener = page.getByRole("button", { name: "New contact" });
  const dialog = page.getByRole("dialog", { name: "New contact" });
  await expectDialogRoundTrip(page, opener, dialog, 25);

  // Open again and create a contact: type, Tab between fields, Enter submits.
  const run = `${Date.now().toString(36)}${test.info().workerIndex}`;
  const email = `keyboard-${run}@example.com`;
  const name = `Kay Board${run}`;
  await page.keyboard.press("Enter");
  await expect(dialog.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("First name")).toBeFocused();
  await page.keyboard.type("Kay");
  await page.keyboard.press("Tab");
  await page.keyboard.type(`Board${run}`);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // It is there: search for it from the keyboard (the box is before the button) and open it with Enter.
  const search = page.getByRole("searchbox", { name: "Search" });
  await tabTo(page, search, { back: true });
  await page.keyboard.type(email);
  await expect(page).toHaveURL(new RegExp(`q=keyboard-${run}`));
  // The search has landed (one row) before tabbing on: a result arriving mid-way re-renders the
  // filters and moves focus, which made the tabbing below start over and run out of time.
  await expect(page.getByRole("status").filter({ hasText: /^1–1 of 1$/ })).toBeVisible();
  const link = page.getByRole("table", { name: "Contacts" }).getByRole("link", { name });
  await expect(link).toBeVisible();
  await tabTo(page, link);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});

test("the account menu opens from the keyboard and Escape gives focus back", async ({ page }) => {
  await page.goto("/contacts");
  await waitUntilReady(page);
  const button = page.getByRole("button", { name: /Avery Admin/ });
  await tabTo(page, button);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(button).toBeFocused();
});

test.describe("on a small screen", () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test("the navigation drawer keeps focus inside, closes on Escape and gives focus back", async ({ page }) => {
    await page.goto("/contacts");
    await waitUntilReady(page);
    const drawer = page.getByRole("dialog", { name: "Navigation" });
    await expectDialogRoundTrip(page, page.getByRole("button", { name: "Open navigation" }), drawer, 15);

    // Follow a link from the drawer with the keyboard.
    await page.keyboard.press("Enter");
    const companies = drawer.getByRole("link", { name: "Companies" });
    await tabTo(page, companies);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/companies$/);
    await expect(drawer).toBeHidden();
  });
});

test("a chart's table alternative opens from the keyboard", async ({ page }) => {
  await page.goto("/journeys");
  await waitUntilReady(page);
  const summary = page.getByText("Show as a table");
  await tabTo(page, summary);
  await expectVisibleFocus(summary);
  await page.keyboard.press("Enter");
  const table = page.getByRole("table", { name: /Interactions and events per week/ });
  await expect(table).toBeVisible();
  expect(await table.getByRole("row").count()).toBeGreaterThan(1);
});
