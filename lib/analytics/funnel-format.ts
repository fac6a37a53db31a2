// How funnel numbers read on the page: percentages, durations, time-to-convert bins. Pure and
// locale-fixed so the server and the browser render the same text.
import { TTC_BOUNDS_SECONDS, type TimeToConvertBin } from "./funnel-definition";

/** 0.4237 → "42.4%"; whole and tiny shares without noise ("100%", "0%", "<0.1%"). */
export function formatPercent(ratio: number): string {
  if (ratio === 0) return "0%";
  if (ratio > 0 && ratio < 0.001) return "<0.1%";
  const pct = Math.round(ratio * 1000) / 10;
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

/** Seconds as people say them: "42 s", "3.5 min", "2 h", "1.5 d" (null → "—"). */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  const round = (n: number) => (n < 10 ? Math.round(n * 10) / 10 : Math.round(n));
  if (seconds < 60) return `${round(seconds)} s`;
  if (seconds < 3600) return `${round(seconds / 60)} min`;
  if (seconds < 86_400) return `${round(seconds / 3600)} h`;
  return `${round(seconds / 86_400)} d`;
}

/** A bound in seconds as a short label: 60 → "1 min", 86400 → "1 d". */
function boundLabel(s: number): string {
  if (s < 3600) return `${s / 60} min`;
  if (s < 86_400) return `${s / 3600} h`;
  return `${s / 86_400} d`;
}

/** "< 1 min", "1–5 min", "1–2 d", "≥ 180 d". */
export function binLabel(bin: Pick<TimeToConvertBin, "fromSeconds" | "toSeconds">): string {
  if (bin.fromSeconds === 0) return `< ${boundLabel(bin.toSeconds ?? TTC_BOUNDS_SECONDS[1]!)}`;
  if (bin.toSeconds === null) return `≥ ${boundLabel(bin.fromSeconds)}`;
  const [a, b] = [boundLabel(bin.fromSeconds), boundLabel(bin.toSeconds)];
  const [na, ua] = a.split(" ");
  const [nb, ub] = b.split(" ");
  return ua === ub ? `${na}–${nb} ${ub}` : `${a} – ${b}`;
}
