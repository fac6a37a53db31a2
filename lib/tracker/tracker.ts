// The tracker's core: the public calls (page, identify, track, group, alias, reset, flush, user)
// turned into Segment-spec messages and handed to the outbox. Everything from the browser comes in
// through `env`, so tests run it with fakes.
import { sessionCampaign } from "./campaign";
import type { TrackerEnv } from "./env";
import { Identity } from "./identity";
import { newId } from "./ids";
import {
  buildMessage,
  dict,
  identifyCall,
  isDict,
  opts,
  pageCall,
  pageInfo,
  pageProperties,
  type CallOptions,
  type CallType,
  type Dict,
  type Message,
} from "./message";
import { Outbox } from "./outbox";

export interface TrackerConfig {
  writeKey: string;
  /** Where the Tracking API is: an origin, optionally with a path prefix (https://host or https://host/proxy). */
  apiHost: string;
  cookieDomain?: string;
  flushAt?: number;
  flushIntervalMs?: number;
}

/** window.tandem once t.js has loaded. Argument orders follow analytics.js. */
export interface TandemApi {
  page(category?: string | Dict, name?: string | Dict, properties?: Dict | CallOptions, options?: CallOptions): void;
  identify(userId?: string | number | Dict, traits?: Dict | CallOptions, options?: CallOptions): void;
  track(event: string, properties?: Dict, options?: CallOptions): void;
  group(groupId: string | number, traits?: Dict, options?: CallOptions): void;
  alias(userId: string | number, previousId?: string | number | CallOptions, options?: CallOptions): void;
  /** Forgets the user id and starts a new anonymous id (call on sign-out). */
  reset(): void;
  /** Sends what is queued now. */
  flush(): Promise<void>;
  user(): { anonymousId: string; userId: string | null };
}

export interface Tracker {
  api: TandemApi;
  /** The page is being hidden or unloaded: beacon what is queued. */
  onHide(): void;
  outbox: Outbox;
  identity: Identity;
}

export function endpointFor(apiHost: string): string {
  return `${apiHost.replace(/\/+$/, "")}/v1/batch`;
}

const idString = (v: unknown): string | undefined => {
  const s = typeof v === "string" ? v.trim() : typeof v === "number" && isFinite(v) ? String(v) : "";
  return s || undefined;
};

export function createTracker(env: TrackerEnv, config: TrackerConfig): Tracker {
  const identity = new Identity(env, config.cookieDomain);
  const outbox = new Outbox(env, {
    url: endpointFor(config.apiHost),
    writeKey: config.writeKey,
    storageKey: `tdm_queue:${config.writeKey}`,
    flushAt: config.flushAt,
    flushIntervalMs: config.flushIntervalMs,
  });

  function enqueue(type: CallType, fields: Dict, options: CallOptions): Message {
    const page = pageInfo(env.location, env.document);
    const message = buildMessage(
      type,
      fields,
      { messageId: newId(env.randomBytes), anonymousId: identity.anonymousId(), userId: identity.userId(), nowMs: env.now() },
      {
        page,
        campaign: sessionCampaign(env.sessionStorage, env.location.search),
        userAgent: env.userAgent,
        locale: env.locale,
        timezone: env.timezone,
        screen: env.screen,
      },
      options,
    );
    outbox.push(message);
    return message;
  }

  const warn = (call: string, what: string) => env.warn(`tandem: ${call}() ignored: ${what}`);

  const api: TandemApi = {
    page(...args: unknown[]) {
      const call = pageCall(args);
      enqueue("page", { name: call.name, category: call.category, properties: pageProperties(pageInfo(env.location, env.document), call) }, call.options);
    },
    identify(...args: unknown[]) {
      const call = identifyCall(args);
      if (call.userId) identity.setUserId(call.userId);
      enqueue("identify", { traits: call.traits }, call.options);
    },
    track(event?: unknown, properties?: unknown, options?: unknown) {
      const name = idString(event);
      if (!name) return warn("track", "the event name is missing");
      enqueue("track", { event: name, properties: dict(properties) }, opts(options));
    },
    group(groupId?: unknown, traits?: unknown, options?: unknown) {
      const id = idString(groupId);
      if (!id) return warn("group", "the group id is missing");
      enqueue("group", { groupId: id, traits: dict(traits) }, opts(options));
    },
    alias(userId?: unknown, previousId?: unknown, options?: unknown) {
      const to = idString(userId);
      if (!to) return warn("alias", "the new user id is missing");
      if (isDict(previousId)) {
        options = previousId;
        previousId = undefined;
      }
      const from = idString(previousId) || identity.userId() || identity.anonymousId();
      enqueue("alias", { userId: to, previousId: from }, opts(options));
    },
    reset() {
      identity.reset();
    },
    flush() {
      return outbox.flush();
    },
    user() {
      return { anonymousId: identity.anonymousId(), userId: identity.userId() ?? null };
    },
  };

  return { api, onHide: () => outbox.beacon(), outbox, identity };
}
