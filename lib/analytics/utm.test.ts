import { describe, expect, it } from "vitest";
import { cut, extractAttribution, hostOf, type Attribution, type AttributionInput } from "./utm";

const EMPTY: Attribution = {
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  utmTerm: null,
  utmContent: null,
  referrer: null,
  referringDomain: null,
  landingUrl: null,
  landingPath: null,
  clickIds: {},
  pageHost: null,
};

const long = "a".repeat(1500);
const emoji = "😀"; // two UTF-16 units

type Row = [name: string, input: AttributionInput, want: Partial<Attribution>];

const rows: Row[] = [
  // Empty and malformed containers
  ["empty input", {}, EMPTY],
  ["context and properties are not objects", { context: "page", properties: 42 }, EMPTY],
  ["context is an array", { context: [{ campaign: { source: "x" } }] }, EMPTY],
  ["campaign is a string", { context: { campaign: "utm_source=google" } }, EMPTY],
  ["page is null", { context: { page: null, campaign: null } }, EMPTY],

  // context.campaign
  [
    "context.campaign: source/medium lower-cased and trimmed, the rest trimmed only",
    { context: { campaign: { source: "  Google ", medium: "CPC", name: " Brand Q3 ", term: " CRM Software ", content: "Ad-A " } } },
    { utmSource: "google", utmMedium: "cpc", utmCampaign: "Brand Q3", utmTerm: "CRM Software", utmContent: "Ad-A" },
  ],
  [
    "context.campaign wins over the page URL, field by field",
    {
      context: {
        campaign: { source: "newsletter", name: "April" },
        page: { url: "https://example.com/?utm_source=google&utm_medium=cpc&utm_campaign=Other" },
      },
    },
    { utmSource: "newsletter", utmMedium: "cpc", utmCampaign: "April" },
  ],
  [
    "context.campaign with utm_-prefixed keys",
    { context: { campaign: { utm_source: "Bing", utm_medium: "PPC", utm_campaign: "Spring" } } },
    { utmSource: "bing", utmMedium: "ppc", utmCampaign: "Spring" },
  ],
  [
    "non-string campaign values: numbers are kept as text, booleans/objects fall through to the URL",
    { context: { campaign: { source: 42, medium: true, name: { x: 1 }, term: NaN }, page: { url: "https://example.com/?utm_medium=email&utm_campaign=c&utm_term=t" } } },
    { utmSource: "42", utmMedium: "email", utmCampaign: "c", utmTerm: "t" },
  ],
  [
    "blank campaign values fall through to the URL",
    { context: { campaign: { source: "   ", medium: "" }, page: { url: "https://example.com/?utm_source=x&utm_medium=y" } } },
    { utmSource: "x", utmMedium: "y" },
  ],
  [
    "inherited properties are not read",
    { context: JSON.parse('{"campaign": {"__proto__": {"source": "evil"}}}') as unknown },
    { utmSource: null },
  ],

  // Page URL and search
  [
    "utm_* from context.page.url, with host and path",
    { context: { page: { url: "https://WWW.Example.com/pricing/?utm_source=LinkedIn&utm_medium=Paid_Social&utm_campaign=Launch%20Day&utm_term=crm&utm_content=v2" } } },
    {
      utmSource: "linkedin",
      utmMedium: "paid_social",
      utmCampaign: "Launch Day",
      utmTerm: "crm",
      utmContent: "v2",
      landingUrl: "https://WWW.Example.com/pricing/?utm_source=LinkedIn&utm_medium=Paid_Social&utm_campaign=Launch%20Day&utm_term=crm&utm_content=v2",
      landingPath: "/pricing/",
      pageHost: "www.example.com",
    },
  ],
  [
    "properties.url when there is no context.page (page call without type)",
    { properties: { url: "https://example.com/blog?utm_source=twitter", referrer: "https://t.co/x", path: "/ignored" } },
    { utmSource: "twitter", landingUrl: "https://example.com/blog?utm_source=twitter", landingPath: "/blog", pageHost: "example.com", referrer: "https://t.co/x", referringDomain: "t.co" },
  ],
  [
    "type page: properties are used",
    { type: "page", properties: { url: "https://example.com/?utm_medium=email" } },
    { utmMedium: "email", pageHost: "example.com" },
  ],
  [
    "type track: properties.url / referrer are not the page",
    { type: "track", properties: { url: "https://twitter.com/share?utm_source=x", referrer: "https://evil.example/" } },
    EMPTY,
  ],
  [
    "context.page.url wins over properties.url",
    { context: { page: { url: "https://example.com/a?utm_source=one" } }, properties: { url: "https://example.com/b?utm_source=two" } },
    { utmSource: "one", landingPath: "/a" },
  ],
  [
    "context.page.search when the URL has no query (canonical URL)",
    { context: { page: { url: "https://example.com/landing", search: "?utm_source=Facebook&utm_medium=cpc&fbclid=IwAR" } } },
    { utmSource: "facebook", utmMedium: "cpc", clickIds: { fbclid: "IwAR" }, landingPath: "/landing" },
  ],
  [
    "the URL's query wins over context.page.search",
    { context: { page: { url: "https://example.com/?utm_source=url", search: "utm_source=search&utm_medium=email" } } },
    { utmSource: "url", utmMedium: "email" },
  ],
  [
    "parameter names are matched case-insensitively, first occurrence wins",
    { context: { page: { url: "https://example.com/?UTM_SOURCE=First&utm_source=second&Utm_Medium=Email" } } },
    { utmSource: "first", utmMedium: "email" },
  ],
  [
    "+ and percent-encoding are decoded",
    { context: { page: { url: "https://example.com/?utm_campaign=spring+sale%21&utm_term=caf%C3%A9" } } },
    { utmCampaign: "spring sale!", utmTerm: "café" },
  ],
  [
    "broken percent-encoding does not throw",
    { context: { page: { url: "https://example.com/?utm_campaign=%E0%A4%A&utm_source=%ZZ" } } },
    { utmSource: "%zz", pageHost: "example.com" },
  ],
  [
    "a URL the parser refuses still gives its query, no host",
    { context: { page: { url: "http://exa mple.com/x?utm_source=Partner&gclid=abc#frag" } } },
    { utmSource: "partner", clickIds: { gclid: "abc" }, pageHost: null, landingPath: null, landingUrl: "http://exa mple.com/x?utm_source=Partner&gclid=abc#frag" },
  ],
  [
    "a path with no origin",
    { context: { page: { url: "/pricing?utm_source=ads" } } },
    { utmSource: "ads", landingPath: "/pricing", pageHost: null, landingUrl: "/pricing?utm_source=ads" },
  ],
  [
    "garbage URL: no throw, path from context.page.path",
    { context: { page: { url: "not a url", path: "/home" } } },
    { landingUrl: "not a url", landingPath: "/home", pageHost: null, utmSource: null },
  ],
  [
    "non-string URL and search are ignored",
    { context: { page: { url: 12345, search: ["utm_source=x"], path: 7 } } },
    { landingUrl: null, landingPath: "7", utmSource: null },
  ],

  // Click ids
  [
    "all eight click ids",
    { context: { page: { url: "https://example.com/?gclid=G&fbclid=F&msclkid=M&li_fat_id=L&ttclid=T&wbraid=W&gbraid=B&dclid=D&other=1" } } },
    { clickIds: { gclid: "G", fbclid: "F", msclkid: "M", li_fat_id: "L", ttclid: "T", wbraid: "W", gbraid: "B", dclid: "D" } },
  ],
  [
    "empty click ids are absent, whitespace is trimmed",
    { context: { page: { url: "https://example.com/?gclid=&msclkid=%20m%20" } } },
    { clickIds: { msclkid: "m" } },
  ],
  [
    "click ids from properties.search on a page call",
    { type: "page", properties: { url: "https://example.com/", search: "?ttclid=tt" } },
    { clickIds: { ttclid: "tt" } },
  ],

  // Referrer
  [
    "context.page.referrer wins over properties.referrer and context.referrer.url",
    { context: { page: { referrer: "https://www.Google.com/search?q=crm" }, referrer: { url: "https://ctx.example/" } }, properties: { referrer: "https://props.example/" } },
    { referrer: "https://www.Google.com/search?q=crm", referringDomain: "www.google.com" },
  ],
  [
    "an empty context.page.referrer falls through to properties.referrer",
    { context: { page: { referrer: "" } }, properties: { referrer: "https://news.ycombinator.com/" } },
    { referrer: "https://news.ycombinator.com/", referringDomain: "news.ycombinator.com" },
  ],
  [
    "context.referrer.url (mobile deep link)",
    { context: { referrer: { type: "dataxu", url: "https://ads.partner.io/click?id=1" } } },
    { referrer: "https://ads.partner.io/click?id=1", referringDomain: "ads.partner.io" },
  ],
  [
    "a scheme-less referrer host",
    { context: { page: { referrer: "Bing.com/search?q=x" } } },
    { referrer: "Bing.com/search?q=x", referringDomain: "bing.com" },
  ],
  [
    "an unparseable referrer is kept, with no domain",
    { context: { page: { referrer: "not a referrer" } } },
    { referrer: "not a referrer", referringDomain: null },
  ],
  [
    "an android-app referrer",
    { context: { page: { referrer: "android-app://com.google.android.gm/" } } },
    { referringDomain: "com.google.android.gm" },
  ],
  [
    "a non-string referrer is ignored",
    { context: { page: { referrer: { url: "https://x.example/" } } } },
    { referrer: null, referringDomain: null },
  ],

  // Length limits
  [
    "strings longer than 1,000 characters are cut",
    { context: { campaign: { name: long, source: long.toUpperCase() }, page: { referrer: `https://example.org/${long}` } } },
    { utmCampaign: "a".repeat(1000), utmSource: "a".repeat(1000), referrer: `https://example.org/${long}`.slice(0, 1000), referringDomain: "example.org" },
  ],
  [
    "a cut never splits a surrogate pair",
    { context: { campaign: { name: "x".repeat(999) + emoji } } },
    { utmCampaign: "x".repeat(999) },
  ],
  [
    "query parameters past 1,000 characters of a long URL are still read",
    { context: { page: { url: `https://example.com/${long}?utm_source=late` } } },
    { utmSource: "late", landingUrl: `https://example.com/${long}`.slice(0, 1000), pageHost: "example.com" },
  ],
];

describe("extractAttribution", () => {
  it("has at least 25 rows", () => {
    expect(rows.length).toBeGreaterThanOrEqual(25);
  });

  it.each(rows)("%s", (_name, input, want) => {
    const got = extractAttribution(input);
    expect(got).toMatchObject(want);
    if (want.clickIds) expect(got.clickIds).toEqual(want.clickIds);
  });

  it("returns every field, null when unknown", () => {
    expect(extractAttribution({ context: { page: { url: "https://example.com/" } } })).toEqual({
      ...EMPTY,
      landingUrl: "https://example.com/",
      landingPath: "/",
      pageHost: "example.com",
    });
  });

  it("never throws on hostile input", () => {
    const throwing = {
      get campaign(): unknown {
        throw new Error("boom");
      },
    };
    for (const bad of [null, undefined, 0, "x", [], { context: throwing }, { context: { page: { url: "http://[::1" } } }]) {
      expect(() => extractAttribution(bad as unknown as AttributionInput)).not.toThrow();
    }
  });
});

describe("hostOf", () => {
  it.each([
    ["https://WWW.Example.COM./x", "www.example.com"],
    ["http://localhost:3000/", "localhost"],
    ["example.org", "example.org"],
    ["localhost", null],
    ["/relative/path", null],
    ["", null],
    [null, null],
    ["mailto:someone@example.com", null],
  ] as const)("%j → %j", (input, want) => {
    expect(hostOf(input)).toBe(want);
  });
});

describe("cut", () => {
  it("keeps short strings and cuts long ones", () => {
    expect(cut("abc", 5)).toBe("abc");
    expect(cut("abcdef", 3)).toBe("abc");
    expect(cut(`ab${emoji}`, 3)).toBe("ab");
  });
});
