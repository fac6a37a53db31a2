// t.js's entry point (bundled by scripts/build-tracker.ts): read the script tag, install
// window.tandem, replay calls queued by the stub, send the first page view and one per SPA route
// change, and beacon the queue when the page is hidden.
import { configFromScript } from "./config";
import { browserEnv } from "./env";
import { watchRouteChanges } from "./history";
import { queuedCalls, replayCalls } from "./snippet";
import { createTracker, type TandemApi } from "./tracker";

type TandemWindow = Window & { tandem?: unknown };

function noopApi(reason: string): TandemApi {
  console.error(`tandem: ${reason}`);
  const noop = () => undefined;
  return {
    page: noop,
    identify: noop,
    track: noop,
    group: noop,
    alias: noop,
    reset: noop,
    flush: () => Promise.resolve(),
    user: () => ({ anonymousId: "", userId: null }),
  };
}

function start(w: TandemWindow): void {
  const existing = w.tandem;
  // Loaded twice: the first copy is in charge.
  if (existing && !Array.isArray(existing)) return;
  const doc = w.document;
  const script = (doc.currentScript as HTMLScriptElement | null) || doc.querySelector<HTMLScriptElement>("script[data-write-key]");
  const config = configFromScript(script, w.location.href);
  if (!config.writeKey) {
    w.tandem = noopApi('no write key: add data-write-key="…" to the <script> tag that loads t.js');
    return;
  }
  const tracker = createTracker(browserEnv(w), { writeKey: config.writeKey, apiHost: config.apiHost, cookieDomain: config.cookieDomain });
  const api = tracker.api;
  w.tandem = api;
  if (config.autoPage) {
    api.page();
    // Let the app render the new route (and set its title) before the page view is taken.
    watchRouteChanges(w, () => w.setTimeout(() => api.page(), 0));
  }
  replayCalls(queuedCalls(existing), api);

  doc.addEventListener("visibilitychange", () => {
    if (doc.visibilityState === "hidden") tracker.onHide();
  });
  w.addEventListener("pagehide", tracker.onHide);
  w.addEventListener("online", () => void api.flush());
}

start(window as TandemWindow);
