// A small progress bar for long seeds on stderr: percent, rows, elapsed and ETA. On a terminal it
// redraws one line; when stderr is a pipe or a log file it prints a plain line every few seconds.
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

/** One status line for a progress report (without bar when `width` is 0). */
export function formatProgress(p: SeedProgress, width = 28): string {
  const fraction = p.peopleTotal > 0 ? Math.min(1, p.peopleDone / p.peopleTotal) : 0;
  const pct = `${Math.floor(fraction * 100)}%`.padStart(4);
  // ETA from the people rate so far; the first few percent are too noisy to extrapolate.
  const eta = p.phase === "done" ? 0 : fraction > 0.02 ? (p.elapsedMs / fraction) * (1 - fraction) : NaN;
  const bar = width > 0 ? `[${"█".repeat(Math.round(fraction * width)).padEnd(width, "░")}] ` : "";
  const phase = p.phase === "finishing" ? " finishing…" : "";
  return `${bar}${pct}  ${p.rows.toLocaleString("en-US")} rows  ${formatDuration(p.elapsedMs)} elapsed  ETA ${formatDuration(eta)}${phase}`;
}

export interface ProgressBar {
  update(p: SeedProgress): void;
  /** Ends the bar's line on a terminal. */
  finish(): void;
}

export function createProgressBar(stream: NodeJS.WriteStream = process.stderr, intervalMs = 5000): ProgressBar {
  const tty = Boolean(stream.isTTY);
  let lastPrint = -Infinity;
  let drawn = false;
  let last: SeedProgress | undefined;
  return {
    update(p) {
      last = p;
      if (tty) {
        stream.write(`\r${formatProgress(p)}\x1b[K`);
        drawn = true;
        return;
      }
      if (p.phase === "done" || p.elapsedMs - lastPrint >= intervalMs) {
        lastPrint = p.elapsedMs;
        stream.write(`${formatProgress(p, 0)}\n`);
      }
    },
    finish() {
      if (tty && drawn) stream.write("\n");
      else if (!tty && last && last.phase !== "done") stream.write(`${formatProgress(last, 0)}\n`);
    },
  };
}
