import { describe, expect, it } from "vitest";
import { normalizeMessage } from "../ingest/normalize";
import { identityWorkload } from "./bench-workload";

const w = identityWorkload({ messages: 20_000, seed: 7 });
const { counts } = w;

// CPU-bound and deterministic (20,000 generated messages, several times over): a loaded machine only
// makes it slower, so it gets an explicit timeout, not the 5 s default.
describe("identity benchmark workload", { timeout: 60_000 }, () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const again = identityWorkload({ messages: 20_000, seed: 7 });
    expect(again.messages).toEqual(w.messages);
    expect(again.counts).toEqual(counts);
    const other = identityWorkload({ messages: 20_000, seed: 8 });
    expect(other.messages.map((m) => m.anonymousId)).not.toEqual(w.messages.map((m) => m.anonymousId));
  });

  it("has exactly the messages asked for, unique message ids, in sentAt order, all valid", () => {
    expect(w.messages).toHaveLength(20_000);
    expect(counts.messages).toBe(20_000);
    expect(new Set(w.messages.map((m) => m.messageId)).size).toBe(20_000);
    const sent = w.messages.map((m) => Date.parse(m.sentAt as string));
    expect(sent.every((t, i) => i === 0 || t >= sent[i - 1]!)).toBe(true);
    const receivedAt = new Date();
    const rejected = w.messages.map((m) => normalizeMessage(m, { receivedAt, newMessageId: () => "x" })).filter((o) => !o.ok);
    expect(rejected).toEqual([]);
  });

  it("interleaves many visitors: consecutive messages mostly come from different people", () => {
    const key = (m: Record<string, unknown>) => (m.anonymousId ?? m.userId) as string;
    let same = 0;
    for (let i = 1; i < w.messages.length; i++) if (key(w.messages[i]!) === key(w.messages[i - 1]!)) same++;
    expect(same / w.messages.length).toBeLessThan(0.2);
  });

  it("keeps the shares in their bands", () => {
    expect(counts.signedUp / counts.people).toBeGreaterThan(0.2);
    expect(counts.signedUp / counts.people).toBeLessThan(0.3);
    expect(counts.anonymousOnly).toBe(counts.people - counts.signedUp);
    expect(counts.multiDevice / counts.signedUp).toBeGreaterThan(0.12);
    expect(counts.multiDevice / counts.signedUp).toBeLessThan(0.32);
    expect(counts.sharedDevice / counts.signedUp).toBeGreaterThan(0.01);
    expect(counts.sharedDevice / counts.signedUp).toBeLessThan(0.08);
    expect(counts.returning / counts.signedUp).toBeGreaterThan(0.2);
    expect(counts.returning / counts.signedUp).toBeLessThan(0.5);
    expect(counts.byType.group! / counts.signedUp).toBeGreaterThan(0.3);
    expect(counts.byType.alias).toBeGreaterThan(0);
    expect(counts.byType.alias! / counts.signedUp).toBeLessThan(0.06);
    expect(counts.byType.page! + counts.byType.track!).toBeGreaterThan(0.85 * counts.messages);
    expect(counts.accounts).toBeLessThan(counts.byType.group!); // several people per account
    expect(counts.userIdOnlyMessages).toBeGreaterThan(0);
    expect(counts.emails).toBe(counts.signedUp);
    expect(counts.anonymousIds).toBeGreaterThan(counts.people);
  });

  it("anonymous visitors send 1–10 events on one device", () => {
    const byAnon = new Map<string, { n: number; identified: boolean }>();
    for (const m of w.messages) {
      const a = m.anonymousId as string | undefined;
      if (!a) continue;
      const e = byAnon.get(a) ?? { n: 0, identified: false };
      e.n++;
      if (m.userId) e.identified = true;
      byAnon.set(a, e);
    }
    const anonymous = [...byAnon.values()].filter((e) => !e.identified);
    // Devices never identified: anonymous-only visitors, and a few extra devices whose identify is past the end.
    expect(anonymous.length).toBeGreaterThanOrEqual(counts.anonymousOnly);
    expect(anonymous.every((e) => e.n >= 1 && e.n <= 10)).toBe(true);
    const mean = anonymous.reduce((s, e) => s + e.n, 0) / anonymous.length;
    expect(mean).toBeGreaterThan(2.5);
    expect(mean).toBeLessThan(5);
  });

  it("predicts merges from extra devices and refusals from shared laptops", () => {
    expect(counts.expected.merges).toBeGreaterThanOrEqual(counts.multiDevice * 0.8);
    expect(counts.expected.refusals).toBeGreaterThanOrEqual(counts.sharedDevice);
    expect(counts.expected.profiles).toBeGreaterThan(counts.people * 0.9);
    expect(counts.expected.profiles).toBeLessThan(counts.people * 1.15);
  });

  it("keeps runs apart by prefix", () => {
    const a = identityWorkload({ messages: 500, seed: 1, prefix: "x" });
    const b = identityWorkload({ messages: 500, seed: 1, prefix: "y" });
    const ids = (x: typeof a) => new Set(x.messages.flatMap((m) => [m.messageId, m.anonymousId, m.userId].filter(Boolean)));
    const bs = ids(b);
    expect([...ids(a)].some((id) => bs.has(id))).toBe(false);
  });
});
