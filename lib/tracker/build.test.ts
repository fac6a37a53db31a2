// public/t.js is generated and committed: it must stay within budget and match lib/tracker, so
// nobody edits one without the other. Fix a failure with `npm run build:tracker`.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { bundleTracker, gzipSize, MAX_GZIP_BYTES, TRACKER_OUTPUT } from "./build";

describe("public/t.js", () => {
  it(`is at most ${MAX_GZIP_BYTES / 1024} KB gzipped`, () => {
    const built = fs.readFileSync(TRACKER_OUTPUT, "utf8");
    expect(gzipSize(built)).toBeLessThanOrEqual(MAX_GZIP_BYTES);
  });

  it("is up to date with lib/tracker (run `npm run build:tracker`)", async () => {
    const built = fs.readFileSync(TRACKER_OUTPUT, "utf8");
    const fresh = await bundleTracker();
    expect(built === fresh, "public/t.js differs from a fresh build of lib/tracker: run `npm run build:tracker` and commit the result").toBe(true);
  }, 30_000);

  it("is a self-contained ES2017 IIFE that installs window.tandem", async () => {
    const built = fs.readFileSync(TRACKER_OUTPUT, "utf8");
    expect(built).toMatch(/^\/\*! tandem\.js /);
    expect(built).not.toMatch(/\bimport\s*[{(*]|\brequire\(|\?\?|\?\.[a-zA-Z_$(]/);
    expect(built).toContain("tandem");
  });
});
