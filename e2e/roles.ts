import fs from "node:fs";
import path from "node:path";

export const ROLES = ["admin", "sales", "success", "marketing", "leadership"] as const;
export type Role = (typeof ROLES)[number];
export const PASSWORD = process.env.TANDEM_DEMO_PASSWORD ?? "tandem-demo";
export const emailOf = (role: Role) => `${role}@tandem.local`;
const AUTH_DIR = path.resolve("playwright/.auth", process.env.E2E_PORT ?? "3100");
export const storageStateOf = (role: Role) => path.join(AUTH_DIR, `${role}.json`);

/** Navigation each role must see, in order — stated here independently of lib/auth/permissions.ts. */
export const NAVIGATION: Record<Role, string[]> = {
  admin: ["Contacts", "Companies", "Tickets", "My tasks", "Product leads", "Customers", "Journeys", "Funnels", "Paths", "Attribution", "Audiences", "Leadership", "Sources", "Settings", "Audit log"],
  sales: ["Contacts", "Companies", "Tickets", "My tasks", "Product leads", "Customers"],
  success: ["Contacts", "Companies", "Tickets", "My tasks", "Product leads", "Customers"],
  marketing: ["Contacts", "Companies", "Tickets", "Customers", "Journeys", "Funnels", "Paths", "Attribution", "Audiences", "Leadership"],
  leadership: ["Contacts", "Companies", "Tickets", "Customers", "Journeys", "Funnels", "Paths", "Attribution", "Audiences", "Leadership"],
};

export function ensureAuthDir(): void {
  fs.mkdirSync(AUTH_DIR, { recursive: true });
}

/** What `npm run demo` wrote for this suite's server: the Website write key, the admin API token, the demo form. */
export interface DemoCredentials {
  adminApiToken: { token: string };
  sources: { website: { writeKey: string; id: string } };
  demoFormId: string;
}

export function demoCredentials(): DemoCredentials {
  return JSON.parse(fs.readFileSync(path.resolve(`.tmp/e2e-data-${process.env.E2E_PORT ?? 3100}`, "demo-credentials.json"), "utf8")) as DemoCredentials;
}
