// context.campaign from the page's utm_* query parameters, the way analytics.js fills it:
// utm_campaign → name, every other utm_<x> → <x> (source, medium, term, content, id, …).
// The first campaign seen in a tab's session is kept in sessionStorage and attached to later
// calls of that session whose URL has no utm_* parameters, so the landing's campaign is not lost
// after the first click.
import type { StorageLike } from "./env";
import { readItem, writeItem } from "./storage";

export type Campaign = Record<string, string>;

export const SESSION_CAMPAIGN_KEY = "tdm_campaign";
const MAX_VALUE_LENGTH = 1000;

export function campaignFromSearch(search: string): Campaign | undefined {
  const campaign: Campaign = {};
  let found = false;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return undefined;
  }
  params.forEach((value, rawKey) => {
    const key = rawKey.trim().toLowerCase();
    const v = value.trim();
    if (key.indexOf("utm_") !== 0 || !v) return;
    const name = key === "utm_campaign" ? "name" : key.slice(4);
    if (!name || Object.prototype.hasOwnProperty.call(campaign, name)) return;
    campaign[name] = v.slice(0, MAX_VALUE_LENGTH);
    found = true;
  });
  return found ? campaign : undefined;
}

/**
 * The campaign for a call on a page with `search`: the URL's own utm_* parameters when it has any
 * (the first ones of the session are remembered), else the session's first campaign.
 */
export function sessionCampaign(session: StorageLike | null, search: string): Campaign | undefined {
  const current = campaignFromSearch(search);
  const stored = readItem(session, SESSION_CAMPAIGN_KEY);
  if (current) {
    if (!stored) writeItem(session, SESSION_CAMPAIGN_KEY, JSON.stringify(current));
    return current;
  }
  if (!stored) return undefined;
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
    const out: Campaign = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) if (typeof v === "string") out[k] = v;
    return Object.keys(out).length ? out : undefined;
  } catch {
    return undefined;
  }
}
