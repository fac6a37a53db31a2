// Everything the tracker touches in the browser, as one injected object: the core never reads a
// global, so unit tests drive it with small fakes (no jsdom) and the browser passes the real thing.

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface LocationLike {
  href: string;
  pathname: string;
  search: string;
  protocol: string;
}

export interface DocumentLike {
  cookie: string;
  title: string;
  referrer: string;
}

export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
}

export interface PostInit {
  method: "POST";
  headers: Record<string, string>;
  body: string;
  keepalive: boolean;
  credentials: "omit";
}

export interface ScreenInfo {
  width: number;
  height: number;
  density?: number;
}

export interface TrackerEnv {
  location: LocationLike;
  document: DocumentLike;
  /** null when storage is unavailable (blocked cookies, some private modes). */
  localStorage: StorageLike | null;
  sessionStorage: StorageLike | null;
  fetch(url: string, init: PostInit): Promise<ResponseLike>;
  sendBeacon?: (url: string, data: Blob) => boolean;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
  /** Uniform in [0, 1): retry jitter. */
  random(): number;
  randomBytes(n: number): Uint8Array;
  userAgent?: string;
  locale?: string;
  timezone?: string;
  screen?: ScreenInfo;
  warn(message: string): void;
}

/** Storage that can be read and written, or null: Safari's private mode and blocked cookies throw. */
function usableStorage(get: () => Storage): StorageLike | null {
  try {
    const s = get();
    s.setItem("tdm_probe", "1");
    s.removeItem("tdm_probe");
    return s;
  } catch {
    return null;
  }
}

export function browserEnv(w: Window): TrackerEnv {
  const nav = w.navigator;
  let timezone: string | undefined;
  try {
    timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    timezone = undefined;
  }
  return {
    location: w.location,
    document: w.document,
    localStorage: usableStorage(() => w.localStorage),
    sessionStorage: usableStorage(() => w.sessionStorage),
    fetch: (url, init) => w.fetch(url, init),
    sendBeacon:
      typeof nav.sendBeacon === "function"
        ? (url, data) => {
            try {
              return nav.sendBeacon(url, data);
            } catch {
              return false;
            }
          }
        : undefined,
    setTimeout: (fn, ms) => w.setTimeout(fn, ms),
    clearTimeout: (h) => w.clearTimeout(h as number),
    now: () => Date.now(),
    random: () => Math.random(),
    randomBytes: (n) => {
      const bytes = new Uint8Array(n);
      if (w.crypto && w.crypto.getRandomValues) w.crypto.getRandomValues(bytes);
      else for (let i = 0; i < n; i++) bytes[i] = Math.floor(Math.random() * 256);
      return bytes;
    },
    userAgent: nav.userAgent,
    locale: nav.language,
    timezone,
    screen: w.screen ? { width: w.screen.width, height: w.screen.height, density: w.devicePixelRatio } : undefined,
    warn: (message) => console.warn(message),
  };
}
