// The one permission matrix: which role may do what, and which navigation areas need what.
// Pure data and functions — the guard (lib/auth/guard.ts) enforces it on every request.

export const ROLES = ["admin", "sales", "success", "marketing", "leadership"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  sales: "Sales",
  success: "Customer success",
  marketing: "Marketing",
  leadership: "Leadership",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Everything, plus settings: users, sources and API tokens, the audit log, and the raw export of events and profiles.",
  sales: "Works the CRM: contacts, companies, interactions and tasks.",
  success: "Works the CRM and owns support tickets.",
  marketing: "Works the CDP analytics (journeys, funnels, audiences) and marketing spend; reads the CRM and the CAC/LTV dashboards.",
  leadership: "Reads everything and owns the CAC/LTV dashboards and their settings (margin, overhead, windows).",
};

/** What an endpoint that needs a signed-in session answers without one (401 unauthenticated). */
export const NO_SESSION_MESSAGE = "Sign in first: this endpoint needs a signed-in session.";

/** What can be done. Each maps to the roles allowed to do it. */
export const PERMISSIONS = {
  /** Read contacts, companies, tickets, tasks and timelines. */
  "crm:read": ["admin", "sales", "success", "marketing", "leadership"],
  /** Create and edit contacts and companies, log interactions, manage one's tasks. */
  "crm:write": ["admin", "sales", "success"],
  /** Work support tickets: assign, reply, change status. */
  "tickets:write": ["admin", "success"],
  /** Read unified customer profiles (the CDP side of a customer). */
  "customers:read": ["admin", "sales", "success", "marketing", "leadership"],
  /** Journeys, funnels, attribution and audiences across all customers. */
  "analytics:read": ["admin", "marketing", "leadership"],
  /** Record marketing spend by channel and month. */
  "spend:write": ["admin", "marketing"],
  /** The CAC/LTV leadership dashboards and their API. */
  "leadership:read": ["admin", "marketing", "leadership"],
  /** The metric settings: reporting currency, gross margin, overhead, windows. */
  "metrics:manage": ["admin", "leadership"],
  /** Event sources, write keys and the live debugger. */
  "sources:manage": ["admin"],
  /** Users, roles, API tokens, identity rules. */
  "settings:manage": ["admin"],
  /** Raw export of every event and profile (the Export page's raw data section). */
  "data:export": ["admin"],
  /** The audit log of admin actions: view, filter, export. */
  "audit:read": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}

/** A saved analysis (funnel, audience…) is shared with every reader; only its author or an admin edits or deletes it. */
export function canEditSaved(user: { id: string; role: Role }, authorId: string | null): boolean {
  return user.role === "admin" || (authorId !== null && authorId === user.id);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The dashboard's areas, in navigation order. */
export const AREAS = [
  { key: "contacts", label: "Contacts", href: "/contacts", permission: "crm:read", group: "CRM" },
  { key: "companies", label: "Companies", href: "/companies", permission: "crm:read", group: "CRM" },
  { key: "tickets", label: "Tickets", href: "/tickets", permission: "crm:read", group: "CRM" },
  { key: "tasks", label: "My tasks", href: "/tasks", permission: "crm:write", group: "CRM" },
  { key: "leads", label: "Product leads", href: "/leads", permission: "crm:write", group: "CRM" },
  { key: "customers", label: "Customers", href: "/customers", permission: "customers:read", group: "CDP" },
  { key: "journeys", label: "Journeys", href: "/journeys", permission: "analytics:read", group: "CDP" },
  { key: "funnels", label: "Funnels", href: "/funnels", permission: "analytics:read", group: "CDP" },
  { key: "paths", label: "Paths", href: "/paths", permission: "analytics:read", group: "CDP" },
  { key: "attribution", label: "Attribution", href: "/attribution", permission: "analytics:read", group: "CDP" },
  { key: "audiences", label: "Audiences", href: "/audiences", permission: "analytics:read", group: "CDP" },
  { key: "leadership", label: "Leadership", href: "/leadership", permission: "leadership:read", group: "Insights" },
  { key: "sources", label: "Sources", href: "/sources", permission: "sources:manage", group: "Admin" },
  { key: "settings", label: "Settings", href: "/settings", permission: "settings:manage", group: "Admin" },
  { key: "audit", label: "Audit log", href: "/settings/audit", permission: "audit:read", group: "Admin" },
] as const satisfies readonly { key: string; label: string; href: string; permission: Permission; group: string }[];

export type AreaKey = (typeof AREAS)[number]["key"];

export function area(key: AreaKey) {
  return AREAS.find((a) => a.key === key)!;
}

export function areasFor(role: Role) {
  return AREAS.filter((a) => can(role, a.permission));
}

/** Where a role lands after signing in: its first area. */
export function homeFor(role: Role): string {
  return areasFor(role)[0]?.href ?? "/";
}
