// The story's headline numbers measured on generated rows (no database), the way the integration
// suite measures them in SQL: used by the unit tests to check the bands on several seeds.
import type { DemoChunk } from "./types";

/** The story's headline numbers, measured the way the integration suite measures them in SQL. */
export function measureStory(chunks: DemoChunk[]) {
  const signups = new Map<string, { channel: string; paid: boolean }>();
  let withPrior = 0;
  let firstIdentifies = 0;
  let renewals = 0;
  let cancellations = 0;
  const hours: Record<string, number[]> = { low: [], normal: [], high: [], urgent: [] };
  for (const c of chunks) {
    // A person's first touch: the channel of their earliest web event (what resolution computes).
    const firstTouch = new Map<number, { at: number; channel: string }>();
    for (const e of c.events) {
      const known = firstTouch.get(e.person);
      if (e.context.page && (!known || e.timestamp < known.at)) firstTouch.set(e.person, { at: e.timestamp, channel: e.channel ?? "none" });
    }
    const pagesByAnon = new Map<string, number[]>();
    for (const e of c.events) {
      if (e.type === "page" && e.anonymousId) pagesByAnon.set(e.anonymousId, [...(pagesByAnon.get(e.anonymousId) ?? []), e.timestamp]);
    }
    const seen = new Set<string>();
    for (const e of [...c.events].sort((a, b) => a.timestamp - b.timestamp)) {
      if (e.type === "identify" && e.userId && e.anonymousId && !seen.has(e.userId)) {
        seen.add(e.userId);
        firstIdentifies++;
        if ((pagesByAnon.get(e.anonymousId) ?? []).some((t) => t < e.timestamp)) withPrior++;
      }
      if (e.event === "Signed Up") signups.set(e.userId!, { channel: firstTouch.get(e.person)?.channel ?? "none", paid: false });
      if (e.event === "Subscription Started") signups.get(e.userId!)!.paid = true;
      if (e.event === "Subscription Renewed") renewals++;
      if (e.event === "Subscription Cancelled") cancellations++;
    }
    for (const t of c.tickets) if (t.resolvedAt) hours[t.priority].push((t.resolvedAt - t.openedAt) / 3_600_000);
  }
  const byChannel: Record<string, { signups: number; paid: number; rate: number }> = {};
  for (const { channel, paid } of signups.values()) {
    byChannel[channel] ??= { signups: 0, paid: 0, rate: 0 };
    byChannel[channel].signups++;
    if (paid) byChannel[channel].paid++;
  }
  for (const v of Object.values(byChannel)) v.rate = v.paid / v.signups;
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  return {
    priorVisitShare: withPrior / firstIdentifies,
    byChannel,
    monthlyChurn: cancellations / (cancellations + renewals),
    resolutionMedianHours: median(Object.values(hours).flat()),
    resolutionMedianByPriority: Object.fromEntries(Object.entries(hours).map(([k, v]) => [k, median(v)])) as Record<string, number>,
  };
}
