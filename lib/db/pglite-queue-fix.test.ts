import { describe, expect, it } from "vitest";
import { continuesSequence } from "./pglite-queue-fix";

const msg = (type: string) => new Uint8Array([type.charCodeAt(0), 0, 0, 0, 4]);

describe("continuesSequence", () => {
  it.each([
    ["P", true], // Parse
    ["B", true], // Bind
    ["D", true], // Describe
    ["E", true], // Execute
    ["C", true], // Close
    ["H", true], // Flush
    ["d", true], // CopyData
    ["S", false], // Sync ends the sequence
    ["Q", false], // a simple Query is whole
    ["X", false], // Terminate
    ["c", false], // CopyDone
  ])("%s → %s", (type, want) => {
    expect(continuesSequence(msg(type))).toBe(want);
  });

  it("a startup message (no type byte) ends nothing and continues nothing", () => {
    expect(continuesSequence(new Uint8Array([0, 0, 0, 8, 0, 3, 0, 0]))).toBe(false);
    expect(continuesSequence(new Uint8Array([]))).toBe(false);
  });
});
