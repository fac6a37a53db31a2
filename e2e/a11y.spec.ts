// The accessibility gate: every page of the access matrix, for every role that may open it and signed
// out, passes axe's WCAG 2.1 A/AA rules on the demo data — a page added to the matrix is scanned
// without more code. Dynamic pages whose sample URL is a 404 are scanned on a real record too; so are
// the 403 and 404 pages, an open dialog, a form showing its validation errors and a chart's table.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { allowed, ROUTES } from "./access-matrix";
import { expectNoViolations } from "./axe";
import { waitUntilReady } from "./ready";
import { ROLES, storageStateOf, type Role } from "./roles";

// Scans run side by side; axe's colour-contrast rule alone takes seconds on a 1,000-element page when
// the two cores are busy, so each test gets more than the default 30 s.
test.describe.configure({ mode: "parallel", timeout: 60_000 });

const PAGES = Object.entries(ROUTES).filter(([, rule]) => rule.kind === "page");
const WHO: (Role | null)[] = [null, ...ROLES];
const nameOf = (who: Role | null) => who ?? "signed out";

/** Dynamic pages and where a real record's URL is found: a list page and the pattern of its links. */
const REAL_RECORDS: Record<string, { list: string; link: RegExp }> = {
  "(app)/contacts/[id]/page.tsx": { list: "/contacts", link: /^\/contacts\/[^/?#]+$/ },
  "(app)/companies/[id]/page.tsx": { list: "/companies", link: /^\/companies\/[^/?#]+$/ },
  "(app)/tickets/[id]/page.tsx": { list: "/tickets?status=all", link: /^\/tickets\/[^/?#]+$/ },
  // The profile with the most events: identified, several identifiers, a CRM contact.
  "(app)/customers/[id]/page.tsx": { list: "/customers?sort=events&dir=desc", link: /^\/customers\/[^/?#]+$/ },
  // The matrix samples the built-in CRM source; the demo's own sources carry web and server traffic.
  "(app)/sources/[id]/page.tsx": { list: "/sources", link: /^\/sources\/(?!crm$)[^/?#]+$/ },
  "(app)/sources/[id]/debugger/page.tsx": { list: "/sources", link: /^\/sources\/(?!crm\/)[^/?#]+\/debugger$/ },
  // The demo's saved audiences (the builder's examples).
  "(app)/audiences/[id]/page.tsx": { list: "/audiences", link: /^\/audiences\/(?!new$)[^/?#]+$/ },
  // The demo's webhook destination, with its recorded delivery history.
  "(app)/settings/destinations/[id]/page.tsx": { list: "/settings/destinations", link: /^\/settings\/destinations\/[^/?#]+$/ },
};

async function open(browser: Browser, who: Role | null): Promise<Page> {
  const context = await browser.newContext({ storageState: who ? storageStateOf(who) : { cookies: [], origins: [] } });
  return context.newPage();
}

const realUrls = new Map<string, Promise<string>>();
/** The first link of the list page matching the pattern, as admin (once per worker). */
function realUrlOf(browser: Browser, file: string): Promise<string> {
  const found = realUrls.get(file) ?? resolveRealUrl(browser, REAL_RECORDS[file]!);
  realUrls.set(file, found);
  return found;
}

async function resolveRealUrl(browser: Browser, { list, link }: { list: string; link: RegExp }): Promise<string> {
  const page = await open(browser, "admin");
  await page.goto(list);
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  await page.context().close();
  const url = hrefs.find((h) => link.test(h));
  if (!url) throw new Error(`No link matching ${link} on ${list}: the demo data should have one.`);
  return url;
}

test("every dynamic page whose sample is a 404 says where a real record is found", () => {
  const missing = PAGES.filter(([file, rule]) => file.includes("[") && rule.status === 404 && !REAL_RECORDS[file]).map(([file]) => file);
  expect(missing, "add the page to REAL_RECORDS in e2e/a11y.spec.ts so it is scanned with content").toEqual([]);
});

/** Opens the URL as who, checks the status it answers with, and runs axe on it. */
async function scan(browser: Browser, who: Role | null, url: string, status: number): Promise<void> {
  // The API reference renders every operation with its examples: axe takes ~30–40 s on it alone.
  if (url === "/docs/api") test.slow();
  const page = await open(browser, who);
  const res = await page.goto(url);
  expect(res?.status(), `${url} as ${nameOf(who)}`).toBe(status);
  await expectNoViolations(page, nameOf(who));
  await page.context().close();
}

for (const [file, rule] of PAGES) {
  for (const who of WHO.filter((w) => allowed(rule, w))) {
    test(`${rule.url} as ${nameOf(who)}`, ({ browser }) => scan(browser, who, rule.url, rule.status ?? 200));
    if (who && REAL_RECORDS[file]) {
      test(`${file} on a real record as ${who}`, async ({ browser }) => scan(browser, who, await realUrlOf(browser, file), 200));
    }
  }
}

for (const who of ROLES) {
  const denied = PAGES.find(([, rule]) => !allowed(rule, who));
  if (denied) test(`the 403 page as ${who}`, ({ browser }) => scan(browser, who, denied[1].url, 403));
}

for (const who of [null, "admin"] as const) {
  test(`the 404 page as ${nameOf(who)}`, ({ browser }) => scan(browser, who, "/no-such-page", 404));
}

test.describe("states", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("an open dialog: split a customer profile", async ({ browser, page }) => {
    await page.goto(await realUrlOf(browser, "(app)/customers/[id]/page.tsx"));
    await waitUntilReady(page);
    await page.getByRole("button", { name: "Split…" }).click();
    await expect(page.getByRole("dialog", { name: "Split this profile" })).toBeVisible();
    await expectNoViolations(page, "admin");
  });

  test("a form showing its validation errors: a new contact submitted empty", async ({ page }) => {
    await page.goto("/contacts");
    await waitUntilReady(page);
    await page.getByRole("button", { name: "New contact" }).click();
    const dialog = page.getByRole("dialog", { name: "New contact" });
    await dialog.getByRole("button", { name: "Create contact" }).click();
    await expect(dialog.getByRole("alert")).toBeVisible();
    await expectNoViolations(page, "admin");
  });

  test("a chart with its table alternative open", async ({ page }) => {
    await page.goto("/journeys");
    await waitUntilReady(page);
    await page.getByText("Show as a table").click();
    await expect(page.getByRole("table", { name: /per week/ })).toBeVisible();
    await expectNoViolations(page, "admin");
  });
});
