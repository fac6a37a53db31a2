// Segment-spec messages as analytics.js builds them: type, messageId, anonymousId, userId,
// timestamp, context {library, page, campaign, userAgent, locale, timezone, screen} and the call's
// own fields (event/properties, traits, groupId, previousId, name/category). Pure: ids, clock and
// page state are passed in.
import type { Campaign } from "./campaign";
import type { DocumentLike, LocationLike, ScreenInfo } from "./env";
import { LIBRARY_NAME, LIBRARY_VERSION } from "./version";

export type Dict = Record<string, unknown>;
export type CallType = "identify" | "track" | "page" | "group" | "alias";

/** The last, optional argument of every call, as in analytics.js. */
export interface CallOptions {
  timestamp?: Date | string;
  /** Merged over the automatic context (shallow: a given `page` replaces the whole page object). */
  context?: Dict;
  integrations?: Dict;
  anonymousId?: string;
}

export interface PageInfo {
  path: string;
  referrer: string;
  search: string;
  title: string;
  url: string;
}

export interface Message extends Dict {
  type: CallType;
  messageId: string;
  anonymousId: string;
  userId?: string;
  timestamp: string;
  context: Dict;
}

export interface ContextInput {
  page: PageInfo;
  campaign?: Campaign;
  userAgent?: string;
  locale?: string;
  timezone?: string;
  screen?: ScreenInfo;
}

export const isDict = (v: unknown): v is Dict => typeof v === "object" && v !== null && !Array.isArray(v);

/** The page as context.page describes it; the URL drops its #fragment, as analytics.js does. */
export function pageInfo(location: LocationLike, document: DocumentLike): PageInfo {
  return {
    path: location.pathname,
    referrer: document.referrer,
    search: location.search,
    title: document.title,
    url: location.href.split("#")[0],
  };
}

export function buildContext(input: ContextInput, extra?: Dict): Dict {
  const context: Dict = {
    library: { name: LIBRARY_NAME, version: LIBRARY_VERSION },
    page: Object.assign({}, input.page),
  };
  if (input.campaign) context.campaign = Object.assign({}, input.campaign);
  if (input.userAgent) context.userAgent = input.userAgent;
  if (input.locale) context.locale = input.locale;
  if (input.timezone) context.timezone = input.timezone;
  if (input.screen) context.screen = Object.assign({}, input.screen);
  return extra ? Object.assign(context, extra) : context;
}

export interface MessageMeta {
  messageId: string;
  anonymousId: string;
  userId?: string;
  nowMs: number;
}

/** One message; `fields` are the call's own (event, properties, traits, …), undefined ones dropped. */
export function buildMessage(type: CallType, fields: Dict, meta: MessageMeta, context: ContextInput, options: CallOptions = {}): Message {
  const ts = options.timestamp === undefined ? new Date(meta.nowMs) : new Date(options.timestamp);
  const message: Message = {
    type,
    messageId: meta.messageId,
    anonymousId: options.anonymousId || meta.anonymousId,
    timestamp: (Number.isNaN(ts.getTime()) ? new Date(meta.nowMs) : ts).toISOString(),
    context: buildContext(context, isDict(options.context) ? options.context : undefined),
  };
  if (meta.userId) message.userId = meta.userId;
  if (isDict(options.integrations)) message.integrations = Object.assign({}, options.integrations);
  for (const key of Object.keys(fields)) if (fields[key] !== undefined) message[key] = fields[key];
  return message;
}

// ───────────── call signatures, as analytics.js accepts them ─────────────

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" && isFinite(v) ? String(v) : undefined);
export const dict = (v: unknown): Dict => Object.assign({}, isDict(v) ? v : {});
export const opts = (v: unknown): CallOptions => (isDict(v) ? (v as CallOptions) : {});

export interface PageCall {
  category?: string;
  name?: string;
  properties: Dict;
  options: CallOptions;
}

/** page([category], [name], [properties], [options]) with analytics.js's argument shuffling. */
export function pageCall(args: unknown[]): PageCall {
  let [category, name, properties, options] = args;
  if (isDict(category)) {
    options = name;
    properties = category;
    name = category = undefined;
  } else if (isDict(name)) {
    options = properties;
    properties = name;
    name = category;
    category = undefined;
  } else if (str(category) !== undefined && str(name) === undefined) {
    name = category;
    category = undefined;
  }
  return { category: str(category), name: str(name), properties: dict(properties), options: opts(options) };
}

export interface IdentifyCall {
  userId?: string;
  traits: Dict;
  options: CallOptions;
}

/** identify([userId], [traits], [options]). */
export function identifyCall(args: unknown[]): IdentifyCall {
  let [userId, traits, options] = args;
  if (isDict(userId)) {
    options = traits;
    traits = userId;
    userId = undefined;
  }
  const id = str(userId);
  return { userId: id && id.trim() ? id.trim() : undefined, traits: dict(traits), options: opts(options) };
}

/** Page fields for a page call's properties: the page itself, then the name, then what was given. */
export function pageProperties(page: PageInfo, call: PageCall): Dict {
  const props: Dict = Object.assign({} as Dict, page);
  if (call.name !== undefined) props.name = call.name;
  if (call.category !== undefined) props.category = call.category;
  return Object.assign(props, call.properties);
}
