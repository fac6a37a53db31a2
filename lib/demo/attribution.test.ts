import { describe, expect, it } from "vitest";
import { attributionOf } from "./attribution";
import type { EventRow } from "./types";

const event = (context: Record<string, unknown>): EventRow => ({
  sourceId: "s",
  messageId: "m",
  type: "page",
  event: null,
  name: "Home",
  userId: null,
  anonymousId: "a",
  groupId: null,
  properties: {},
  traits: {},
  context,
  channel: "Paid Search",
  person: 0,
  timestamp: 0,
  originalTimestamp: 0,
  sentAt: 0,
  receivedAt: 0,
});

describe("attributionOf", () => {
  it("reads the campaign, the page and the click ids of a tagged landing page", () => {
    const url = "https://www.loopwise.example/lp/x?utm_source=google&utm_medium=cpc&utm_campaign=search-brand&gclid=Cj0abc";
    const a = attributionOf(
      event({
        page: { url, path: "/lp/x", referrer: "https://www.google.com/", search: "?utm_source=google" },
        campaign: { source: "Google", medium: "cpc", name: "search-brand", term: "loopwise", content: "rsa-1" },
      }),
    );
    expect(a).toEqual({
      utm_source: "google",
      utm_medium: "cpc",
      utm_campaign: "search-brand",
      utm_term: "loopwise",
      utm_content: "rsa-1",
      referrer: "https://www.google.com/",
      referring_domain: "www.google.com",
      page_url: url,
      page_path: "/lp/x",
      click_ids: { gclid: "Cj0abc" },
    });
  });

  it("leaves everything empty for a server-side message", () => {
    const a = attributionOf(event({ library: { name: "analytics-node" } }));
    expect(Object.values(a).every((v) => v === null)).toBe(true);
  });

  it("treats an empty referrer as none", () => {
    const a = attributionOf(event({ page: { url: "https://www.loopwise.example/", path: "/", referrer: "" } }));
    expect(a.referrer).toBeNull();
    expect(a.referring_domain).toBeNull();
    expect(a.page_path).toBe("/");
  });
});
