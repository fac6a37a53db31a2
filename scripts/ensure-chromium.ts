// Playwright cannot download browsers here: the e2e suite drives Debian's Chromium. Install it when
// missing and running as root; otherwise stop with the one command to run.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const CHROMIUM = "/usr/bin/chromium";

if (!fs.existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0) {
    console.log("▸ Installing Debian's Chromium for the end-to-end tests (apt-get install -y chromium)…");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  } else {
    console.error("✖ The end-to-end tests need Debian's Chromium at /usr/bin/chromium. Run:\n\n    sudo apt-get install -y chromium\n");
    process.exit(1);
  }
}
