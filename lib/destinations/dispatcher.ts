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

  let lastDispatch = 0;
  let dispatchMore = false;
  let targets: Awaited<ReturnType<typeof sendTargets>> = [];
  let targetsAt = 0;

  // Dispatch (moving cursors) runs once per wake unless a page came back full; claiming runs whenever
  // a destination has a free slot (a finished send wakes the loop). The destinations' settings are
  // re-read once per wake. Nothing here touches the database while there is nothing to do but wait.
  async function round(): Promise<boolean> {
    const now = new Date();
    let busy = false;
    if (dispatchMore || Date.now() - lastDispatch >= wakeMs) {
      lastDispatch = Date.now();
      const dispatched = await dispatchOnce(now);
      dispatchMore = dispatched.events >= 10_000; // maxPages × page: more may be waiting
      busy ||= dispatchMore;
    }
    if (Date.now() - targetsAt >= wakeMs) {
      targets = await sendTargets();
      targetsAt = Date.now();
    }
    for (const t of targets) {
      if (stopped) break;
      const busyHere = inflight.get(t.id) ?? 0;
      if (busyHere >= t.max_concurrency) continue;
      const batch = await claimDue(t.id, t.max_concurrency, now, opts.deps.leaseMs);
      for (const c of batch) {
        inflight.set(t.id, (inflight.get(t.id) ?? 0) + 1);
        const p = sendClaimed(t, c, now, opts.deps)
          // Recording failed (the database went away): the lease expires and the delivery is sent again.
          .catch((err: Error) => log(`✖ destinations: could not record delivery ${c.id}: ${err.message}`))
          .finally(() => {
            inflight.set(t.id, (inflight.get(t.id) ?? 1) - 1);
            sends.delete(p);
            wake?.(); // a slot is free: claim again now
          });
        sends.add(p);
      }
    }
    return busy;
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
        timer = setTimeout(resolve, busy ? 0 : Math.max(0, wakeMs - (Date.now() - lastDispatch)));
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
