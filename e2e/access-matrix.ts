// What each route requires, stated independently of the code under test. access.spec.ts finds every
// page and API route under app/ and fails if one is missing here, so no route can skip the guard.
export type Access =
  | "public"
  /** An API token, never a session: every session caller gets 401 invalid_token. */
  | "token"
  | "signed-in"
  | "crm:read"
  | "crm:write"
  | "customers:read"
  | "analytics:read"
  | "leadership:read"
  | "sources:manage"
  | "settings:manage"
  | "data:export"
  | "audit:read"
  /** A session with the permission, or an API token (judged by the token when one is sent). */
  | `${SessionPermission}+token`;

type SessionPermission = "crm:read" | "customers:read" | "analytics:read" | "leadership:read";

export interface RouteRule {
  /** The URL to request (dynamic segments filled with a sample). */
  url: string;
  kind: "page" | "api";
  access: Access;
  /** Where an allowed role is redirected instead of served (e.g. "/" → the role's home). */
  redirects?: boolean;
  /** The method to probe with (default GET). */
  method?: "GET" | "OPTIONS" | "POST";
  /** The JSON body of a POST probe. */
  body?: unknown;
  /** The status an allowed caller gets when not 200 (e.g. 404 for an unknown write key). */
  status?: number;
}

/** Keyed by the route's file path relative to app/, route groups included. */
export const ROUTES: Record<string, RouteRule> = {
  "(auth)/login/page.tsx": { url: "/login", kind: "page", access: "public", redirects: true },
  "(auth)/logout/page.tsx": { url: "/logout", kind: "page", access: "public" },
  "(site)/welcome/page.tsx": { url: "/welcome", kind: "page", access: "public" },
  "(site)/docs/api/page.tsx": { url: "/docs/api", kind: "page", access: "public" },
  "(app)/page.tsx": { url: "/", kind: "page", access: "signed-in", redirects: true },
  "(app)/contacts/page.tsx": { url: "/contacts", kind: "page", access: "crm:read" },
  "(app)/companies/page.tsx": { url: "/companies", kind: "page", access: "crm:read" },
  // A company's page: an id no company has, so allowed roles get the page's real 404 (after the guard).
  "(app)/companies/[id]/page.tsx": { url: "/companies/00000000-0000-0000-0000-000000000000", kind: "page", access: "crm:read", status: 404 },
  "api/crm/export/contacts/route.ts": { url: "/api/crm/export/contacts?stage=customer", kind: "api", access: "crm:read" },
  "api/crm/export/companies/route.ts": { url: "/api/crm/export/companies?tickets=open", kind: "api", access: "crm:read" },
  "(app)/tickets/page.tsx": { url: "/tickets", kind: "page", access: "crm:read" },
  // A ticket's page: an id no ticket has, so allowed roles get the page's real 404 (after the guard).
  "(app)/tickets/[id]/page.tsx": { url: "/tickets/00000000-0000-0000-0000-000000000000", kind: "page", access: "crm:read", status: 404 },
  "(app)/tasks/page.tsx": { url: "/tasks", kind: "page", access: "crm:write" },
  "(app)/leads/page.tsx": { url: "/leads", kind: "page", access: "crm:write" },
  // A contact's page: an id no contact has, so allowed roles get the page's real 404 (after the guard).
  "(app)/contacts/[id]/page.tsx": { url: "/contacts/00000000-0000-0000-0000-000000000000", kind: "page", access: "crm:read", status: 404 },
  "(app)/customers/page.tsx": { url: "/customers", kind: "page", access: "customers:read" },
  // A customer's page: an id no profile has, so allowed roles get the page's real 404 (after the guard).
  "(app)/customers/[id]/page.tsx": { url: "/customers/00000000-0000-0000-0000-000000000000", kind: "page", access: "customers:read", status: 404 },
  // The Profile API (token with profiles:read; a session never stands in for it).
  "api/v1/profiles/[ref]/traits/route.ts": { url: "/api/v1/profiles/email:nobody@example.com/traits", kind: "api", access: "token" },
  "api/v1/profiles/[ref]/events/route.ts": { url: "/api/v1/profiles/user_id:42/events?limit=5", kind: "api", access: "token" },
  "api/v1/profiles/[ref]/external_ids/route.ts": { url: "/api/v1/profiles/anonymous_id:x/external_ids", kind: "api", access: "token" },
  "api/v1/profiles/[ref]/merges/route.ts": { url: "/api/v1/profiles/profile_id:x/merges", kind: "api", access: "token" },
  "api/v1/profiles/[ref]/timeline/route.ts": { url: "/api/v1/profiles/email:nobody@example.com/timeline", kind: "api", access: "token" },
  "(app)/journeys/page.tsx": { url: "/journeys", kind: "page", access: "analytics:read" },
  "(app)/funnels/page.tsx": { url: "/funnels", kind: "page", access: "analytics:read" },
  // The funnels API, probed with an empty body: allowed callers get past the guard to the 400 that names what is missing.
  "api/v1/analytics/funnels/route.ts": { url: "/api/v1/analytics/funnels", kind: "api", access: "analytics:read+token", method: "POST", body: {}, status: 400 },
  "api/v1/analytics/funnels/people/route.ts": { url: "/api/v1/analytics/funnels/people", kind: "api", access: "analytics:read+token", method: "POST", body: {}, status: 400 },
  "(app)/paths/page.tsx": { url: "/paths", kind: "page", access: "analytics:read" },
  "(app)/attribution/page.tsx": { url: "/attribution", kind: "page", access: "analytics:read" },
  "(app)/audiences/page.tsx": { url: "/audiences", kind: "page", access: "analytics:read" },
  "(app)/audiences/new/page.tsx": { url: "/audiences/new", kind: "page", access: "analytics:read" },
  // A saved audience's page: an id no audience has, so allowed roles get the page's real 404 (after the guard).
  "(app)/audiences/[id]/page.tsx": { url: "/audiences/00000000-0000-0000-0000-000000000000", kind: "page", access: "analytics:read", status: 404 },
  // The analytics APIs (POST): probed with an empty body, so an allowed caller gets the 400 that
  // follows the guard without running an analysis (the embedded database runs one at a time).
  "api/v1/analytics/paths/route.ts": { url: "/api/v1/analytics/paths", kind: "api", access: "analytics:read+token", method: "POST", body: {}, status: 400 },
  "api/v1/analytics/attribution/route.ts": { url: "/api/v1/analytics/attribution", kind: "api", access: "analytics:read+token", method: "POST", body: {}, status: 400 },
  "api/v1/analytics/audiences/count/route.ts": { url: "/api/v1/analytics/audiences/count", kind: "api", access: "analytics:read+token", method: "POST", body: {}, status: 400 },
  "api/v1/analytics/audiences/members/route.ts": { url: "/api/v1/analytics/audiences/members", kind: "api", access: "analytics:read+token", method: "POST", body: {}, status: 400 },
  "api/v1/analytics/audiences/route.ts": { url: "/api/v1/analytics/audiences", kind: "api", access: "analytics:read+token" },
  "api/v1/analytics/audiences/[id]/route.ts": { url: "/api/v1/analytics/audiences/none", kind: "api", access: "analytics:read+token", status: 404 },
  "api/v1/analytics/audiences/[id]/members/route.ts": { url: "/api/v1/analytics/audiences/none/members", kind: "api", access: "analytics:read+token", status: 404 },
  "(app)/leadership/page.tsx": { url: "/leadership", kind: "page", access: "leadership:read" },
  "(app)/leadership/people/page.tsx": { url: "/leadership/people?figure=paying&month=2025-01", kind: "page", access: "leadership:read" },
  "(app)/leadership/people/export/route.ts": { url: "/leadership/people/export?figure=paying&month=2025-01", kind: "api", access: "leadership:read" },
  "(app)/leadership/spend/page.tsx": { url: "/leadership/spend", kind: "page", access: "leadership:read" },
  "(app)/leadership/settings/page.tsx": { url: "/leadership/settings", kind: "page", access: "leadership:read" },
  "(app)/sources/page.tsx": { url: "/sources", kind: "page", access: "sources:manage" },
  "(app)/settings/page.tsx": { url: "/settings", kind: "page", access: "settings:manage" },
  "(app)/settings/audit/page.tsx": { url: "/settings/audit", kind: "page", access: "audit:read" },
  "(app)/settings/privacy/page.tsx": { url: "/settings/privacy", kind: "page", access: "settings:manage" },
  "(app)/settings/audit/export/route.ts": { url: "/settings/audit/export?action=user.created", kind: "api", access: "audit:read" },
  "api/auth/[...nextauth]/route.ts": { url: "/api/auth/session", kind: "api", access: "public" },
  "api/health/route.ts": { url: "/api/health", kind: "api", access: "public" },
  "api/me/route.ts": { url: "/api/me", kind: "api", access: "signed-in" },
  // The metrics API: a session with leadership:read, or a token with metrics:read.
  "api/v1/metrics/cac/route.ts": { url: "/api/v1/metrics/cac?groupBy=month", kind: "api", access: "leadership:read+token" },
  "api/v1/metrics/ltv/route.ts": { url: "/api/v1/metrics/ltv?groupBy=cohort", kind: "api", access: "leadership:read+token" },
  "api/v1/metrics/mrr/route.ts": { url: "/api/v1/metrics/mrr", kind: "api", access: "leadership:read+token" },
  // Spend by API: a token with spend:write (the session's way is the spend grid).
  "api/v1/spend/route.ts": { url: "/api/v1/spend", kind: "api", access: "token" },
  "api/v1/token/route.ts": { url: "/api/v1/token", kind: "api", access: "token" },
  "api/v1/sources/route.ts": { url: "/api/v1/sources", kind: "api", access: "token" },
  "api/v1/sources/[id]/route.ts": { url: "/api/v1/sources/crm", kind: "api", access: "token" },
  // Deletion and suppression by API: a token with privacy:write (the session's way is Settings → Privacy).
  "api/v1/privacy/deletions/route.ts": { url: "/api/v1/privacy/deletions", kind: "api", access: "token", method: "POST", body: {}, status: 400 },
  "api/v1/privacy/deletions/[id]/route.ts": { url: "/api/v1/privacy/deletions/none", kind: "api", access: "token", status: 404 },
  "api/v1/privacy/suppressions/route.ts": { url: "/api/v1/privacy/suppressions", kind: "api", access: "token", method: "POST", body: {}, status: 400 },
  "api/v1/privacy/suppressions/[id]/route.ts": { url: "/api/v1/privacy/suppressions/none", kind: "api", access: "token", status: 404 },
  // The OpenAPI document and its rendering: public by design.
  "api/v1/openapi.json/route.ts": { url: "/api/v1/openapi.json", kind: "api", access: "public" },
  "api/v1/crm/export/route.ts": { url: "/api/v1/crm/export?format=csv&entity=companies", kind: "api", access: "token" },
  "(app)/import/page.tsx": { url: "/import", kind: "page", access: "crm:write" },
  "(app)/export/page.tsx": { url: "/export", kind: "page", access: "crm:read" },
  "(app)/export/download/route.ts": { url: "/export/download?format=csv&entity=companies", kind: "api", access: "crm:read" },
  // The Export page's raw downloads (admins): a day with no events, so the probe streams nothing.
  "(app)/export/events/route.ts": { url: "/export/events?from=2001-01-01&to=2001-01-02", kind: "api", access: "data:export" },
  "(app)/export/profiles/route.ts": { url: "/export/profiles?from=2001-01-01&to=2001-01-02&format=csv", kind: "api", access: "data:export" },
  // The raw export API (a token with events:export; a session never stands in for it).
  "api/v1/events/export/route.ts": { url: "/api/v1/events/export?from=2001-01-01&to=2001-01-02", kind: "api", access: "token" },
  "api/v1/profiles/export/route.ts": { url: "/api/v1/profiles/export?limit=1", kind: "api", access: "token" },
  // Public web forms: probed with the preflight (a POST would create a contact).
  "api/v1/forms/[formId]/route.ts": { url: "/api/v1/forms/x", kind: "api", access: "public", method: "OPTIONS" },
  // The Tracking API and SDK settings authenticate by write key, not session: public to the guard.
  "v1/[call]/route.ts": { url: "/v1/track", kind: "api", access: "public", method: "OPTIONS" },
  "v1/projects/[writeKey]/settings/route.ts": { url: "/v1/projects/x/settings", kind: "api", access: "public", status: 404 },
  "sourceConfig/route.ts": { url: "/sourceConfig?writeKey=x", kind: "api", access: "public", status: 404 },
  // A source's pages need an existing source: the built-in CRM source, id "crm" (its migration).
  "(app)/sources/[id]/page.tsx": { url: "/sources/crm", kind: "page", access: "sources:manage" },
  "(app)/sources/[id]/debugger/page.tsx": { url: "/sources/crm/debugger", kind: "page", access: "sources:manage" },
  "api/sources/[id]/messages/route.ts": { url: "/api/sources/crm/messages", kind: "api", access: "sources:manage" },
};

/** Which roles hold each access level — the matrix, written out by hand. */
export const ALLOWED: Record<Exclude<Access, "public" | "signed-in" | "token" | `${string}+token`>, string[]> = {
  "crm:read": ["admin", "sales", "success", "marketing", "leadership"],
  "crm:write": ["admin", "sales", "success"],
  "customers:read": ["admin", "sales", "success", "marketing", "leadership"],
  "analytics:read": ["admin", "marketing", "leadership"],
  "leadership:read": ["admin", "marketing", "leadership"],
  "sources:manage": ["admin"],
  "settings:manage": ["admin"],
  "data:export": ["admin"],
  "audit:read": ["admin"],
};

/** The session permission a route's access asks for, or null for public, token-only and any-signed-in routes. */
export function sessionPermission(access: Access): keyof typeof ALLOWED | null {
  if (access === "public" || access === "token" || access === "signed-in") return null;
  return access.endsWith("+token") ? (access.slice(0, -"+token".length) as keyof typeof ALLOWED) : (access as keyof typeof ALLOWED);
}

/** Whether a role (null: signed out) may open a route, by the matrix above. */
export function allowed(rule: RouteRule, role: string | null): boolean {
  if (rule.access === "public") return true;
  if (!role || rule.access === "token") return false;
  const permission = sessionPermission(rule.access);
  return permission === null || ALLOWED[permission].includes(role);
}
