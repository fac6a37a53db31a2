// The audit log's vocabulary, in one place: every action code Tandem records, what it means and what
// it acts on, plus who can act. Pure — the data layer (lib/data/audit.ts) writes and reads entries.
//
// Adding an admin feature (tracking plans, destinations, deletions…): add its codes here, `area.verb`
// in snake_case and past tense (`destination.created`, `deletion.requested`), never renamed once
// shipped (filters and exports outside Tandem rely on them), then call recordAudit() with the action
// in the same transaction as the change. Details say what changed — before/after where cheap — and
// never hold a secret (assertNoSecrets refuses the usual names) or personal data beyond what admins
// already see in the product.

export const AUDIT_TARGETS = {
  user: "User",
  token: "API token",
  source: "Source",
  form: "Web form",
  setting: "Setting",
  profile: "Profile",
  spend: "Marketing spend",
  privacy_request: "Privacy request",
  destination: "Destination",
} as const;

export type AuditTargetType = keyof typeof AUDIT_TARGETS;

interface ActionInfo {
  label: string;
  description: string;
  target: AuditTargetType;
}

export const AUDIT_ACTIONS = {
  "user.created": { label: "User created", description: "A staff account was added, with its role.", target: "user" },
  "user.role_changed": { label: "Role changed", description: "A user's role changed (from → to).", target: "user" },
  "user.disabled": { label: "User disabled", description: "A user can no longer sign in.", target: "user" },
  "user.enabled": { label: "User enabled", description: "A disabled user can sign in again.", target: "user" },
  "user.password_changed": { label: "Password changed", description: "A user's password was replaced (the password is never logged).", target: "user" },
  "token.created": { label: "API token created", description: "An API token was minted, with its scopes and expiry (never the token).", target: "token" },
  "token.revoked": { label: "API token revoked", description: "An API token stopped working.", target: "token" },
  "source.created": { label: "Source created", description: "An event source and its write key were created (never the key).", target: "source" },
  "source.renamed": { label: "Source renamed", description: "A source's name changed (from → to).", target: "source" },
  "source.enabled": { label: "Source enabled", description: "A source accepts events again.", target: "source" },
  "source.disabled": { label: "Source disabled", description: "A source refuses new events.", target: "source" },
  "source.key_rotated": { label: "Write key rotated", description: "A source's write key was replaced; the old one stopped working (neither key is logged).", target: "source" },
  "source.web_settings_updated": { label: "Browser access changed", description: "A web source's allowed origins or rate limit changed (from → to).", target: "source" },
  "plan.updated": { label: "Tracking plan saved", description: "A source's tracking plan was created or changed: its version, the events added or removed, and the allow/flag/block choices (from → to).", target: "source" },
  "plan.deleted": { label: "Tracking plan deleted", description: "A source's tracking plan was removed: its messages are no longer checked (the quarantine stays).", target: "source" },
  "quarantine.released": { label: "Quarantine released", description: "Quarantined messages of a source were released into the normal path (how many, and which selection).", target: "source" },
  "quarantine.settings_updated": { label: "Quarantine bounds changed", description: "A source's quarantine retention period or cap changed (from → to).", target: "source" },
  "form.created": { label: "Web form created", description: "A public web form was added.", target: "form" },
  "identity_rules.updated": { label: "Identity rules saved", description: "The identity resolution rules changed (from → to).", target: "setting" },
  "identity_rules.reset": { label: "Identity rules reset", description: "The identity resolution rules went back to the defaults.", target: "setting" },
  "lifecycle_events.updated": { label: "Lifecycle events saved", description: "Which events mean signed up, trial started and became a customer changed.", target: "setting" },
  "lifecycle_events.reset": { label: "Lifecycle events reset", description: "The lifecycle events went back to the defaults.", target: "setting" },
  "profile.split": { label: "Profile split", description: "Identifiers of a profile moved to a new profile, kept apart from it (identifier types and counts, not values).", target: "profile" },
  "metric_settings.updated": { label: "Metric settings saved", description: "Currency, gross margin, overhead or windows of the CAC/LTV metrics changed (from → to).", target: "setting" },
  "spend.updated": { label: "Marketing spend changed", description: "Spend cells were set or cleared in one save, import or API call (counts; each cell's change is in the spend history).", target: "spend" },
  "privacy.deletion_requested": {
    label: "Person deleted",
    description: "A person's data was deleted by an identifier (its type, the contact choice, suppression and counts removed; never the identifier).",
    target: "privacy_request",
  },
  "privacy.suppression_requested": {
    label: "Person suppressed",
    description: "A person's identifiers were added to the suppression list (the identifier's type and how many; never a value).",
    target: "privacy_request",
  },
  "destination.created": { label: "Destination created", description: "A webhook destination was added, with its URL, filter and header names (never the signing secret or header values).", target: "destination" },
  "destination.updated": { label: "Destination changed", description: "A destination's name, URL, filter, headers (names only), limits or enabled state changed (from → to).", target: "destination" },
  "destination.deleted": { label: "Destination deleted", description: "A destination and its delivery log were removed.", target: "destination" },
  "destination.secret_rotated": { label: "Signing secret rotated", description: "A destination got a new signing secret; the previous one keeps signing until the time shown (neither secret is logged).", target: "destination" },
  "destination.backfill_started": { label: "Backfill started", description: "A destination is being sent the events received from a date until it was created.", target: "destination" },
  "delivery.resent": { label: "Delivery resent", description: "A failed or dead-lettered delivery was queued to be sent again.", target: "destination" },
} as const satisfies Record<string, ActionInfo>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_CODES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(v: unknown): v is AuditAction {
  return typeof v === "string" && Object.hasOwn(AUDIT_ACTIONS, v);
}

/** What a stored code reads as; a code this version does not know (a newer one) reads as itself. */
export function actionLabel(code: string): string {
  return isAuditAction(code) ? AUDIT_ACTIONS[code].label : code;
}

/**
 * Who acted: a staff user (their name as label), an API token (`API token “name”`), or a label alone
 * ("CLI", "Demo setup"); and the peer address the request came from (lib/server/peer.ts), null when
 * there was no request.
 */
export interface AuditActor {
  userId: string | null;
  tokenId?: string | null;
  label: string;
  peer: string | null;
}

export function userActor(user: { id: string; name: string }, peer: string | null): AuditActor {
  return { userId: user.id, tokenId: null, label: user.name, peer };
}

export function tokenActor(token: { id: string; name: string }, peer: string | null): AuditActor {
  return { userId: null, tokenId: token.id, label: `API token “${token.name}”`, peer };
}

/** Tandem itself acting, with no user and no request: the CLIs, the demo setup, test fixtures. */
export function systemActor(label: string): AuditActor {
  return { userId: null, tokenId: null, label, peer: null };
}

/** The shell's admin CLIs (npm run user, npm run token). */
export const CLI_ACTOR = systemActor("CLI");

/** The demo setup (npm run demo, npm run seed). */
export const DEMO_SETUP_ACTOR = systemActor("Demo setup");

export interface AuditTarget {
  type: AuditTargetType;
  id: string | null;
  label: string | null;
}

export type AuditDetails = Record<string, unknown>;

export interface AuditRecord {
  action: AuditAction;
  target?: AuditTarget;
  details?: AuditDetails;
  /** When it happened; the database's clock when absent. */
  at?: Date;
}

const SECRET_KEY = /^(password|password_?hash|secret|token|token_?hash|write_?key|write_?key_?hash|api_?key|key|signing_?secret|authorization)$/i;

/** The path of the first details key named like a secret, or null. Checked on every write. */
export function secretKeyIn(value: unknown, path = "details"): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = secretKeyIn(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k)) return `${path}.${k}`;
      const found = secretKeyIn(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

export function assertNoSecrets(details: AuditDetails): void {
  const found = secretKeyIn(details);
  if (found) throw new Error(`Audit details must not hold secrets: ${found} is named like one. Log what changed, never the value of a secret.`);
}

/** `{ from, to }` for each field whose value differs (compared as JSON), for a before/after detail. */
export function changedFields<T extends object>(before: T, after: T): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const from = b[key] ?? null;
    const to = a[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) out[key] = { from, to };
  }
  return out;
}
