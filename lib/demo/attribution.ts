// The attribution columns the Tracking API derives at ingest (utm_*, referrer, referring_domain,
// page_url, page_path, click_ids), derived here for seeded events so dashboards read both alike.
// The generator's messages are well-formed (lower-case sources, absolute URLs, campaign only on the
// landing page), so reading context.campaign and context.page gives what ingest would store.
import type { EventRow } from "./types";

export const ATTRIBUTION_COLUMNS = [
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "referrer",
  "referring_domain",
  "page_url",
  "page_path",
  "click_ids",
] as const;
export type AttributionColumn = (typeof ATTRIBUTION_COLUMNS)[number];

const CLICK_ID_PARAMS = ["gclid", "fbclid", "msclkid", "li_fat_id", "ttclid", "wbraid", "gbraid", "dclid"];

export type EventAttribution = Record<Exclude<AttributionColumn, "click_ids">, string | null> & { click_ids: Record<string, string> | null };

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

export function attributionOf(e: EventRow): EventAttribution {
  const campaign = (e.context.campaign ?? {}) as Record<string, unknown>;
  const page = (e.context.page ?? {}) as Record<string, unknown>;
  const url = str(page.url);
  const referrer = str(page.referrer);
  let clickIds: Record<string, string> | null = null;
  let path = str(page.path);
  if (url) {
    const parsed = new URL(url);
    path = parsed.pathname;
    for (const p of CLICK_ID_PARAMS) {
      const v = parsed.searchParams.get(p);
      if (v) (clickIds ??= {})[p] = v;
    }
  }
  return {
    utm_source: str(campaign.source)?.toLowerCase() ?? null,
    utm_medium: str(campaign.medium)?.toLowerCase() ?? null,
    utm_campaign: str(campaign.name),
    utm_term: str(campaign.term),
    utm_content: str(campaign.content),
    referrer,
    referring_domain: referrer ? new URL(referrer).hostname.toLowerCase() : null,
    page_url: url,
    page_path: path,
    click_ids: clickIds,
  };
}
