// Group commit for the Tracking API: requests that arrive while earlier inserts are in flight are
// stored together in one statement, so a burst of one-event requests (as browsers send) costs a few
// set-based inserts instead of one per request. At low load a request is flushed at once (no added
// latency); each caller still gets its own answer only after its rows are committed.

export interface Coalescer<T, R> {
  submit(item: T): Promise<R>;
}

export function createCoalescer<T, R>(
  flush: (items: T[]) => Promise<R[]>,
  opts: { maxInFlight: number; maxBatch: number; sizeOf?: (item: T) => number },
): Coalescer<T, R> {
  const sizeOf = opts.sizeOf ?? (() => 1);
  let queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let inFlight = 0;

  function pump(): void {
    while (inFlight < opts.maxInFlight && queue.length > 0) {
      // Take as many queued items as fit in one batch (always at least one).
      let size = 0;
      let n = 0;
      while (n < queue.length && (n === 0 || size + sizeOf(queue[n]!.item) <= opts.maxBatch)) {
        size += sizeOf(queue[n]!.item);
        n++;
      }
      const group = queue.slice(0, n);
      queue = queue.slice(n);
      inFlight++;
      flush(group.map((g) => g.item))
        .then(
          (results) => group.forEach((g, i) => g.resolve(results[i]!)),
          (err) => group.forEach((g) => g.reject(err)),
        )
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  }

  return {
    submit(item: T): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        pump();
      });
    },
  };
}
