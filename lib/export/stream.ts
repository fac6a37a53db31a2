// Streamed downloads, shared by every export (CRM, raw events and profiles, CSVs of a view): a body
// written piece by piece as its source yields them, and the headers a download answers with. The
// stream pulls: the next piece (one database page) is read only when the client has taken the last,
// so a slow client slows the reads instead of filling memory, and a client that goes away stops them.

/** A UTF-8 body from text pieces, read one piece per pull; cancelling it closes the source. */
export function textStream(parts: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = parts[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        // An empty piece (an empty page) enqueues nothing: pull again rather than stall the reader.
        if (next.value) {
          controller.enqueue(encoder.encode(next.value));
          return;
        }
      }
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}

export interface DownloadOptions {
  /** E.g. `text/csv; charset=utf-8`. */
  contentType: string;
  /** The file name the browser saves as. */
  fileName: string;
  /** More headers (paging cursors, links). */
  headers?: Record<string, string>;
}

/** A streamed attachment, never cached. */
export function downloadResponse(body: ReadableStream<Uint8Array>, options: DownloadOptions): Response {
  return new Response(body, {
    headers: {
      "Content-Type": options.contentType,
      "Content-Disposition": `attachment; filename="${options.fileName}"`,
      "Cache-Control": "no-store",
      ...options.headers,
    },
  });
}
