// CPU time of processes, read from Linux's /proc, for the benchmarks' breakdowns: when an arm costs
// ingest throughput on a shared machine, where the CPU seconds beside ingest went (a process, its
// children, PostgreSQL's backends by application_name). Not timing: CPU seconds hardly depend on how
// busy the machine is, so these figures mean something even when the throughput ratios are noisy.
import fs from "node:fs";

/** Linux's clock tick (CLK_TCK): /proc reports CPU time in 1/100 s. */
const TICKS_PER_SECOND = 100;

export interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** User + system CPU seconds so far. */
  cpu: number;
}

/** One /proc/<pid>/stat line; null when unreadable. The command name may hold spaces and parentheses. */
export function parseStat(text: string): ProcStat | null {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  const rest = text.slice(close + 2).split(" ");
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  const ppid = Number(rest[1]);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (![pid, ppid, utime, stime].every(Number.isFinite)) return null;
  return { pid, ppid, comm: text.slice(open + 1, close), cpu: (utime + stime) / TICKS_PER_SECOND };
}

/** Every process now, by pid (empty where there is no /proc). */
export function processTable(): Map<number, ProcStat> {
  const out = new Map<number, ProcStat>();
  let entries: string[] = [];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return out;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const s = parseStat(fs.readFileSync(`/proc/${name}/stat`, "utf8"));
      if (s) out.set(s.pid, s);
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

/** The pid and all its descendants in a table. */
export function treeOf(table: ReadonlyMap<number, ProcStat>, root: number): number[] {
  const children = new Map<number, number[]>();
  for (const s of table.values()) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s.pid]);
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    if (!table.has(pid)) continue;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * CPU seconds spent between two tables by these pids (a process that started in between counts from
 * zero; one that ended in between is not seen).
 */
export function cpuBetween(before: ReadonlyMap<number, ProcStat>, after: ReadonlyMap<number, ProcStat>, pids: Iterable<number>): number {
  let total = 0;
  for (const pid of new Set(pids)) {
    const a = after.get(pid);
    if (!a) continue;
    const b = before.get(pid);
    total += a.cpu - (b && b.comm === a.comm ? b.cpu : 0);
  }
  return total;
}
