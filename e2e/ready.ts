// Readiness, never a sleep: a page is ready for clicks and checks once it has loaded, React has
// hydrated it (<html data-hydrated>, set by components/layout/hydration-marker.tsx) and nothing on
// it is aria-busy. A click before hydration is lost: server-rendered buttons do nothing yet.
import { expect, type Page } from "@playwright/test";

export async function waitUntilReady(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  // Generous: on a machine under heavy load, downloading and running the page's scripts is slow.
  await expect(page.locator("html[data-hydrated]"), "the page should hydrate").toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}
