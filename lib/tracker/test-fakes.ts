// Small fakes of the browser for the tracker's unit tests: a cookie jar behind document.cookie, a
// Map-backed Storage, a scripted fetch and a recording sendBeacon. Timers are the test's (vitest
// fake timers), so `advanceTimersByTimeAsync` drives the outbox.
import type { PostInit, ResponseLike, StorageLike, TrackerEnv } from "./env";

export class FakeStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.has(key) ? this.map.get(key)! : null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

/** document.cookie semantics that matter here: assignments add, replace or (Max-Age=0) delete one cookie. */
export class FakeDocument {
  title = "Pricing — Loopwise";
  referrer = "https://www.google.com/";
  readonly jar = new Map<string, string>();
  /** Every assignment, attributes included. */
  readonly writes: string[] = [];
  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  set cookie(assignment: string) {
    this.writes.push(assignment);
    const [pair, ...attrs] = assignment.split(";").map((s) => s.trim());
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq);
    if (attrs.some((a) => /^max-age=0$/i.test(a))) this.jar.delete(name);
    else this.jar.set(name, pair.slice(eq + 1));
  }
}

export class FakeLocation {
  href = "";
  pathname = "";
  search = "";
  protocol = "";
  constructor(url: string) {
    this.assign(url);
  }
  assign(url: string): void {
    const u = new URL(url);
    this.href = u.href;
    this.pathname = u.pathname;
    this.search = u.search;
    this.protocol = u.protocol;
  }
}

export interface SentRequest {
  url: string;
  init: PostInit;
  body: { batch: Record<string, unknown>[]; sentAt: string; writeKey: string };
}

export interface Beacon {
  url: string;
  type: string;
  body: { batch: Record<string, unknown>[]; sentAt: string; writeKey: string };
}

type Responder = (req: SentRequest) => ResponseLike | Promise<ResponseLike> | "network-error";

export const respond = (status: number, headers: Record<string, string> = {}): ResponseLike => ({
  status,
  headers: { get: (name: string) => headers[name] ?? headers[name.toLowerCase()] ?? null },
});

export interface FakeBrowser {
  env: TrackerEnv;
  document: FakeDocument;
  location: FakeLocation;
  localStorage: FakeStorage;
  sessionStorage: FakeStorage;
  requests: SentRequest[];
  beacons: Beacon[];
  warnings: string[];
  /** How the next requests are answered (default: 200). */
  respondWith(r: Responder): void;
  /** What sendBeacon returns (default: true). */
  beaconAccepts(accept: boolean | ((bytes: number) => boolean)): void;
  /** Reads the Blobs handed to sendBeacon (they are read asynchronously). */
  settleBeacons(): Promise<Beacon[]>;
}

export function fakeBrowser(opts: { url?: string; localStorage?: FakeStorage; document?: FakeDocument; seed?: number } = {}): FakeBrowser {
  const document = opts.document ?? new FakeDocument();
  const location = new FakeLocation(opts.url ?? "https://www.loopwise.example/pricing?plan=pro#faq");
  const localStorage = opts.localStorage ?? new FakeStorage();
  const sessionStorage = new FakeStorage();
  const requests: SentRequest[] = [];
  const pendingBeacons: Promise<Beacon>[] = [];
  const beacons: Beacon[] = [];
  const warnings: string[] = [];
  let responder: Responder = () => respond(200);
  let accept: boolean | ((bytes: number) => boolean) = true;
  // Deterministic "random" bytes: a counter, so every id differs and runs repeat.
  let counter = opts.seed ?? 1;

  const env: TrackerEnv = {
    location,
    document,
    localStorage,
    sessionStorage,
    async fetch(url, init) {
      const req: SentRequest = { url, init, body: JSON.parse(init.body) };
      requests.push(req);
      const r = await responder(req);
      if (r === "network-error") throw new TypeError("Failed to fetch");
      return r;
    },
    sendBeacon(url, data) {
      const ok = typeof accept === "function" ? accept(data.size) : accept;
      if (ok) pendingBeacons.push(data.text().then((text) => ({ url, type: data.type, body: JSON.parse(text) })));
      return ok;
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
    random: () => 0.5,
    randomBytes: (n) => {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = (counter * 31 + i * 7) & 0xff;
      counter++;
      return bytes;
    },
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) FakeBrowser/1.0",
    locale: "en-GB",
    timezone: "Europe/Berlin",
    screen: { width: 1440, height: 900, density: 2 },
    warn: (m) => warnings.push(m),
  };
  return {
    env,
    document,
    location,
    localStorage,
    sessionStorage,
    requests,
    beacons,
    warnings,
    respondWith: (r) => {
      responder = r;
    },
    beaconAccepts: (a) => {
      accept = a;
    },
    settleBeacons: async () => {
      beacons.push(...(await Promise.all(pendingBeacons.splice(0))));
      return beacons;
    },
  };
}
