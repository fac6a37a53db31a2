import { describe, expect, it } from "vitest";
import { CHANNELS, channelFor, isChannel, sourceCategory, trafficSource, type Channel, type ChannelInput, type ChannelOptions } from "./channel";
import { extractAttribution } from "./utm";

const SITE: ChannelOptions = { siteHosts: ["example.com"] };
const ref = (url: string, extra: ChannelInput = {}): ChannelInput => ({ referrer: url, pageHost: "example.com", ...extra });
const utm = (utmSource: string | null, utmMedium: string | null, utmCampaign: string | null = null): ChannelInput => ({ utmSource, utmMedium, utmCampaign });

type Row = [name: string, input: ChannelInput, want: Channel, opts?: ChannelOptions];

const rows: Row[] = [
  // Direct
  ["nothing at all", {}, "Direct"],
  ["empty referrer", { referrer: "", pageHost: "example.com" }, "Direct"],
  ["explicit (direct) / (none)", utm("(direct)", "(none)"), "Direct"],
  ["explicit (direct) with no medium → (not set)", utm("(direct)", null), "Direct"],
  ["referrer on the page's own host (www. variant)", ref("https://www.example.com/pricing"), "Direct"],
  ["referrer on a site host, page host unknown", { referrer: "https://www.example.com/" }, "Direct", SITE],
  ["site host given as a URL, mixed case", { referrer: "https://example.com/a" }, "Direct", { siteHosts: ["https://WWW.Example.com/"] }],
  ["wildcard site host covers sub-domains", { referrer: "https://app.example.com/x" }, "Direct", { siteHosts: ["*.example.com"] }],
  ["second site host (docs on another domain)", ref("https://docs.example.dev/guide"), "Direct", { siteHosts: ["example.com", "docs.example.dev"] }],
  ["fbclid alone is not a signal (GA4 ignores it)", { clickIds: { fbclid: "abc" } }, "Direct"],
  ["empty click id values are no click", { clickIds: { gclid: "", msclkid: "  " } }, "Direct"],
  ["junk types are ignored", { utmSource: 5, utmMedium: {}, referrer: [], clickIds: "gclid" } as unknown as ChannelInput, "Direct"],

  // Cross-network (rule 2 beats Paid Shopping / Paid Search)
  ["cross-network campaign, google / cpc", utm("google", "cpc", "PMax Cross-Network Q3"), "Cross-network"],
  ["cross-network campaign alone", utm(null, null, "cross-network"), "Cross-network"],
  ["gclid with a cross-network campaign", { clickIds: { gclid: "x" }, utmCampaign: "brand-cross-network" }, "Cross-network"],

  // Paid Shopping (rule 3 beats Paid Search)
  ["amazon / cpc", utm("amazon", "cpc"), "Paid Shopping"],
  ["google / cpc with a shopping campaign", utm("google", "cpc", "Summer Shopping"), "Paid Shopping"],
  ["igshopping / paid", utm("IGShopping", "paid"), "Paid Shopping"],
  ["campaign e-shop (non-letter before shop) / paid_newsletter", utm("newsletter", "paid_newsletter", "e-shop launch"), "Paid Shopping"],
  ["campaign eshop ('e' is allowed by [^a-df-z]) / cpc", utm("partner", "cpc", "eshop"), "Paid Shopping"],
  ["campaign workshop is not shopping → Paid Other", utm("partner", "cpc", "workshop-2024"), "Paid Other"],

  // Paid Search
  ["google / cpc", utm("google", "cpc"), "Paid Search"],
  ["upper-case Google / CPC", utm("Google", "CPC"), "Paid Search"],
  ["bing / ppc", utm("bing", "ppc"), "Paid Search"],
  ["duckduckgo / retargeting", utm("duckduckgo", "retargeting"), "Paid Search"],
  ["yahoo / paidsearch", utm("yahoo", "paidsearch"), "Paid Search"],
  ["google.com as a utm_source host / cpc", utm("www.google.com", "cpc"), "Paid Search"],
  ["google / cpm: Paid Search comes before Display", utm("google", "cpm"), "Paid Search"],
  ["gclid alone", { clickIds: { gclid: "EAIaIQ" } }, "Paid Search"],
  ["wbraid alone", { clickIds: { wbraid: "w" } }, "Paid Search"],
  ["gbraid alone", { clickIds: { gbraid: "g" } }, "Paid Search"],
  ["gclid overrides facebook / paid_social UTMs (auto-tagging wins)", { ...utm("facebook", "paid_social"), clickIds: { gclid: "x" } }, "Paid Search"],
  ["gclid with a facebook referrer", ref("https://l.facebook.com/", { clickIds: { gclid: "x" } }), "Paid Search"],
  ["msclkid alone", { clickIds: { msclkid: "m" } }, "Paid Search"],
  ["utm_medium=cpc with no source takes the google referrer", ref("https://www.google.com/", { utmMedium: "cpc" }), "Paid Search"],

  // Paid Social
  ["facebook / paid_social", utm("facebook", "paid_social"), "Paid Social"],
  ["fb / cpc", utm("fb", "cpc"), "Paid Social"],
  ["linkedin.com / paid", utm("linkedin.com", "paid"), "Paid Social"],
  ["facebook / cpc with fbclid", { ...utm("facebook", "cpc"), clickIds: { fbclid: "f" } }, "Paid Social"],
  ["ttclid alone", { clickIds: { ttclid: "t" } }, "Paid Social"],
  ["li_fat_id alone", { clickIds: { li_fat_id: "l" } }, "Paid Social"],
  ["utm_medium=paid with no source, t.co referrer", ref("https://t.co/abc", { utmMedium: "paid" }), "Paid Social"],

  // Paid Video
  ["youtube / cpv", utm("youtube", "cpv"), "Paid Video"],
  ["vimeo / paid-video", utm("vimeo", "paid-video"), "Paid Video"],
  ["dclid with a youtube referrer", ref("https://www.youtube.com/watch?v=1", { clickIds: { dclid: "d" } }), "Paid Video"],

  // Display (rule 7 beats Paid Other)
  ["partner / display", utm("partner", "display"), "Display"],
  ["partner / banner", utm("partner", "Banner"), "Display"],
  ["partner / interstitial", utm("partner", "interstitial"), "Display"],
  ["partner / expandable", utm("partner", "expandable"), "Display"],
  ["publisher.com / cpm", utm("publisher.com", "cpm"), "Display"],
  ["dclid alone", { clickIds: { dclid: "d" } }, "Display"],
  ["dclid with a publisher referrer", ref("https://news.example.org/", { clickIds: { dclid: "d" } }), "Display"],

  // Paid Other
  ["newsletter / cpc", utm("newsletter", "cpc"), "Paid Other"],
  ["medium paid, nothing else", utm(null, "paid"), "Paid Other"],
  ["partner / retargeting", utm("partner", "retargeting"), "Paid Other"],
  ["msclkid does not override UTMs", { ...utm("partner", "cpa"), clickIds: { msclkid: "m" } }, "Paid Other"],

  // Organic Shopping
  ["amazon.com referrer", ref("https://www.amazon.com/dp/B0"), "Organic Shopping"],
  ["amazon.de referrer (country family)", ref("https://www.amazon.de/"), "Organic Shopping"],
  ["ebay source, no medium", utm("ebay", null), "Organic Shopping"],
  ["shopping campaign beats Email", utm("newsletter", "email", "shop-launch"), "Organic Shopping"],
  ["checkout.stripe.com referrer is on Google's shopping list", ref("https://checkout.stripe.com/c/pay"), "Organic Shopping"],
  ["checkout.stripe.com listed as a site host is internal", ref("https://checkout.stripe.com/c/pay"), "Direct", { siteHosts: ["example.com", "checkout.stripe.com"] }],

  // Organic Social
  ["l.facebook.com referrer with fbclid", ref("https://l.facebook.com/l.php?u=x", { clickIds: { fbclid: "f" } }), "Organic Social"],
  ["lm.facebook.com referrer", ref("https://lm.facebook.com/"), "Organic Social"],
  ["m.facebook.com referrer", ref("https://m.facebook.com/"), "Organic Social"],
  ["t.co referrer", ref("https://t.co/xyz"), "Organic Social"],
  ["lnkd.in referrer", ref("https://lnkd.in/abc"), "Organic Social"],
  ["www.linkedin.com referrer", ref("https://www.linkedin.com/feed/"), "Organic Social"],
  ["uk.linkedin.com referrer (sub-domain)", ref("https://uk.linkedin.com/"), "Organic Social"],
  ["old.reddit.com referrer", ref("https://old.reddit.com/r/x"), "Organic Social"],
  ["x.com referrer", ref("https://x.com/someone"), "Organic Social"],
  ["de.pinterest.com referrer", ref("https://de.pinterest.com/pin/1"), "Organic Social"],
  ["news.ycombinator.com referrer", ref("https://news.ycombinator.com/item?id=1"), "Organic Social"],
  ["medium social", utm("newsletter", "social"), "Organic Social"],
  ["medium Social Media (case)", utm("partner", "Social Media"), "Organic Social"],
  ["medium sm", utm(null, "sm"), "Organic Social"],
  ["reddit source, no medium", utm("reddit", null), "Organic Social"],
  ["facebook / email: Organic Social comes before Email", utm("facebook", "email"), "Organic Social"],

  // Organic Video
  ["www.youtube.com referrer", ref("https://www.youtube.com/watch?v=1"), "Organic Video"],
  ["m.youtube.com referrer", ref("https://m.youtube.com/"), "Organic Video"],
  ["vimeo.com referrer", ref("https://vimeo.com/123"), "Organic Video"],
  ["twitch.tv referrer", ref("https://www.twitch.tv/someone"), "Organic Video"],
  ["medium video", utm("partner", "video"), "Organic Video"],
  ["medium contains video", utm("partner", "explainer-video-q3"), "Organic Video"],

  // Organic Search
  ["www.google.com referrer", ref("https://www.google.com/"), "Organic Search"],
  ["google.co.uk referrer", ref("https://www.google.co.uk/"), "Organic Search"],
  ["google.com.au referrer", ref("https://google.com.au/search?q=x"), "Organic Search"],
  ["news.google.com referrer", ref("https://news.google.com/"), "Organic Search"],
  ["bing.com referrer", ref("https://www.bing.com/search?q=x"), "Organic Search"],
  ["duckduckgo.com referrer", ref("https://duckduckgo.com/"), "Organic Search"],
  ["search.yahoo.com referrer", ref("https://search.yahoo.com/search?p=x"), "Organic Search"],
  ["de.search.yahoo.com referrer", ref("https://de.search.yahoo.com/"), "Organic Search"],
  ["baidu.com referrer", ref("https://www.baidu.com/link?url=x"), "Organic Search"],
  ["yandex.ru referrer", ref("https://yandex.ru/search/"), "Organic Search"],
  ["ecosia.org referrer", ref("https://www.ecosia.org/search?q=x"), "Organic Search"],
  ["referringDomain alone (no referrer URL)", { referringDomain: "www.bing.com", pageHost: "example.com" }, "Organic Search"],
  ["medium organic", utm("newsletter", "organic"), "Organic Search"],
  ["utm_source google, no medium", utm("google", null), "Organic Search"],
  ["utm_campaign only, google referrer", ref("https://www.google.com/", { utmCampaign: "spring" }), "Organic Search"],
  ["google / referral: Organic Search comes before Referral", utm("google", "referral"), "Organic Search"],

  // Referral
  ["other site referrer", ref("https://blog.partner.io/post"), "Referral"],
  ["mail.google.com is not a search site", ref("https://mail.google.com/mail/u/0/"), "Referral"],
  ["sub-domain of the site without a wildcard is external", { referrer: "https://app.example.com/" }, "Referral", SITE],
  ["android-app referrer", ref("android-app://com.slack/"), "Referral"],
  ["medium link", utm("partner", "link"), "Referral"],
  ["medium app", utm("partner", "app"), "Referral"],
  ["email / referral: Referral comes before Email", utm("email", "referral"), "Referral"],
  ["utm_medium referral, no source, partner referrer", ref("https://partner.io/", { utmMedium: "referral" }), "Referral"],

  // Email
  ["newsletter / email", utm("newsletter", "email"), "Email"],
  ["source e-mail, no medium", utm("e-mail", null), "Email"],
  ["medium E_Mail (case)", utm("crm", "E_Mail"), "Email"],
  ["medium 'e mail'", utm("crm", "e mail"), "Email"],
  ["email UTMs beat a referrer", ref("https://mail.google.com/", utm("newsletter", "email")), "Email"],

  // Affiliates, Audio, SMS, Mobile Push Notifications
  ["medium affiliate", utm("partner", "affiliate"), "Affiliates"],
  ["medium audio", utm("spotify-podcast", "audio"), "Audio"],
  ["source sms", utm("sms", null), "SMS"],
  ["medium SMS", utm("twilio", "SMS"), "SMS"],
  ["medium push", utm("app", "push"), "Mobile Push Notifications"],
  ["medium web-push", utm("onesignal", "web-push"), "Mobile Push Notifications"],
  ["medium contains mobile", utm("app", "mobile-inbox"), "Mobile Push Notifications"],
  ["medium contains notification", utm("app", "in-app notification"), "Mobile Push Notifications"],
  ["source firebase", utm("firebase", null), "Mobile Push Notifications"],

  // Unassigned
  ["source with no medium, not on any list", utm("newsletter", null), "Unassigned"],
  ["unknown medium", utm("partner", "print"), "Unassigned"],
  ["campaign only", utm(null, null, "spring-sale"), "Unassigned"],
  ["medium emails is not email (exact match)", utm("crm", "emails"), "Unassigned"],
  ["affiliates is not affiliate (exact match)", utm("partner", "affiliates"), "Unassigned"],
];

describe("channelFor", () => {
  it("has at least 60 rows and covers every channel", () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(CHANNELS));
  });

  it.each(rows)("%s", (_name, input, want, opts) => {
    expect(channelFor(input, opts)).toBe(want);
  });

  it("does not throw on hostile input", () => {
    for (const bad of [null, undefined, 42, "x", [], { referrer: "http://[::1" }, { clickIds: null }]) {
      expect(() => channelFor(bad as unknown as ChannelInput, { siteHosts: [null, 3, "", "http://"] as unknown as string[] })).not.toThrow();
    }
  });
});

describe("CHANNELS", () => {
  it("lists GA4's 18 default channels plus Unassigned, in rule order", () => {
    expect(CHANNELS).toHaveLength(19);
    expect(CHANNELS[0]).toBe("Direct");
    expect(CHANNELS.at(-1)).toBe("Unassigned");
    expect(isChannel("Paid Search")).toBe(true);
    expect(isChannel("paid search")).toBe(false);
  });
});

describe("trafficSource", () => {
  it.each([
    ["nothing", {}, { source: "(direct)", medium: "(none)", campaign: null }],
    ["google referrer", ref("https://www.google.de/"), { source: "google", medium: "organic", campaign: null }],
    ["other search site keeps its host", ref("https://www.qwant.com/?q=x"), { source: "qwant.com", medium: "organic", campaign: null }],
    ["social referrer", ref("https://www.linkedin.com/"), { source: "linkedin.com", medium: "referral", campaign: null }],
    ["medium only", utm(null, "Email"), { source: "(not set)", medium: "email", campaign: null }],
    ["source only", utm("Newsletter", null, "Spring"), { source: "newsletter", medium: "(not set)", campaign: "spring" }],
    ["gclid", { ...utm("x", "y", "Brand"), clickIds: { gclid: "1" } }, { source: "google", medium: "cpc", campaign: "brand" }],
    ["msclkid", { clickIds: { msclkid: "1" } }, { source: "bing", medium: "cpc", campaign: null }],
  ] as const)("%s", (_name, input, want) => {
    expect(trafficSource(input)).toEqual(want);
  });
});

describe("sourceCategory", () => {
  it.each([
    ["google", "search"],
    ["GOOGLE", "search"],
    ["www.google.com", "search"],
    ["google.fr", "search"],
    ["mail.google.com", null],
    ["sites.google.com", "social"],
    ["answers.yahoo.com", "social"],
    ["fr.search.yahoo.com", "search"],
    ["l.facebook.com", "social"],
    ["www.facebook.com", "social"],
    ["music.youtube.com", "video"],
    ["blog.twitch.tv", "video"],
    ["smile.amazon.co.uk", "shopping"],
    ["Google Shopping", "shopping"],
    ["example.com", null],
    ["", null],
    [null, null],
  ] as const)("%j → %j", (source, want) => {
    expect(sourceCategory(source)).toBe(want);
  });
});

describe("extractAttribution → channelFor", () => {
  it("an analytics.js page call from a Google ad", () => {
    const attr = extractAttribution({
      context: {
        campaign: { source: "Google", medium: "CPC", name: "Brand" },
        page: { url: "https://www.example.com/?utm_source=google&gclid=EAIaIQ", referrer: "https://www.google.com/", path: "/" },
      },
    });
    expect(channelFor(attr, SITE)).toBe("Paid Search");
  });

  it("a page view that follows an internal link is Direct", () => {
    const attr = extractAttribution({
      context: { page: { url: "https://example.com/pricing", referrer: "https://www.example.com/" } },
    });
    expect(channelFor(attr)).toBe("Direct");
  });

  it("a server-side track call with a facebook referrer and fbclid is Organic Social", () => {
    const attr = extractAttribution({
      context: { page: { url: "https://example.com/?fbclid=IwAR0", referrer: "https://l.facebook.com/" } },
      properties: { plan: "pro" },
    });
    expect(attr.clickIds).toEqual({ fbclid: "IwAR0" });
    expect(channelFor(attr, SITE)).toBe("Organic Social");
  });
});
