// The delivery queue. Calls land here; a batch goes out ~1 s after the first queued call or as soon
// as 20 are waiting, one request at a time, POSTed to /v1/batch as text/plain. Failures that may
// pass (network errors, 408, 429, 5xx) are retried with backoff (or after Retry-After); the queue is
// mirrored to localStorage so a reload or a crash doesn't lose it, and what is still queued when the
// page is hidden leaves by sendBeacon. Delivery is at least once: the server drops repeated
// messageIds, so resending after an unclear outcome is safe.
import { backoffDelay, isRetryable, MAX_ATTEMPTS, retryAfterMs } from "./backoff";
import { MAX_BATCH_MESSAGES, MAX_BEACON_BYTES, MAX_MESSAGE_BYTES, MAX_REQUEST_BYTES, messageBytes, packBatch } from "./batch";
import type { TrackerEnv } from "./env";
import { isDict, type Message } from "./message";
import { readItem, removeItem, writeItem } from "./storage";

export const FLUSH_AT = 20;
export const FLUSH_INTERVAL_MS = 1000;
/** The most messages kept while the API is unreachable; beyond it the oldest are dropped. */
export const MAX_QUEUED = 1000;

/** A queued message and how many sends of it have failed. */
export interface QueueItem {
  m: Message;
  n: number;
}

export interface OutboxOptions {
  /** The full URL of the batch endpoint. */
  url: string;
  writeKey: string;
  /** The localStorage key the queue is mirrored under. */
  storageKey: string;
  flushAt?: number;
  flushIntervalMs?: number;
}

/** The persisted queue, keeping only well-formed entries. */
export function loadQueue(raw: string | null): QueueItem[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((it): it is QueueItem => isDict(it) && isDict(it.m) && typeof it.m.type === "string" && typeof it.m.messageId === "string")
      .map((it) => ({ m: it.m, n: typeof it.n === "number" && it.n >= 0 ? it.n : 0 }))
      .slice(-MAX_QUEUED);
  } catch {
    return [];
  }
}

export class Outbox {
  private items: QueueItem[];
  /** Items at the head of the queue currently being POSTed. */
  private inFlight = 0;
  private active: Promise<boolean> | null = null;
  private timer: unknown = null;
  private retrying = false;
  private failures = 0;
  private readonly flushAt: number;
  private readonly intervalMs: number;

  constructor(
    private readonly env: TrackerEnv,
    private readonly o: OutboxOptions,
  ) {
    this.flushAt = o.flushAt ?? FLUSH_AT;
    this.intervalMs = o.flushIntervalMs ?? FLUSH_INTERVAL_MS;
    // Left over from an earlier page of this site (a reload, a crash, an unsent beacon): send it.
    this.items = loadQueue(readItem(env.localStorage, o.storageKey));
    this.schedule();
  }

  get size(): number {
    return this.items.length;
  }

  /** Queues a message; false (with a console warning) if it is too large or can't be serialised. */
  push(m: Message): boolean {
    const bytes = messageBytes(m);
    if (bytes < 0 || bytes > MAX_MESSAGE_BYTES) {
      this.env.warn(`tandem: dropped a ${m.type} call: ${bytes < 0 ? "it cannot be serialised to JSON" : `it is over ${MAX_MESSAGE_BYTES / 1024} KB`}`);
      return false;
    }
    this.items.push({ m, n: 0 });
    if (this.items.length > MAX_QUEUED) this.items.splice(this.inFlight, this.items.length - MAX_QUEUED);
    this.save();
    this.schedule();
    return true;
  }

  /** Sends everything queued now; resolves when the queue is empty or a send failed (a retry is then scheduled). */
  async flush(): Promise<void> {
    while (this.items.length) {
      if (this.active) {
        if (!(await this.active)) return;
        continue;
      }
      this.cancelTimer();
      if (!(await this.send())) return;
    }
  }

  /**
   * The page is being hidden or unloaded: hand what is queued (not what is already in flight) to
   * sendBeacon, in requests under its 64 KB quota. What the browser refuses stays persisted.
   */
  beacon(): void {
    const sendBeacon = this.env.sendBeacon;
    if (!sendBeacon) return;
    const start = this.inFlight;
    let rest = this.items.slice(start).map((it) => it.m);
    let sent = 0;
    const sentAt = new Date(this.env.now()).toISOString();
    while (rest.length) {
      const { count, body } = packBatch(rest, sentAt, this.o.writeKey, MAX_BATCH_MESSAGES, MAX_BEACON_BYTES);
      if (!sendBeacon(this.o.url, new Blob([body], { type: "text/plain" }))) break;
      sent += count;
      rest = rest.slice(count);
    }
    if (!sent) return;
    this.items.splice(start, sent);
    this.save();
  }

  /** Forgets the persisted queue (tests, and a page that wants to discard unsent data). */
  clear(): void {
    this.items.splice(this.inFlight);
    this.save();
  }

  private save(): void {
    if (this.items.length) writeItem(this.env.localStorage, this.o.storageKey, JSON.stringify(this.items));
    else removeItem(this.env.localStorage, this.o.storageKey);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = null;
    this.retrying = false;
  }

  private startTimer(ms: number, retrying: boolean): void {
    this.cancelTimer();
    this.retrying = retrying;
    this.timer = this.env.setTimeout(() => {
      this.timer = null;
      this.retrying = false;
      if (!this.active && this.items.length) void this.send();
    }, ms);
  }

  /** Arranges the next send: now when a full batch waits, else after the batching interval. */
  private schedule(): void {
    if (this.active || this.retrying || !this.items.length) return;
    if (this.items.length >= this.flushAt) {
      this.cancelTimer();
      void this.send();
    } else if (this.timer === null) this.startTimer(this.intervalMs, false);
  }

  /** POSTs one batch from the head of the queue; true if the queue may go on (sent, or refused for good). */
  private send(): Promise<boolean> {
    const p = this.post().then((goOn) => {
      this.active = null;
      if (goOn) this.schedule();
      return goOn;
    });
    this.active = p;
    return p;
  }

  private async post(): Promise<boolean> {
    const sentAt = new Date(this.env.now()).toISOString();
    const { count, body, bytes } = packBatch(
      this.items.map((it) => it.m),
      sentAt,
      this.o.writeKey,
      MAX_BATCH_MESSAGES,
      MAX_REQUEST_BYTES,
    );
    this.inFlight = count;
    let status = 0;
    let retryAfter: string | null = null;
    try {
      const res = await this.env.fetch(this.o.url, {
        method: "POST",
        // text/plain is a "simple" content type: no CORS preflight before each batch.
        headers: { "Content-Type": "text/plain" },
        body,
        // keepalive lets a send started just before unload finish, but only under the 64 KB quota.
        keepalive: bytes <= MAX_BEACON_BYTES,
        credentials: "omit",
      });
      status = res.status;
      retryAfter = res.headers.get("Retry-After");
    } catch {
      status = 0;
    }
    this.inFlight = 0;
    if (status >= 200 && status < 300) {
      this.failures = 0;
      this.items.splice(0, count);
      this.save();
      return true;
    }
    if (isRetryable(status)) {
      this.failures++;
      const batch = this.items.splice(0, count);
      const kept = batch.filter((it) => ++it.n < MAX_ATTEMPTS);
      if (kept.length < batch.length) this.env.warn(`tandem: dropped ${batch.length - kept.length} message(s) after ${MAX_ATTEMPTS} failed attempts`);
      this.items.unshift(...kept);
      this.save();
      this.startTimer(retryAfterMs(retryAfter, this.env.now()) || backoffDelay(this.failures, this.env.random()), true);
      return false;
    }
    // 400/401/403/413: a wrong key, a disabled source, a disallowed origin — sending again can't help.
    this.env.warn(`tandem: the Tracking API refused ${count} message(s) with HTTP ${status}; check the write key and the source's allowed origins`);
    this.items.splice(0, count);
    this.save();
    return true;
  }
}
