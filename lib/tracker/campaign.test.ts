import { describe, expect, it } from "vitest";
import { campaignFromSearch, SESSION_CAMPAIGN_KEY, sessionCampaign } from "./campaign";
import { FakeStorage } from "./test-fakes";

describe("campaignFromSearch", () => {
  const cases: [string, Record<string, string> | undefined][] = [
    ["", undefined],
    ["?plan=pro", undefined],
    [
      "?utm_source=google&utm_medium=cpc&utm_campaign=brand-q4&utm_term=project+planning&utm_content=ad%201",
      { source: "google", medium: "cpc", name: "brand-q4", term: "project planning", content: "ad 1" },
    ],
    ["utm_source=newsletter", { source: "newsletter" }],
    ["?UTM_Source=LinkedIn&utm_medium=", { source: "LinkedIn" }],
    ["?utm_source=a&utm_source=b", { source: "a" }],
    ["?utm_id=123&utm_source_platform=ads", { id: "123", source_platform: "ads" }],
    ["?utm_=x&utm_source=%20spaced%20", { source: "spaced" }],
    ["?gclid=abc&utm_campaign=Spring%20Sale", { name: "Spring Sale" }],
    ["?utm_source=%E0%A4%A", { source: "\ufffd%A" }],
  ];
  it.each(cases)("%s", (search, expected) => {
    expect(campaignFromSearch(search)).toEqual(expected);
  });

  it("cuts very long values", () => {
    expect(campaignFromSearch(`?utm_source=${"x".repeat(5000)}`)!.source).toHaveLength(1000);
  });
});

describe("sessionCampaign", () => {
  it("keeps the session's first campaign for later pages without utm_* parameters", () => {
    const session = new FakeStorage();
    expect(sessionCampaign(session, "")).toBeUndefined();
    expect(sessionCampaign(session, "?utm_source=google&utm_medium=cpc")).toEqual({ source: "google", medium: "cpc" });
    expect(sessionCampaign(session, "?page=2")).toEqual({ source: "google", medium: "cpc" });
    // A later campaign describes its own page but doesn't replace the session's first.
    expect(sessionCampaign(session, "?utm_source=newsletter")).toEqual({ source: "newsletter" });
    expect(sessionCampaign(session, "")).toEqual({ source: "google", medium: "cpc" });
  });

  it("survives a missing or corrupted session store", () => {
    expect(sessionCampaign(null, "?utm_source=x")).toEqual({ source: "x" });
    expect(sessionCampaign(null, "")).toBeUndefined();
    const session = new FakeStorage();
    for (const bad of ["not json", "[1,2]", "null", '{"source":7}']) {
      session.setItem(SESSION_CAMPAIGN_KEY, bad);
      expect(sessionCampaign(session, "")).toBeUndefined();
    }
  });
});
