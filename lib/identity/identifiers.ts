// The identifiers a message carries, normalised, and the blocked-value check. Pure.
import type { NormalizedEvent } from "../ingest/normalize";
import { CORE_TYPES, isCustomType, type IdentityRules } from "./rules";

export interface Identifier {
  type: string;
  value: string;
}

/** What resolution reads from a normalised event. */
export type IdentityMessage = Pick<NormalizedEvent, "messageId" | "type" | "userId" | "anonymousId" | "previousId" | "traits" | "context">;

export const MAX_IDENTIFIER_LENGTH = 1000;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** One string per (type, value), for maps and sets. */
export const identityKey = (i: Identifier): string => `${i.type}\u0000${i.value}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function text(v: unknown): string | null {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

/** The canonical value of an identifier, or null when it cannot be one (malformed, too long). */
export function normalizeIdentifierValue(type: string, raw: unknown): string | null {
  let v = type === "email" ? (typeof raw === "string" ? raw.trim().toLowerCase() : null) : text(raw);
  if (v === null || v.length > MAX_IDENTIFIER_LENGTH) return null;
  if (type === "email" && !EMAIL.test(v)) return null;
  if (type === "phone") {
    const digits = v.replace(/\D/g, "");
    if (digits.length < 7) return null;
    v = (v.startsWith("+") ? "+" : "") + digits;
  }
  return v;
}

/**
 * Splits a message into the identifiers matched by inference and, for alias calls, the previousId
 * that the explicit alias links.
 *
 * - email and phone come from `context.traits` on every call, and from `traits` on identify only
 *   (a group call's traits describe the account, not the person).
 * - `context.externalIds` follows Segment: `{id, type, collection?, encoding?}`. Entries of another
 *   collection than "users" (accounts) and encodings other than "none" are skipped; a type named
 *   like a core type (email, phone, user_id, anonymous_id) is normalised as that type; the reserved
 *   types `profile_id` and `contact_id` (the Profile API's own ref kinds) are ignored.
 * - groupId is not a person identifier (Segment keeps it in the accounts collection).
 * - previousId is typed `anonymous_id` when it equals the alias call's own anonymousId (what
 *   analytics.js sends when alias runs before identify), and `user_id` otherwise. The choice uses
 *   only the message, never the stored graph, so it cannot depend on arrival order.
 */
export function splitIdentifiers(m: IdentityMessage): { inferred: Identifier[]; previous: Identifier | null } {
  const out: Identifier[] = [];
  const add = (type: string, raw: unknown) => {
    const value = normalizeIdentifierValue(type, raw);
    if (value !== null) out.push({ type, value });
  };
  add("user_id", m.userId);
  add("anonymous_id", m.anonymousId);
  const contextTraits = isObject(m.context.traits) ? m.context.traits : {};
  const traitSources = m.type === "identify" ? [m.traits, contextTraits] : [contextTraits];
  for (const t of traitSources) {
    add("email", t.email);
    add("phone", t.phone);
  }
  const external = m.context.externalIds;
  if (Array.isArray(external)) {
    for (const e of external.slice(0, 100)) {
      if (!isObject(e) || typeof e.type !== "string") continue;
      if (e.collection !== undefined && e.collection !== "users") continue;
      if (e.encoding !== undefined && e.encoding !== "none") continue;
      const type = e.type.trim().toLowerCase();
      // profile_id and contact_id are the Profile API's own ref kinds, never identifiers.
      if ((CORE_TYPES as readonly string[]).includes(type) || isCustomType(type)) add(type, e.id);
    }
  }
  let previous: Identifier | null = null;
  if (m.type === "alias" && m.previousId) {
    const type = m.anonymousId && m.previousId.trim() === m.anonymousId.trim() ? "anonymous_id" : "user_id";
    const value = normalizeIdentifierValue(type, m.previousId);
    if (value !== null) previous = { type, value };
  }
  return { inferred: dedupe(out), previous };
}

/** Every identifier of a message (including an alias's previousId), deduplicated, in extraction order. */
export function extractIdentifiers(m: IdentityMessage): Identifier[] {
  const { inferred, previous } = splitIdentifiers(m);
  return dedupe(previous ? [...inferred, previous] : inferred);
}

function dedupe(list: Identifier[]): Identifier[] {
  const seen = new Set<string>();
  return list.filter((i) => {
    const k = identityKey(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const compiled = new WeakMap<IdentityRules, { values: Set<string>; patterns: RegExp[] }>();

/** A blocked value stays in the stored message but never becomes an identifier, so it never links. */
export function isBlocked(identifier: Identifier, rules: IdentityRules): boolean {
  let c = compiled.get(rules);
  if (!c) {
    c = { values: new Set(rules.blockedValues.map((v) => v.trim().toLowerCase())), patterns: rules.blockedPatterns.map((p) => new RegExp(p, "i")) };
    compiled.set(rules, c);
  }
  const v = identifier.value.trim();
  return c.values.has(v.toLowerCase()) || c.patterns.some((p) => p.test(v));
}
