// GA4's default channel group, as a pure function of a message's attribution fields.
//
// Sources followed:
// - Google, "[GA4] Default channel group", https://support.google.com/analytics/answer/9756891
//   ("Channels for manual traffic"): the rules, their order (top-down, first match wins), the two
//   regexes, and "Channel definitions aren't case sensitive". Third-party copies of the same table
//   agree on the order and text: https://sergiouceda.com/ga4-considerations-and-limitations/,
//   https://docs.shoplift.ai/analyze/reports/channel-groups, https://colemanmarketing.co.uk/ga4-default-channel-grouping/
//   (summarised in /work/shared/research/analytics.md §3.2).
// - The search / social / video / shopping site lists: Google's "source categories" spreadsheet linked
//   from that page (SOURCE_CATEGORY_SEARCH, _SOCIAL, _VIDEO, _SHOPPING), read in the copy Plausible keeps
//   (github.com/plausible/analytics, priv/ga4-source-categories.csv). The lists below are a hand-written
//   selection of it (the widely used entries, not all ~800 rows); entries marked "(ours)" are not in
//   Google's sheet and were added on purpose (e.g. x.com, the domain Twitter moved to).
//
// How a message becomes GA4's session source / medium / campaign (see trafficSource):
// 1. utm_source / utm_medium / utm_campaign, as extracted by ./utm.ts.
// 2. Click ids (decisions, one per id):
//    - gclid, wbraid, gbraid (Google Ads auto-tagging): source "google", medium "cpc", overriding any
//      utm_source/utm_medium, as GA4 does when auto-tagging and UTMs meet. utm_campaign is kept, so a
//      "cross-network" campaign is Cross-network and a shopping campaign is Paid Shopping; otherwise Paid
//      Search. GA4 would use the Google Ads network type (YouTube → Paid Video, Display Network → Display),
//      which a raw click id cannot tell us, so Search is assumed.
//    - msclkid (Microsoft Advertising): source "bing", medium "cpc" → Paid Search, but only when the message
//      has no utm_source and no utm_medium. GA4 itself ignores msclkid and relies on Microsoft's UTM
//      auto-tagging; this fallback covers advertisers who switched that off.
//    - ttclid (TikTok Ads) → source "tiktok", medium "cpc" → Paid Social; li_fat_id (LinkedIn Ads) → source
//      "linkedin", medium "cpc" → Paid Social. Same condition (no utm_source, no utm_medium). GA4 ignores both;
//      both are only ever added to ad clicks, so we count them as paid.
//    - dclid (Campaign Manager 360 / DV360): medium "cpm" (GA4's DV360 integration reports "cpm"), source from
//      the referrer, when the message has no utm_source and no utm_medium → Display, or Paid Search/Social/
//      Video when the referrer is such a site (GA4's rule order puts those before Display).
//    - fbclid: ignored, as GA4 does. Meta adds it to organic and paid clicks alike, so it is no paid signal: a
//      facebook referrer with fbclid is Organic Social, and fbclid with no referrer is Direct.
// 3. The referrer, when there is no utm_source: a search engine's host becomes its name ("google",
//    "bing", "yahoo", "duckduckgo", "baidu", "yandex", "ecosia") with medium "organic"; any other search
//    site keeps its host with medium "organic"; any other host (a leading "www." dropped) is the source,
//    with medium "referral" (so social sites land in Organic Social, everything else in Referral).
//    A referrer whose host is one of opts.siteHosts or the page's own host (with or without "www.") is
//    internal and ignored.
// 4. Nothing at all → source "(direct)", medium "(none)" → Direct. A medium or campaign with no source
//    gets source "(not set)"; a source with no medium gets medium "(not set)" — as GA4 reports them.
//
// Source values are matched against the lists case-insensitively, without a leading "www.", and a host
// under a listed domain counts too for the domains listed as such (lm.facebook.com, uk.linkedin.com,
// de.search.yahoo.com, m.youtube.com). Search engines on any country domain (google.co.uk) count.
//
// Not modelled: GA4's "AI Assistant" channel (not in the requested list); Google Ads network types, DV360
// creative formats, SA360 engine types and Firebase/app-install attribution; gad_source; GA4's "unwanted
// referrals" setting beyond siteHosts (e.g. checkout.stripe.com is in Google's shopping list, so a return
// from Stripe Checkout is Organic Shopping unless its host is passed in siteHosts); session stitching
// (GA4 keeps the previous non-direct source for a direct session — that is a per-session concern, not a
// per-message one).

import { hostOf, type ClickIdName } from "./utm";

export const CHANNELS = [
  "Direct",
  "Cross-network",
  "Paid Shopping",
  "Paid Search",
  "Paid Social",
  "Paid Video",
  "Paid Other",
  "Display",
  "Organic Shopping",
  "Organic Social",
  "Organic Video",
  "Organic Search",
  "Referral",
  "Email",
  "Affiliates",
  "Audio",
  "SMS",
  "Mobile Push Notifications",
  "Unassigned",
] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(v: unknown): v is Channel {
  return typeof v === "string" && (CHANNELS as readonly string[]).includes(v);
}

export type SourceCategory = "search" | "social" | "video" | "shopping";

// ---------------------------------------------------------------------------------------------------
// Source lists (values compared lower-cased, without a leading "www.").

const SEARCH_SOURCES = [
  // Names GA4 reports for organic search engines, and names used in utm_source.
  "google", "bing", "yahoo", "duckduckgo", "baidu", "yandex", "ecosia" /* (ours) */, "ask", "aol", "avg",
  "alice", "auone", "babylon", "biglobe", "cnn", "comcast", "conduit", "daum", "dogpile", "eniro", "globo",
  "google-play", "incredimail", "kvasir", "lycos", "msn", "najdi", "naver", "onet", "qwant", "rakuten",
  "rambler", "search-results", "seznam", "sogou", "startsiden", "terra", "ukr", "virgilio",
  // Hosts.
  "360.cn", "biglobe.co.jp", "biglobe.ne.jp", "centrum.cz", "daum.net", "dogpile.com", "ecosia.org",
  "email.seznam.cz", "exalead.com", "excite.com", "firmy.cz", "go.mail.ru", "lens.google.com", "lite.qwant.com",
  "m.baidu.com", "m.naver.com", "mail.rambler.ru", "mail.yandex.ru", "msn.com", "naver.com", "news.google.com",
  "ntp.msn.com", "onet.pl", "play.google.com", "qwant.com", "rakuten.co.jp", "rambler.ru", "search.aol.co.uk",
  "search.aol.com", "search.google.com", "search.smt.docomo.ne.jp", "search.ukr.net", "secureurl.ukr.net",
  "seznam.cz", "so.com", "sogou.com", "sp-web.search.auone.jp", "startsiden.no", "suche.aol.de", "tut.by",
  "wap.sogou.com", "webmaster.yandex.ru", "websearch.rakuten.co.jp", "yahoo.co.jp", "yahoo.com", "zen.yandex.ru",
];

const SOCIAL_SOURCES = [
  // Names used in utm_source.
  "facebook", "fb", "instagram", "ig", "messenger", "twitter", "linkedin", "pinterest", "reddit", "tiktok",
  "snapchat", "quora", "tumblr", "whatsapp", "wechat", "weibo", "line", "kakao", "zalo", "skype", "yammer",
  "xing", "blogger", "blogspot", "wordpress", "flickr", "deviantart", "digg", "disqus", "foursquare",
  "glassdoor", "goodreads", "hootsuite", "houzz", "meetup", "myspace", "stackoverflow", "stackexchange",
  "tripadvisor", "trustpilot", "yelp", "flipboard", "tinyurl", "tweetdeck", "douban", "renren", "tencent",
  "hatena", "niconico", "crunchyroll", "tudou", "social", "google+", "googleplus", "shareit", "sharethis",
  "x" /* (ours) */, "threads" /* (ours) */, "bluesky" /* (ours) */,
  // Hosts.
  "facebook.com", "fb.me", "m.facebook.com", "l.facebook.com", "lm.facebook.com", "mobile.facebook.com",
  "web.facebook.com", "business.facebook.com", "touch.facebook.com", "free.facebook.com", "apps.facebook.com",
  "instagram.com", "l.instagram.com", "messenger.com", "l.messenger.com", "twitter.com", "t.co", "tweetdeck.com",
  "linkedin.com", "lnkd.in", "reddit.com", "old.reddit.com", "out.reddit.com", "amp.reddit.com", "tiktok.com",
  "snapchat.com", "quora.com", "tumblr.com", "whatsapp.com", "wechat.com", "weibo.com", "line.me", "t.me",
  "kakao.com", "kakaocorp.com", "chat.zalo.me", "web.skype.com", "yammer.com", "xing.com", "blogger.com",
  "draft.blogger.com", "blogspot.com", "wordpress.com", "wordpress.org", "medium.com", "flickr.com",
  "deviantart.com", "digg.com", "disqus.com", "foursquare.com", "glassdoor.com", "goodreads.com",
  "hootsuite.com", "houzz.com", "meetup.com", "myspace.com", "stackoverflow.com", "stackexchange.com",
  "serverfault.com", "superuser.com", "askubuntu.com", "news.ycombinator.com", "slashdot.org", "tripadvisor.com",
  "yelp.com", "yelp.co.uk", "m.yelp.com", "getpocket.com", "flipboard.com", "bit.ly", "tinyurl.com", "goo.gl",
  "is.gd", "vk.com", "m.vk.com", "away.vk.com", "vkontakte.ru", "odnoklassniki.ru", "ok.ru" /* (ours) */,
  "douban.com", "renren.com", "qzone.qq.com", "tencent.com", "mixi.jp", "ameblo.jp", "ameba.jp",
  "b.hatena.ne.jp", "d.hatena.ne.jp", "nicovideo.jp", "pixiv.net", "blog.naver.com", "m.blog.naver.com",
  "cafe.naver.com", "m.cafe.naver.com", "kin.naver.com", "m.kin.naver.com", "sites.google.com",
  "groups.google.com", "googlegroups.com", "plus.google.com", "plus.url.google.com", "messages.google.com",
  "answers.yahoo.com", "academia.edu", "researchgate.net", "slideshare.net", "scribd.com", "fandom.com",
  "crunchyroll.com", "tudou.com", "taringa.net", "smartnews.com", "paper.li", "scoop.it", "instapaper.com",
  "mix.com", "techmeme.com", "wattpad.com", "weebly.com", "typepad.com", "livejournal.com", "ushareit.com",
  "x.com" /* (ours) */, "threads.net" /* (ours) */, "threads.com" /* (ours) */, "bsky.app" /* (ours) */,
];

const VIDEO_SOURCES = [
  "youtube", "vimeo", "twitch", "dailymotion", "netflix", "hulu", "disneyplus", "wistia", "ted", "crackle",
  "curiositystream", "iqiyi", "youku", "utreon", "veoh",
  "youtube.com", "m.youtube.com", "music.youtube.com", "youtu.be" /* (ours) */, "vimeo.com", "player.vimeo.com",
  "twitch.tv", "m.twitch.tv", "player.twitch.tv", "blog.twitch.tv", "dashboard.twitch.tv", "id.twitch.tv",
  "justin.tv", "dailymotion.com", "netflix.com", "help.netflix.com", "jobs.netflix.com", "hulu.com",
  "help.hulu.com", "disneyplus.com", "wistia.com", "fast.wistia.net", "ted.com", "crackle.com",
  "curiositystream.com", "iq.com", "iqiyi.com", "youku.com", "utreon.com", "veoh.com", "d.tube",
  "viadeo.journaldunet.com",
];

const SHOPPING_SOURCES = [
  "google shopping", "igshopping", "amazon", "ebay", "etsy", "walmart", "alibaba", "shopify", "stripe",
  "shopzilla", "mercadolibre",
  "amazon.com", "amazon.co.uk", "aax.amazon-adsystem.com", "aax-us-east.amazon-adsystem.com", "s3.amazonaws.com",
  "ebay.com", "ebay.co.uk", "ebay.com.au", "ebay.de", "etsy.com", "walmart.com", "one.walmart.com",
  "alibaba.com", "m.alibaba.com", "message.alibaba.com", "offer.alibaba.com", "shopify.com", "apps.shopify.com",
  "checkout.shopify.com", "partners.shopify.com", "shop.app", "stripe.com", "checkout.stripe.com",
  "shopzilla.com", "simplycodes.com", "mercadolibre.com", "mercadolibre.com.ar", "mercadolibre.com.mx",
  "shopping.naver.com", "m.shopping.naver.com", "msearch.shopping.naver.com", "cr.shopping.naver.com",
  "cr2.shopping.naver.com", "shopping.yahoo.com", "shopping.yahoo.co.jp", "store.shopping.yahoo.co.jp",
  "order.shopping.yahoo.co.jp", "nl.shopping.net", "no.shopping.net", "se.shopping.net", "uk.shopping.net",
];

/** Domains whose every sub-domain is in the same category. */
const SUFFIX_DOMAINS: Record<SourceCategory, string[]> = {
  search: ["search.yahoo.com", "search.naver.com", "bing.com", "duckduckgo.com", "baidu.com", "ecosia.org", "qwant.com", "sogou.com"],
  social: [
    "facebook.com", "instagram.com", "linkedin.com", "twitter.com", "x.com", "reddit.com", "tiktok.com",
    "pinterest.com", "quora.com", "tumblr.com", "blogspot.com", "wordpress.com", "medium.com", "vk.com",
    "stackexchange.com", "fandom.com", "hatena.ne.jp", "threads.net", "bsky.app",
  ],
  video: ["youtube.com", "vimeo.com", "twitch.tv", "netflix.com", "hulu.com", "wistia.com", "wistia.net", "dailymotion.com"],
  shopping: ["amazon.com", "ebay.com", "etsy.com", "walmart.com", "alibaba.com", "shopify.com", "shopping.naver.com", "shopping.yahoo.co.jp"],
};

// Country domains: google.de, google.co.uk, google.com.au …
const CC = String.raw`(?:com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})`;
const SUB = String.raw`(?:[a-z0-9-]+\.)*`;

/** Search engines GA4 names in the source ("google / organic"), recognised from a host. */
const SEARCH_ENGINES: ReadonlyArray<readonly [RegExp, string]> = [
  [new RegExp(`^google\\.${CC}$`), "google"],
  [new RegExp(`^${SUB}bing\\.com$`), "bing"],
  [new RegExp(`^${SUB}search\\.yahoo\\.(?:com|co\\.jp)$`), "yahoo"],
  [/^yahoo\.(?:com|co\.jp)$/, "yahoo"],
  [new RegExp(`^${SUB}duckduckgo\\.com$`), "duckduckgo"],
  [new RegExp(`^${SUB}baidu\\.com$`), "baidu"],
  [new RegExp(`^${SUB}yandex\\.(?:ru|com|com\\.tr|by|kz|ua|uz|fr)$`), "yandex"],
  [/^ya\.ru$/, "yandex"],
  [new RegExp(`^${SUB}ecosia\\.org$`), "ecosia"],
];

/** Families on many country domains (ours: Google's sheet lists only a few of each). */
const FAMILIES: ReadonlyArray<readonly [RegExp, SourceCategory]> = [
  [new RegExp(`^${SUB}pinterest\\.${CC}$`), "social"],
  [new RegExp(`^${SUB}linkedin\\.${CC}$`), "social"],
  [new RegExp(`^${SUB}amazon\\.${CC}$`), "shopping"],
  [new RegExp(`^${SUB}ebay\\.${CC}$`), "shopping"],
  [new RegExp(`^${SUB}mercadolibre\\.${CC}$`), "shopping"],
  [new RegExp(`^${SUB}youtube\\.${CC}$`), "video"],
];

const EXACT = new Map<string, SourceCategory>();
for (const [cat, list] of [
  ["search", SEARCH_SOURCES],
  ["social", SOCIAL_SOURCES],
  ["video", VIDEO_SOURCES],
  ["shopping", SHOPPING_SOURCES],
] as const) {
  for (const s of list) EXACT.set(s, cat);
}

function stripWww(s: string): string {
  return s.startsWith("www.") ? s.slice(4) : s;
}

function normSource(s: string): string {
  return stripWww(s.trim().toLowerCase()).replace(/\.+$/, "");
}

/** The GA4 name of a search engine host ("www.google.co.uk" → "google"), or null. */
export function searchEngineName(host: string): string | null {
  const h = normSource(host);
  for (const [re, name] of SEARCH_ENGINES) if (re.test(h)) return name;
  return null;
}

/** Which of Google's source lists a source value (a name or a host) is on, or null. */
export function sourceCategory(source: string | null | undefined): SourceCategory | null {
  if (typeof source !== "string") return null;
  const s = normSource(source);
  if (!s) return null;
  const exact = EXACT.get(s);
  if (exact) return exact;
  if (searchEngineName(s)) return "search";
  for (const [re, cat] of FAMILIES) if (re.test(s)) return cat;
  if (!s.includes(".")) return null;
  for (const cat of ["search", "social", "video", "shopping"] as const) {
    if (SUFFIX_DOMAINS[cat].some((d) => s.endsWith(`.${d}`))) return cat;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// GA4's rules.

/** Medium matches ^(.*cp.*|ppc|retargeting|paid.*)$ */
const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*)$/;
/** Campaign name matches ^(.*(([^a-df-z]|^)shop|shopping).*)$ */
const SHOPPING_CAMPAIGN = /^(.*(([^a-df-z]|^)shop|shopping).*)$/;
const DISPLAY_MEDIUMS = new Set(["display", "banner", "expandable", "interstitial", "cpm"]);
const SOCIAL_MEDIUMS = new Set(["social", "social-network", "social-media", "sm", "social network", "social media"]);
const VIDEO_MEDIUM = /^(.*video.*)$/;
const REFERRAL_MEDIUMS = new Set(["referral", "app", "link"]);
const EMAIL = new Set(["email", "e-mail", "e_mail", "e mail"]);

export interface ChannelInput {
  utmSource?: string | null;
  utmMedium?: string | null;
  utmCampaign?: string | null;
  referrer?: string | null;
  referringDomain?: string | null;
  clickIds?: Partial<Record<ClickIdName, string | null | undefined>> | null;
  pageHost?: string | null;
}

export interface ChannelOptions {
  /**
   * The site's own hosts. A referrer on one of them (or on the page's own host) is internal. "www." is
   * ignored on both sides; an entry "*.example.com" also covers every sub-domain of example.com.
   * URLs ("https://example.com/") are accepted too.
   */
  siteHosts?: readonly string[];
}

export interface TrafficSource {
  /** Lower-cased; "(direct)" or "(not set)" as GA4 reports them. */
  source: string;
  medium: string;
  /** Lower-cased; null when there is none. */
  campaign: string | null;
}

function str(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const s = v.trim().toLowerCase();
  return s || null;
}

function hostKey(h: string): string {
  return stripWww(h.toLowerCase().replace(/\.+$/, ""));
}

function siteHostPatterns(siteHosts: readonly string[] | undefined): Array<{ host: string; subdomains: boolean }> {
  const out: Array<{ host: string; subdomains: boolean }> = [];
  if (!Array.isArray(siteHosts)) return out;
  for (const entry of siteHosts) {
    if (typeof entry !== "string") continue;
    let e = entry.trim().toLowerCase();
    let subdomains = false;
    if (e.startsWith("*.")) {
      subdomains = true;
      e = e.slice(2);
    } else if (e.startsWith(".")) {
      subdomains = true;
      e = e.slice(1);
    }
    const host = /[/:]/.test(e) ? hostOf(e) : e;
    if (host) out.push({ host: hostKey(host), subdomains });
  }
  return out;
}

/** Whether a referrer host is the site itself. */
export function isInternalHost(host: string, pageHost: string | null | undefined, opts?: ChannelOptions): boolean {
  const h = hostKey(host);
  if (typeof pageHost === "string" && pageHost && hostKey(pageHost) === h) return true;
  return siteHostPatterns(opts?.siteHosts).some((p) => h === p.host || (p.subdomains && h.endsWith(`.${p.host}`)));
}

function externalReferrerHost(attr: ChannelInput, opts?: ChannelOptions): string | null {
  const host = str(attr.referringDomain) ?? hostOf(attr.referrer);
  if (!host) return null;
  return isInternalHost(host, str(attr.pageHost), opts) ? null : host;
}

function clickId(attr: ChannelInput, name: ClickIdName): boolean {
  const ids = attr.clickIds;
  if (typeof ids !== "object" || ids === null) return false;
  return str(ids[name]) !== null;
}

/** GA4's session source / medium / campaign for one message (the inputs channelFor classifies). */
export function trafficSource(attr: ChannelInput, opts?: ChannelOptions): TrafficSource {
  const a: ChannelInput = typeof attr === "object" && attr !== null ? attr : {};
  let source = str(a.utmSource);
  let medium = str(a.utmMedium);
  const campaign = str(a.utmCampaign);

  const refHost = externalReferrerHost(a, opts);
  const refSource = refHost ? (searchEngineName(refHost) ?? stripWww(refHost)) : null;
  const refMedium = refHost ? (sourceCategory(refHost) === "search" ? "organic" : "referral") : null;

  if (clickId(a, "gclid") || clickId(a, "wbraid") || clickId(a, "gbraid")) {
    source = "google";
    medium = "cpc";
  } else if (source === null && medium === null) {
    if (clickId(a, "msclkid")) [source, medium] = ["bing", "cpc"];
    else if (clickId(a, "ttclid")) [source, medium] = ["tiktok", "cpc"];
    else if (clickId(a, "li_fat_id")) [source, medium] = ["linkedin", "cpc"];
    else if (clickId(a, "dclid")) [source, medium] = [refSource, "cpm"];
  }

  if (source === null && refSource !== null) {
    source = refSource;
    medium ??= refMedium;
  }
  if (source === null && medium === null && campaign === null) return { source: "(direct)", medium: "(none)", campaign: null };
  return { source: source ?? "(not set)", medium: medium ?? "(not set)", campaign };
}

/** GA4's default channel group for one message's attribution (see the header for the rules). */
export function channelFor(attr: ChannelInput, opts?: ChannelOptions): Channel {
  const { source, medium, campaign } = trafficSource(attr, opts);
  const cat = sourceCategory(source);
  const c = campaign ?? "";
  const paid = PAID_MEDIUM.test(medium);
  const shoppingCampaign = SHOPPING_CAMPAIGN.test(c);

  // 1. Source exactly matches "(direct)" AND Medium is one of ("(not set)", "(none)")
  if (source === "(direct)" && (medium === "(not set)" || medium === "(none)")) return "Direct";
  // 2. Campaign Name contains "cross-network"
  if (c.includes("cross-network")) return "Cross-network";
  // 3. (Source matches a list of shopping sites OR Campaign Name matches the shopping regex) AND paid medium
  if ((cat === "shopping" || shoppingCampaign) && paid) return "Paid Shopping";
  // 4–6. Source matches a list of search / social / video sites AND paid medium
  if (cat === "search" && paid) return "Paid Search";
  if (cat === "social" && paid) return "Paid Social";
  if (cat === "video" && paid) return "Paid Video";
  // 7. Medium is one of ("display", "banner", "expandable", "interstitial", "cpm")
  if (DISPLAY_MEDIUMS.has(medium)) return "Display";
  // 8. Medium matches ^(.*cp.*|ppc|retargeting|paid.*)$
  if (paid) return "Paid Other";
  // 9. Source matches a list of shopping sites OR Campaign Name matches the shopping regex
  if (cat === "shopping" || shoppingCampaign) return "Organic Shopping";
  // 10. Source matches a regex list of social sites OR Medium is one of the social mediums
  if (cat === "social" || SOCIAL_MEDIUMS.has(medium)) return "Organic Social";
  // 11. Source matches a list of video sites OR Medium matches ^(.*video.*)$
  if (cat === "video" || VIDEO_MEDIUM.test(medium)) return "Organic Video";
  // 12. Source matches a list of search sites OR Medium exactly matches organic
  if (cat === "search" || medium === "organic") return "Organic Search";
  // 13. Medium is one of ("referral", "app", "link")
  if (REFERRAL_MEDIUMS.has(medium)) return "Referral";
  // 14. Source or Medium = email|e-mail|e_mail|e mail
  if (EMAIL.has(source) || EMAIL.has(medium)) return "Email";
  // 15. Medium = affiliate
  if (medium === "affiliate") return "Affiliates";
  // 16. Medium exactly matches audio
  if (medium === "audio") return "Audio";
  // 17. Source exactly matches sms OR Medium exactly matches sms
  if (source === "sms" || medium === "sms") return "SMS";
  // 18. Medium ends with "push" OR Medium contains "mobile" or "notification" OR Source exactly matches "firebase"
  if (medium.endsWith("push") || medium.includes("mobile") || medium.includes("notification") || source === "firebase") {
    return "Mobile Push Notifications";
  }
  return "Unassigned";
}
