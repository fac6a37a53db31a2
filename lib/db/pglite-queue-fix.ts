// pglite-socket 0.2.17 queues each wire-protocol message on its own and only keeps one connection's
// messages together inside a transaction. Between a connection's Parse and its Sync, another
// connection's Parse can run and replace the unnamed statement, so the first connection's Bind fails
// ("bind message supplies 3 parameters, but prepared statement "" requires 1") — reproduced with
// concurrent queries carrying large parameters, as ingest batches do. This keeps a connection's turn
// until its extended-query sequence ends (Sync or a simple Query), keeps the transaction rule, goes
// on after a failed message instead of stalling the queue, and resets the protocol state with a Sync
// when a connection leaves mid-sequence.
import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

interface QueuedQuery {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
  onData: (data: Uint8Array) => void;
}

interface QueueInternals {
  queue: QueuedQuery[];
  processing: boolean;
  db: PGlite;
  lastHandlerId: number | null;
  processQueue: () => Promise<void>;
  clearQueueForHandler: (handlerId: number) => void;
}

/** Client messages that continue an extended-query (or COPY) sequence: Parse, Bind, Describe, Execute, Close, Flush, CopyData. */
const CONTINUES = new Set(["P", "B", "D", "E", "C", "H", "d"].map((c) => c.charCodeAt(0)));
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/** Whether, after this message, the connection is in the middle of a sequence that must not be interleaved. */
export function continuesSequence(message: Uint8Array): boolean {
  return message.length > 0 && CONTINUES.has(message[0]!);
}

export function serializeExtendedQueries(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue: QueueInternals }).queryQueue;
  const midSequence = new Set<number>();
  const clearOriginal = q.clearQueueForHandler.bind(q);

  q.processQueue = async function processQueue(this: QueueInternals): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const holder = this.lastHandlerId;
        const sticky = holder !== null && (this.db.isInTransaction() || midSequence.has(holder));
        let query: QueuedQuery | undefined;
        if (sticky) {
          const i = this.queue.findIndex((x) => x.handlerId === holder);
          if (i === -1) break; // wait for the holder's next message
          query = this.queue.splice(i, 1)[0];
        } else {
          query = this.queue.shift();
        }
        if (!query) break;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(query!.message, {
              onRawData: (data) => {
                bytes += data.length;
                query!.onData(data);
              },
            }),
          );
        } catch (error) {
          midSequence.delete(query.handlerId);
          this.lastHandlerId = query.handlerId;
          query.reject(error as Error);
          continue;
        }
        this.lastHandlerId = query.handlerId;
        if (continuesSequence(query.message)) midSequence.add(query.handlerId);
        else midSequence.delete(query.handlerId);
        query.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  q.clearQueueForHandler = function clearQueueForHandler(this: QueueInternals, handlerId: number): void {
    clearOriginal(handlerId);
    if (!midSequence.delete(handlerId)) return;
    // The connection left between Parse and Sync: end its sequence so the next one starts clean.
    void this.db
      .runExclusive(() => this.db.execProtocolRawStream(SYNC, { onRawData: () => undefined }))
      .catch(() => undefined)
      .finally(() => {
        if (this.lastHandlerId === handlerId && !this.db.isInTransaction()) this.lastHandlerId = null;
        void this.processQueue();
      });
  };
}
