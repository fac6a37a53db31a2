// API tokens for the token-authenticated APIs (Profile, analytics, metrics, spend, exports, admin,
// privacy): scopes, and reading a token from a request. Pure; lib/data/api-tokens.ts stores them hashed.

export const TOKEN_SCOPES = [
  "profiles:read",
  "crm:read",
  "analytics:read",
  "metrics:read",
  "spend:write",
  "export:read",
  "events:export",
  "admin:write",
  "privacy:write",
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<TokenScope, string> = {
  "profiles:read": "Read customer profiles, their traits, identifiers, events and merges (Profile API).",
  "crm:read": "Read CRM activity (notes, email bodies, calls, tickets, tasks) in a person's timeline, beside profiles:read.",
  "analytics:read": "Run funnels, journeys, attribution and audiences.",
  "metrics:read": "Read CAC, LTV, MRR and cohort metrics.",
  "spend:write": "Record marketing spend by channel and month.",
  "export:read": "Export all CRM data (contacts, companies, interactions, tickets, tasks, history).",
  "events:export": "Export raw CDP data: every event as stored, and every live profile with its identities and traits (NDJSON or CSV).",
  "admin:write": "Administer Tandem over the API: create and change sources and destinations (Admin API).",
  "privacy:write": "Delete or suppress a person's data by any of their identifiers (privacy API).",
};

export function isTokenScope(v: unknown): v is TokenScope {
  return typeof v === "string" && (TOKEN_SCOPES as readonly string[]).includes(v);
}

/** `Authorization: Bearer <token>`, or HTTP Basic with the token as the user name (password ignored). */
export function tokenFromAuthorization(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return undefined;
  if (scheme.toLowerCase() === "bearer") return value;
  if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const user = decoded.includes(":") ? decoded.slice(0, decoded.indexOf(":")) : decoded;
    return user || undefined;
  }
  return undefined;
}

/** The 401 of an endpoint that takes a staff session or an API token, called with neither. */
export function noCredentialsMessage(scope: TokenScope): string {
  return `Send an API token with the ${scope} scope as \`Authorization: Bearer <token>\` (create one in Settings → API tokens), or call this from a signed-in session.`;
}

export type TokenCheck =
  | { ok: true }
  | { ok: false; status: 401 | 403; code: "invalid_token" | "token_revoked" | "token_expired" | "insufficient_scope"; message: string };

/** Whether a stored token (or none) may be used now for `scope`. */
export function checkToken(
  token: { scopes: string[]; revokedAt: Date | null; expiresAt: Date | null } | null,
  scope: TokenScope | "any",
  now: Date,
): TokenCheck {
  if (!token) {
    return { ok: false, status: 401, code: "invalid_token", message: "Missing or unknown API token: send it as `Authorization: Bearer <token>` (create one in Settings → API tokens)." };
  }
  if (token.revokedAt && token.revokedAt <= now) return { ok: false, status: 401, code: "token_revoked", message: "This API token was revoked; create a new one in Settings → API tokens." };
  if (token.expiresAt && token.expiresAt <= now) return { ok: false, status: 401, code: "token_expired", message: "This API token has expired; create a new one in Settings → API tokens." };
  if (scope !== "any" && !token.scopes.includes(scope)) {
    return { ok: false, status: 403, code: "insufficient_scope", message: `This API token lacks the ${scope} scope; create a token that has it.` };
  }
  return { ok: true };
}
