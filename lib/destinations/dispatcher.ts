// The destinations' background loop, run by `npm start` as its own process (scripts/dispatcher.ts):
// every wake it moves the outbox cursors (dispatchOnce) and starts the due sends of each destination
// up to its concurrency, without waiting for one destination's sends before claiming another's — so a
// slow or dead endpoint only ever occupies its own slots. State lives in the database (cursors,
// deliveries, leases): stopping or crashing at any point loses nothing, a lease left behind expires.
import { claimDue, dispatchOnce, sendClaimed, sendTargets, type SendDeps } from "../data/destination-outbox";

export interface DispatcherOptions {
  deps: SendDeps;
  /** The pause between rounds when there was nothing to do. */
  wakeMs?: number;
  log?: (line: string) => void;
}

export interface RunningDispatcher {
  /** Stops claiming and waits (at most `graceMs`) for the sends in flight to be recorded. */
  stop(graceMs?: number): Promise<void>;
}

export function startDispatcher(opts: DispatcherOptions): RunningDispatcher {
  const wakeMs = opts.wakeMs ?? 1000;
  const log = opts.log ?? ((line: string) => console.log(line));
  const inflight = new Map<string, number>();
  const sends = new Set<Promise<unknown>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let lastError = "";

  async function round(): Promise<boolean> {
    const now = new Date();
    const dispatched = await dispatchOnce(now);
    let claimed = 0;
    for (const t of await sendTargets()) {
      if (stopped) break;
      const busy = inflight.get(t.id) ?? 0;
      if (busy >= t.max_concurrency) continue;
      const batch = await claimDue(t.id, t.max_concurrency, now, opts.deps.leaseMs);
      claimed += batch.length;
      for (const c of batch) {
        inflight.set(t.id, (inflight.get(t.id) ?? 0) + 1);
        const p = sendClaimed(t, c, now, opts.deps).finally(() => {
          inflight.set(t.id, (inflight.get(t.id) ?? 1) - 1);
          sends.delete(p);
          wake?.(); // a slot is free: look again now
        });
        sends.add(p);
      }
    }
    return dispatched.events > 0 || claimed > 0;
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      let busy = false;
      try {
        busy = await round();
        lastError = "";
      } catch (err) {
        const msg = (err as Error).message;
        if (msg !== lastError) log(`✖ destinations: ${msg}`);
        lastError = msg;
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, busy ? 20 : wakeMs);
      });
      wake = undefined;
    }
  }

  const running = loop();
  return {
    async stop(graceMs = 12_000) {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await running;
      await Promise.race([Promise.allSettled([...sends]), new Promise((r) => setTimeout(r, graceMs).unref())]);
    },
  };
}
