import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS_FILE, readDemoCredentials, writeDemoCredentials } from "./credentials";

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-creds-"));
  dirs.push(d);
  return path.join(d, "nested", "data");
};

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("writeDemoCredentials", () => {
  it("creates the directory and an owner-only file with room for an API token", () => {
    const dir = tmp();
    const file = writeDemoCredentials(dir, {
      password: "tandem-demo",
      users: [{ email: "admin@tandem.local", name: "Avery Admin", role: "admin", password: "tandem-demo" }],
      sources: { website: { id: "s1", name: "Website", writeKey: "tdm_wk_abc" } },
    });
    expect(file).toBe(path.join(dir, DEMO_CREDENTIALS_FILE));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readDemoCredentials(dir)).toMatchObject({ adminApiToken: null, password: "tandem-demo", sources: { website: { writeKey: "tdm_wk_abc" } } });
  });

  it("merges with an existing file instead of dropping what others wrote", () => {
    const dir = tmp();
    writeDemoCredentials(dir, { adminApiToken: { token: "tdm_pat_x" }, sources: { backend: { id: "s2", name: "Backend", writeKey: "tdm_wk_b" } } });
    writeDemoCredentials(dir, { password: "p", sources: { website: { id: "s1", name: "Website", writeKey: "tdm_wk_w" } } });
    const merged = readDemoCredentials(dir)!;
    expect(merged.adminApiToken).toEqual({ token: "tdm_pat_x" });
    expect(merged.password).toBe("p");
    expect(Object.keys(merged.sources!).sort()).toEqual(["backend", "website"]);
  });
});

describe("formatDemoAccounts", () => {
  it("lists one account per role and the password", async () => {
    const { formatDemoAccounts } = await import("./setup");
    const lines = formatDemoAccounts({
      users: [
        { email: "admin@tandem.local", name: "A", role: "admin", password: "pw" },
        { email: "priya@tandem.local", name: "P", role: "sales", password: "pw" },
        { email: "sales@tandem.local", name: "S", role: "sales", password: "pw" },
      ],
    });
    expect(lines).toEqual(["▸ Demo accounts:", "    admin@tandem.local  admin", "    sales@tandem.local  sales", "    password: pw"]);
    expect(formatDemoAccounts({})).toEqual([]);
  });
});
