// Bundles the browser tracker into public/t.js (Node only: used by scripts/build-tracker.ts and the
// up-to-date test). Next serves public/ at the root, so the script is at /t.js.
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { LIBRARY_NAME, LIBRARY_VERSION } from "./version";

const root = path.resolve(import.meta.dirname, "../..");
export const TRACKER_ENTRY = path.join(root, "lib/tracker/browser.ts");
export const TRACKER_OUTPUT = path.join(root, "public/t.js");
/** The budget: a first-party tracker has to stay small. */
export const MAX_GZIP_BYTES = 6 * 1024;

// Minified output is not for linting (`eslint .` would otherwise report its every `a&&b()`).
const BANNER = [
  `/*! ${LIBRARY_NAME} ${LIBRARY_VERSION} — Tandem's first-party tracker. Generated from lib/tracker by scripts/build-tracker.ts (npm run build:tracker); do not edit. */`,
  "/* eslint-disable */",
].join("\n");

/** The bundled, minified script as text (nothing is written). */
export async function bundleTracker(): Promise<string> {
  const result = await build({
    entryPoints: [TRACKER_ENTRY],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2017",
    minify: true,
    legalComments: "none",
    banner: { js: BANNER },
    charset: "utf8",
    // Plain assignments for class fields (smaller than defineProperty helpers; nothing relies on them).
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, strict: true } },
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

export function gzipSize(text: string): number {
  return gzipSync(Buffer.from(text, "utf8"), { level: 9 }).byteLength;
}
