// The Profile API's `{type}:{value}` path segment (Segment's `/profiles/user_id:42/traits`), parsed and
// normalised exactly as ingest normalises identifiers, so `email:Ann@X.io` finds `ann@x.io`. Pure.
import { MAX_IDENTIFIER_LENGTH, normalizeIdentifierValue } from "./identifiers";
import { CORE_TYPES, isCustomType } from "./rules";

export type ProfileRef = { kind: "profile_id"; id: string } | { kind: "identifier"; type: string; value: string };
/** What a Profile API path may name: a profile (by id or identifier), or a CRM contact (`contact_id:`). */
export type PersonRef = ProfileRef | { kind: "contact_id"; id: string };

export type ParsedProfileRef = { ok: true; ref: ProfileRef } | { ok: false; reason: string };
export type ParsedPersonRef = { ok: true; ref: PersonRef } | { ok: false; reason: string };

const SHAPE = "Write the profile as {type}:{value}, e.g. email:ann@example.com, user_id:42 or profile_id:<id>";
const PROFILE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Decodes percent-escapes once; a segment the router already decoded (or a stray "%") is kept as is. */
function decode(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const quote = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);

/**
 * `{type}:{value}` split at the FIRST colon (a value may hold colons). The type is case-insensitive:
 * user_id, anonymous_id, email, phone, profile_id, or a custom external id type (lower-case letters,
 * digits, '_', '.', '-'). The value is normalised like ingest does (trimmed; email lower-cased; phone
 * to "+digits"); a malformed one gives a reason that says how to fix it.
 */
export function parseProfileRef(segment: string): ParsedProfileRef {
  const text = decode(segment);
  const colon = text.indexOf(":");
  if (colon === -1) return { ok: false, reason: `${quote(text)} has no type. ${SHAPE}.` };
  const type = text.slice(0, colon).trim().toLowerCase();
  const raw = text.slice(colon + 1);
  if (!type) return { ok: false, reason: `The identifier type before ":" is missing. ${SHAPE}.` };
  if (type === "contact_id") return { ok: false, reason: "contact_id names a CRM contact, which only the timeline endpoint accepts; use a profile identifier here." };
  if (type !== "profile_id" && !(CORE_TYPES as readonly string[]).includes(type) && !isCustomType(type)) {
    return {
      ok: false,
      reason: `${quote(type)} is not an identifier type: use user_id, anonymous_id, email, phone, profile_id, or a custom external id type (lower-case letters, digits, '_', '.' or '-', at most 64).`,
    };
  }
  if (!raw.trim()) return { ok: false, reason: `Give a value after "${type}:", e.g. ${type === "email" ? "email:ann@example.com" : `${type}:42`}.` };
  if (raw.length > MAX_IDENTIFIER_LENGTH) return { ok: false, reason: `The value is longer than ${MAX_IDENTIFIER_LENGTH} characters; no identifier is that long.` };
  if (type === "profile_id") {
    const id = raw.trim();
    if (!PROFILE_ID.test(id)) return { ok: false, reason: `${quote(id)} is not a profile id: ids are letters, digits, '-' and '_' (as shown on the customer's page).` };
    return { ok: true, ref: { kind: "profile_id", id } };
  }
  const value = normalizeIdentifierValue(type, raw);
  if (value === null || value === "") {
    if (type === "email") return { ok: false, reason: `${quote(raw.trim())} is not an email address; write it like email:ann@example.com.` };
    if (type === "phone") return { ok: false, reason: `${quote(raw.trim())} is not a phone number: give at least 7 digits, e.g. phone:+14155550123.` };
    return { ok: false, reason: `Give a value after "${type}:".` };
  }
  return { ok: true, ref: { kind: "identifier", type, value } };
}

/** The ref as a path segment (the inverse of parseProfileRef for what it accepts). */
export function formatProfileRef(ref: ProfileRef): string {
  return ref.kind === "profile_id" ? `profile_id:${encodeURIComponent(ref.id)}` : `${ref.type}:${encodeURIComponent(ref.value)}`;
}

/** parseProfileRef, plus `contact_id:{id}` for a CRM contact (with or without a profile). */
export function parsePersonRef(segment: string): ParsedPersonRef {
  const text = decode(segment);
  if (/^\s*contact_id\s*:/i.test(text)) {
    const id = text.slice(text.indexOf(":") + 1).trim();
    if (!id) return { ok: false, reason: 'Give a value after "contact_id:", the id shown in the contact\'s URL.' };
    if (!PROFILE_ID.test(id)) return { ok: false, reason: `${quote(id)} is not a contact id: ids are letters, digits, '-' and '_' (as shown in the contact's URL).` };
    return { ok: true, ref: { kind: "contact_id", id } };
  }
  return parseProfileRef(segment);
}
