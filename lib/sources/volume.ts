// Volume buckets for a source's chart (pure). Buckets are aligned to UTC multiples of their size
// (hours, 6-hour blocks, days), and the last bucket is the one holding `now`, so the chart ends with
// the current, still-filling period. The SQL (lib/data/source-admin.ts) fills the same buckets with
// generate_series; `bucketTimestamps` is the brute-force reference it is tested against.

export const VOLUME_RANGES = {
  "24h": { label: "24 h", description: "Last 24 hours, by hour", stepSeconds: 3600, buckets: 24 },
  "7d-6h": { label: "7 d by 6 h", description: "Last 7 days, by 6 hours", stepSeconds: 6 * 3600, buckets: 28 },
  "7d-day": { label: "7 d by day", description: "Last 7 days, by day", stepSeconds: 86400, buckets: 7 },
} as const;

export type VolumeRange = keyof typeof VOLUME_RANGES;
export const VOLUME_RANGE_KEYS = Object.keys(VOLUME_RANGES) as VolumeRange[];

export interface VolumeWindow {
  range: VolumeRange;
  /** Start of the first bucket (inclusive). */
  start: Date;
  /** End of the last bucket (exclusive). */
  end: Date;
  stepSeconds: number;
  buckets: number;
}

export interface VolumePoint {
  /** Bucket start, ISO 8601 (UTC). */
  start: string;
  accepted: number;
  rejected: number;
  /** Accepted messages dropped unstored: they carried a suppressed identifier (lib/data/privacy.ts). */
  suppressed: number;
}

export function volumeWindow(range: VolumeRange, now: Date): VolumeWindow {
  const { stepSeconds, buckets } = VOLUME_RANGES[range];
  const stepMs = stepSeconds * 1000;
  const endMs = Math.floor(now.getTime() / stepMs) * stepMs + stepMs;
  return { range, start: new Date(endMs - buckets * stepMs), end: new Date(endMs), stepSeconds, buckets };
}

/** The index of the bucket holding `t`, or null outside the window. */
export function bucketIndex(t: Date, w: VolumeWindow): number | null {
  const ms = t.getTime();
  if (ms < w.start.getTime() || ms >= w.end.getTime()) return null;
  return Math.floor((ms - w.start.getTime()) / (w.stepSeconds * 1000));
}

/** Counts timestamps per bucket; every bucket is present, empty ones with 0. */
export function bucketTimestamps(times: readonly Date[], w: VolumeWindow): number[] {
  const counts = new Array<number>(w.buckets).fill(0);
  for (const t of times) {
    const i = bucketIndex(t, w);
    if (i !== null) counts[i]! += 1;
  }
  return counts;
}

/** Dense points from accepted, rejected and suppressed timestamps (the reference for the SQL version). */
export function volumePoints(accepted: readonly Date[], rejected: readonly Date[], w: VolumeWindow, suppressed: readonly Date[] = []): VolumePoint[] {
  const a = bucketTimestamps(accepted, w);
  const r = bucketTimestamps(rejected, w);
  const s = bucketTimestamps(suppressed, w);
  return a.map((n, i) => ({ start: new Date(w.start.getTime() + i * w.stepSeconds * 1000).toISOString(), accepted: n, rejected: r[i]!, suppressed: s[i]! }));
}

export function volumeTotals(points: readonly VolumePoint[]): { accepted: number; rejected: number; suppressed: number } {
  return points.reduce(
    (t, p) => ({ accepted: t.accepted + p.accepted, rejected: t.rejected + p.rejected, suppressed: t.suppressed + p.suppressed }),
    { accepted: 0, rejected: 0, suppressed: 0 },
  );
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** A short axis label for a bucket (UTC): "14:00", "May 3 06:00", "May 3". */
export function bucketLabel(startIso: string, range: VolumeRange): string {
  const d = new Date(startIso);
  const day = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  const time = `${pad(d.getUTCHours())}:00`;
  if (range === "24h") return time;
  if (range === "7d-6h") return `${day} ${time}`;
  return day;
}
