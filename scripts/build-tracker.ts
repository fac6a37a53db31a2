// npm run build:tracker — bundles lib/tracker into public/t.js (IIFE, minified, ES2017), prints its
// raw and gzipped size and fails when the gzipped size is over the 6 KB budget.
import fs from "node:fs";
import path from "node:path";
import { bundleTracker, gzipSize, MAX_GZIP_BYTES, TRACKER_OUTPUT } from "../lib/tracker/build";

const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;

async function main(): Promise<void> {
  const code = await bundleTracker();
  const raw = Buffer.byteLength(code, "utf8");
  const gz = gzipSize(code);
  const rel = path.relative(process.cwd(), TRACKER_OUTPUT);
  if (gz > MAX_GZIP_BYTES) {
    console.error(`✗ ${rel}: ${kb(raw)} raw, ${kb(gz)} gzipped — over the ${kb(MAX_GZIP_BYTES)} gzipped budget; not written.`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(TRACKER_OUTPUT), { recursive: true });
  fs.writeFileSync(TRACKER_OUTPUT, code);
  console.log(`✓ ${rel}: ${kb(raw)} raw (${raw} B), ${kb(gz)} gzipped (${gz} B; budget ${kb(MAX_GZIP_BYTES)})`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
