// demo-credentials.json: what someone needs to try a seeded Tandem — the staff sign-ins with the plain
// demo password, the Website source's write key, and (once created) an admin API token. It holds
// secrets, so it is written owner-readable only, next to the embedded database in the data dir.
import fs from "node:fs";
import path from "node:path";

export const DEMO_CREDENTIALS_FILE = "demo-credentials.json";

export interface DemoCredentials {
  password?: string;
  users?: { email: string; name: string; role: string; password: string }[];
  sources?: Record<string, { id: string; name: string; writeKey: string }>;
  /** Filled in by whoever creates the demo admin API token. */
  adminApiToken?: { token: string; prefix?: string; name?: string } | null;
  /** The "Request a demo" web form (POST /api/v1/forms/{demoFormId}). */
  demoFormId?: string;
  [key: string]: unknown;
}

export function readDemoCredentials(dir: string): DemoCredentials | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, DEMO_CREDENTIALS_FILE), "utf8")) as DemoCredentials;
  } catch {
    return null;
  }
}

/**
 * Writes `<dir>/demo-credentials.json`, merging with what is already there: keys present in `data`
 * replace the file's, `sources` merge per source, and everything else (e.g. an API token written by
 * another step) is kept. Returns the file's path.
 */
export function writeDemoCredentials(dir: string, data: DemoCredentials): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, DEMO_CREDENTIALS_FILE);
  const prior = readDemoCredentials(dir) ?? {};
  const defined = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  const merged: DemoCredentials = {
    adminApiToken: null,
    ...prior,
    ...defined,
    sources: { ...(prior.sources ?? {}), ...(data.sources ?? {}) },
  };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(merged, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return file;
}
