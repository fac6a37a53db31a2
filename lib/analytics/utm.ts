// Marketing attribution fields from one Segment-spec message. Pure: no I/O, never throws.
//
// Sources followed:
// - Segment Spec, Common fields: `context.campaign` {name, source, medium, term, content} (analytics.js
//   fills it from the page's utm_* parameters, utm_campaign → name), `context.page`
//   {path, referrer, search, title, url} and `context.referrer` {id, type, name, url, link}
//   (https://segment.com/docs/connections/spec/common/, summarised in /work/shared/research/cdp.md).
// - Segment Spec, Page: page calls also carry path/referrer/search/title/url in `properties`
//   (https://segment.com/docs/connections/spec/page/).
// - Click ids: Google Ads gclid, and wbraid/gbraid for iOS app/web measurement; Campaign Manager /
//   DV360 dclid; Microsoft Advertising msclkid; Meta fbclid; LinkedIn li_fat_id; TikTok ttclid.
//   How each one counts for the channel is decided in ./channel.ts.
//
// Precedence, per field: context.campaign, then the query string of the page URL (context.page.url,
// else properties.url), then context.page.search, then properties.search. Referrer: context.page.referrer,
// then properties.referrer, then context.referrer.url. Unknown values are null (clickIds: key absent).

export const MAX_FIELD_LENGTH = 1000;
/** URLs longer than this are not parsed beyond it (a bound on work for hostile input). */
const MAX_PARSE_LENGTH = 64 * 1024;

export const CLICK_ID_PARAMS = ["gclid", "fbclid", "msclkid", "li_fat_id", "ttclid", "wbraid", "gbraid", "dclid"] as const;
export type ClickIdName = (typeof CLICK_ID_PARAMS)[number];
export type ClickIds = Partial<Record<ClickIdName, string>>;

export interface Attribution {
  /** Lower-cased and trimmed. */
  utmSource: string | null;
  /** Lower-cased and trimmed. */
  utmMedium: string | null;
  /** As given, trimmed. */
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  /** The referring URL as given (trimmed, cut). */
  referrer: string | null;
  /** The referrer's host name, lower-cased, as the URL parser gives it (a `www.` prefix is kept). */
  referringDomain: string | null;
  /** The page URL as given (trimmed, cut). */
  landingUrl: string | null;
  landingPath: string | null;
  clickIds: ClickIds;
  /** The page URL's host name, lower-cased. */
  pageHost: string | null;
}

export interface AttributionInput {
  context?: unknown;
  properties?: unknown;
  /**
   * The message's call type, optional. `properties.url`, `.search` and `.referrer` describe the page
   * only in page calls (a track call's `properties.url` may be a link target), so when a type is given
   * and it is not "page", those properties are ignored. When it is omitted they are used as fallbacks.
   */
  type?: unknown;
}

type Obj = Record<string, unknown>;

function asObject(v: unknown): Obj | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}

/** An own property, never an inherited one; a throwing getter reads as undefined. */
function get(obj: Obj | null, key: string): unknown {
  if (!obj) return undefined;
  try {
    return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
  } catch {
    return undefined;
  }
}

/** Cut to `max` UTF-16 units without leaving half of a surrogate pair at the end. */
export function cut(s: string, max = MAX_FIELD_LENGTH): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return s.slice(0, end);
}

/** A trimmed, cut, non-empty string; finite numbers are accepted as their decimal text. */
function text(v: unknown): string | null {
  let s: string;
  if (typeof v === "string") s = v;
  else if (typeof v === "number" && Number.isFinite(v)) s = String(v);
  else return null;
  s = s.trim();
  return s ? cut(s) : null;
}

function lower(s: string | null): string | null {
  return s === null ? null : s.toLowerCase();
}

/** A raw string for parsing: trimmed, non-empty, bounded. */
function raw(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const s = v.trim();
  return s ? s.slice(0, MAX_PARSE_LENGTH) : null;
}

/**
 * A pure function of a string, remembered for the strings seen lately: a site's few page URLs,
 * referrers and query strings repeat in nearly every message, and parsing them is most of this
 * module's time. Bounded: at most `max` entries of at most 2,048 characters.
 */
function remembered<T>(fn: (s: string) => T, max = 1024): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    if (s.length > 2048) return fn(s);
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T;
    const v = fn(s);
    if (cache.size >= max) cache.clear();
    cache.set(s, v);
    return v;
  };
}

function parseUrl(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

function cleanHost(hostname: string): string | null {
  const h = hostname.toLowerCase().replace(/\.+$/, "");
  return h ? cut(h) : null;
}

/**
 * The host name of a URL, lower-cased, or null. A scheme-less value that looks like a host
 * ("google.com/search") is read as https. Never throws.
 */
export function hostOf(url: unknown): string | null {
  const s = raw(url);
  return s ? hostOfRaw(s) : null;
}

const hostOfRaw = remembered((s: string): string | null => {
  const u = parseUrl(s);
  if (u) return cleanHost(u.hostname);
  if (s.includes("://") || /\s/.test(s) || s.startsWith("/")) return null;
  const guess = parseUrl(`https://${s}`);
  return guess && guess.hostname.includes(".") ? cleanHost(guess.hostname) : null;
});

const NO_PARAMS: ReadonlyMap<string, string> = new Map();

/** Query parameters by lower-cased name; the first occurrence wins. Shared: never modified. */
function paramsOf(query: string | null): ReadonlyMap<string, string> {
  return query ? paramsOfRaw(query) : NO_PARAMS;
}

const paramsOfRaw = remembered((query: string): ReadonlyMap<string, string> => {
  const out = new Map<string, string>();
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return out;
  }
  for (const [k, v] of params) {
    const key = k.trim().toLowerCase();
    if (!out.has(key)) out.set(key, v);
  }
  return out;
});

/** The query part of a URL-ish string, for URLs the parser refuses ("http://exa mple.com/?a=b"). */
function looseQuery(s: string): string | null {
  const q = s.indexOf("?");
  if (q < 0) return null;
  const hash = s.indexOf("#", q);
  return s.slice(q + 1, hash < 0 ? undefined : hash);
}

interface ParsedPage {
  query: string | null;
  host: string | null;
  path: string | null;
}

const NO_PAGE: Readonly<ParsedPage> = Object.freeze({ query: null, host: null, path: null });

/** Shared: never modified. */
function parsePage(s: string | null): Readonly<ParsedPage> {
  return s ? parsePageRaw(s) : NO_PAGE;
}

const parsePageRaw = remembered((s: string): Readonly<ParsedPage> => {
  const u = parseUrl(s);
  if (u) {
    const special = u.protocol === "http:" || u.protocol === "https:";
    return { query: u.search, host: cleanHost(u.hostname), path: special ? text(u.pathname) : null };
  }
  if (s.startsWith("/") && !s.startsWith("//")) {
    // A path with no origin ("/pricing?utm_source=x"), as some servers send it.
    const rel = parseUrl(`http://relative.invalid${s}`);
    if (rel) return { query: rel.search, host: null, path: text(rel.pathname) };
  }
  return { query: looseQuery(s), host: null, path: null };
});

export function extractAttribution(input: AttributionInput): Attribution {
  const inp = asObject(input);
  const context = asObject(get(inp, "context"));
  const type = get(inp, "type");
  const pageProps = type === undefined || (typeof type === "string" && type.trim().toLowerCase() === "page");
  const properties = pageProps ? asObject(get(inp, "properties")) : null;
  const campaign = asObject(get(context, "campaign"));
  const page = asObject(get(context, "page"));

  const pageUrlRaw = raw(get(page, "url")) ?? raw(get(properties, "url"));
  const parsed = parsePage(pageUrlRaw);
  const queries = [
    paramsOf(parsed.query),
    paramsOf(raw(get(page, "search"))),
    paramsOf(raw(get(properties, "search"))),
  ];
  const param = (name: string): string | null => {
    for (const q of queries) {
      const v = text(q.get(name));
      if (v !== null) return v;
    }
    return null;
  };
  const fromCampaign = (key: string): string | null => text(get(campaign, key)) ?? text(get(campaign, `utm_${key}`));

  const clickIds: ClickIds = {};
  for (const id of CLICK_ID_PARAMS) {
    const v = param(id);
    if (v !== null) clickIds[id] = v;
  }

  const referrerRaw = [get(page, "referrer"), get(properties, "referrer"), get(asObject(get(context, "referrer")), "url")]
    .map(raw)
    .find((v) => v !== null) ?? null;

  return {
    utmSource: lower(fromCampaign("source") ?? param("utm_source")),
    utmMedium: lower(fromCampaign("medium") ?? param("utm_medium")),
    utmCampaign: text(get(campaign, "name")) ?? fromCampaign("campaign") ?? param("utm_campaign"),
    utmTerm: fromCampaign("term") ?? param("utm_term"),
    utmContent: fromCampaign("content") ?? param("utm_content"),
    referrer: referrerRaw === null ? null : cut(referrerRaw),
    referringDomain: hostOf(referrerRaw),
    landingUrl: pageUrlRaw === null ? null : cut(pageUrlRaw),
    landingPath: parsed.path ?? text(get(page, "path")) ?? text(get(properties, "path")),
    clickIds,
    pageHost: parsed.host,
  };
}
