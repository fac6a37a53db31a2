// Tandem phones nowhere (issue 12, item 7): every way it runs Next.js or Prisma's CLI turns off Next's
// telemetry and Prisma's update check. Reads the scripts as text, so a new script that forgets fails.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { NO_TELEMETRY } from "../../lib/server/no-telemetry";

const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };

describe("no telemetry", () => {
  it.each(Object.entries(pkg.scripts))("package.json script %s", (_name, cmd) => {
    for (const part of cmd.split("&&").map((p) => p.trim())) {
      if (/(^|\s)next\s+(build|dev|start)\b/.test(part)) expect(part).toMatch(/NEXT_TELEMETRY_DISABLED=1 /);
      if (/(^|\s)prisma\s/.test(part)) expect(part).toMatch(/CHECKPOINT_DISABLE=1 /);
    }
  });

  it.each(["e2e/serve.sh", ".ci/run"])("%s exports both switches before anything runs", (file) => {
    expect(fs.readFileSync(file, "utf8")).toMatch(/^export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1$/m);
  });

  it("scripts/check-migrations.sh runs Prisma's CLI without the update check", () => {
    for (const line of fs.readFileSync("scripts/check-migrations.sh", "utf8").split("\n").filter((l) => /npx prisma/.test(l))) {
      expect(line).toMatch(/CHECKPOINT_DISABLE=1 /);
    }
  });

  it.each(["scripts/start.ts", "scripts/bench-ingest.ts"])("%s passes NO_TELEMETRY to what it spawns", (file) => {
    const text = fs.readFileSync(file, "utf8");
    const spawns = text.match(/\b(spawn|execFileSync)\(/g)?.length ?? 0;
    expect(spawns).toBeGreaterThan(0);
    expect(text).toContain("...NO_TELEMETRY");
    expect(NO_TELEMETRY).toEqual({ NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" });
  });
});
