// `npm run export`'s progress line: rows written against the count taken before the export, the
// rate, elapsed time and ETA. Pure.
import { etaMs, formatBar, formatDuration } from "../demo/progress-bar";

export interface ExportProgress {
  /** Rows written so far. */
  rows: number;
  /** The window's row count, taken before the export began (a profile merged meanwhile drops out). */
  total: number;
  elapsedMs: number;
  done: boolean;
}

const n = (x: number) => Math.round(x).toLocaleString("en-US");

export function formatExportProgress(p: ExportProgress, width = 28): string {
  const fraction = p.done ? 1 : p.total > 0 ? Math.min(1, p.rows / p.total) : 0;
  const rate = p.elapsedMs > 0 ? (p.rows / p.elapsedMs) * 1000 : 0;
  return `${formatBar(fraction, width)}  ${n(p.rows)} / ${n(p.total)} rows  ${n(rate)} rows/s  ${formatDuration(p.elapsedMs)} elapsed  ETA ${formatDuration(etaMs(p.elapsedMs, fraction, p.done))}`;
}
