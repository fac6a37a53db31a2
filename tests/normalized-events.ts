// Messages as the collector's normaliser turns them into stored events, for tests that write through
// storeEvents / storeRequests directly.
import { normalizeMessage, type NormalizedEvent } from "../lib/ingest/normalize";

/**
 * A maker of events: each call numbers its message (`<prefix>-<n>`, timestamped a minute apart from
 * 2026-07-01) unless the message says otherwise, and throws on a message the collector refuses.
 */
export function eventMaker(prefix: string, receivedAt: Date): (m: Record<string, unknown>) => NormalizedEvent {
  let n = 0;
  return (m) => {
    n++;
    const o = normalizeMessage({ messageId: `${prefix}-${n}`, timestamp: new Date(Date.UTC(2026, 6, 1, 0, n)).toISOString(), ...m }, { receivedAt, newMessageId: () => "x" });
    if (!o.ok) throw new Error(o.reason);
    return o.event;
  };
}
