// A small progress bar for long CLI jobs on stderr (seeds, `npm run export`): percent, rows, elapsed
// and ETA. On a terminal it redraws one line; when stderr is a pipe or a log file it prints a plain
// line every few seconds.
import type { SeedProgress } from "./load";

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "--:--";
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, "0");
  const ss = String(sec).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** The bar and percentage of a fraction done (no bar when `width` is 0). */
export function formatBar(fraction: number, width: number): string {
  const f = Math.max(0, Math.min(1, fraction));
  const bar = width > 0 ? `[${"█".repeat(Math.round(f * width)).padEnd(width, "░")}] ` : "";
  return `${bar}${`${Math.floor(f * 100)}%`.padStart(4)}`;
}

/** Time left at the rate so far; the first few percent are too noisy to extrapolate. */
export function etaMs(elapsedMs: number, fraction: number, done: boolean): number {
  return done ? 0 : fraction > 0.02 ? (elapsedMs / fraction) * (1 - fraction) : NaN;
}

/** One status line for a progress report (without bar when `width` is 0). */
export function formatProgress(p: SeedProgress, width = 28): string {
  const fraction = p.peopleTotal > 0 ? Math.min(1, p.peopleDone / p.peopleTotal) : 0;
  // ETA from the people rate so far.
  const eta = etaMs(p.elapsedMs, fraction, p.phase === "done");
  const phase = p.phase === "finishing" ? " finishing…" : "";
  return `${formatBar(fraction, width)}  ${p.rows.toLocaleString("en-US")} rows  ${formatDuration(p.elapsedMs)} elapsed  ETA ${formatDuration(eta)}${phase}`;
}

export interface ProgressLine<P> {
  update(p: P): void;
  /** Ends the bar's line on a terminal. */
  finish(): void;
}

export type ProgressBar = ProgressLine<SeedProgress>;

/** A redrawn line on a terminal, a plain line every `intervalMs` (and at the end) otherwise. */
export function createProgressLine<P extends { elapsedMs: number }>(
  format: (p: P, width: number) => string,
  isDone: (p: P) => boolean,
  stream: NodeJS.WriteStream = process.stderr,
  intervalMs = 5000,
): ProgressLine<P> {
  const tty = Boolean(stream.isTTY);
  let lastPrint = -Infinity;
  let drawn = false;
  let last: P | undefined;
  return {
    update(p) {
      last = p;
      if (tty) {
        stream.write(`\r${format(p, 28)}\x1b[K`);
        drawn = true;
        return;
      }
      if (isDone(p) || p.elapsedMs - lastPrint >= intervalMs) {
        lastPrint = p.elapsedMs;
        stream.write(`${format(p, 0)}\n`);
      }
    },
    finish() {
      if (tty && drawn) stream.write("\n");
      else if (!tty && last && !isDone(last)) stream.write(`${format(last, 0)}\n`);
    },
  };
}

export function createProgressBar(stream: NodeJS.WriteStream = process.stderr, intervalMs = 5000): ProgressBar {
  return createProgressLine<SeedProgress>(formatProgress, (p) => p.phase === "done", stream, intervalMs);
}
