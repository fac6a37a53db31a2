// The accessibility check every page and state passes: axe-core's WCAG 2.0/2.1 level A and AA rules.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { waitUntilReady } from "./ready";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Fails on any WCAG 2.1 A/AA violation axe finds on the page as it is now, one line per rule naming
 * the page, who looked, the rule, its impact and every offending element's selector.
 */
export async function expectNoViolations(page: Page, who: string): Promise<void> {
  await waitUntilReady(page);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const url = new URL(page.url());
  const where = `${url.pathname}${url.search} as ${who}`;
  const found = violations.map(
    (v) => `${where}: ${v.id} (${v.impact ?? "?"}: ${v.help}) on ${v.nodes.map((n) => n.target.map(String).join(" >> ")).join(" | ")}`,
  );
  expect(found, `axe found WCAG 2.1 A/AA violations on ${where}`).toEqual([]);
}

