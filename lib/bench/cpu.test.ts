import { describe, expect, it } from "vitest";
import { cpuBetween, parseStat, treeOf, type ProcStat } from "./cpu";

// Fields 3… of /proc/<pid>/stat after the command: state ppid pgrp session tty tpgid flags minflt
// cminflt majflt cmajflt utime stime …
const stat = (pid: number, comm: string, ppid: number, utime: number, stime: number) =>
  `${pid} (${comm}) S ${ppid} 1 1 0 -1 4194560 100 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 100 1000 10`;

describe("parseStat", () => {
  it.each([
    ["a plain command", stat(42, "postgres", 7, 150, 50), { pid: 42, ppid: 7, comm: "postgres", cpu: 2 }],
    ["a command with spaces and parentheses", stat(9, "node (tsx) x", 1, 1, 0), { pid: 9, ppid: 1, comm: "node (tsx) x", cpu: 0.01 }],
    ["garbage", "not a stat line", null],
    ["a cut line", "12 (node) S 1", null],
  ])("%s", (_, text, expected) => expect(parseStat(text)).toEqual(expected));
});

const table = (rows: [number, number, number][], comm = "node") => new Map<number, ProcStat>(rows.map(([pid, ppid, cpu]) => [pid, { pid, ppid, comm, cpu }]));

describe("treeOf", () => {
  const t = table([[1, 0, 0], [10, 1, 0], [11, 10, 0], [12, 11, 0], [20, 1, 0]]);
  it.each([
    ["a process and its descendants", 10, [10, 11, 12]],
    ["a leaf", 20, [20]],
    ["a pid that is gone", 99, []],
  ])("%s", (_, root, expected) => expect(treeOf(t, root).sort((a, b) => a - b)).toEqual(expected));
});

describe("cpuBetween", () => {
  const before = table([[10, 1, 5], [11, 10, 1], [12, 10, 3]]);
  const after = table([[10, 1, 7.5], [11, 10, 1.5], [13, 10, 0.25]]);
  it.each([
    ["what each spent in between", [10, 11], 2.5 + 0.5],
    ["a process that started in between counts from zero", [13], 0.25],
    ["one that ended in between is not seen", [12], 0],
    ["a pid given twice counts once", [10, 10], 2.5],
  ])("%s", (_, pids, expected) => expect(cpuBetween(before, after, pids)).toBeCloseTo(expected, 9));
  it("a pid reused by another command counts from zero", () => {
    expect(cpuBetween(table([[10, 1, 5]], "bash"), table([[10, 1, 0.5]], "node"), [10])).toBeCloseTo(0.5, 9);
  });
});
