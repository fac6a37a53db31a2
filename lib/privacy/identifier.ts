// The identifier a deletion or suppression names (`type:value`), parsed and normalised the way
// identity resolution stores it, and its SHA-256: what the suppression list and the requests journal
// keep instead of the value. Pure.
import { createHash } from "node:crypto";
import { normalizeIdentifierValue, type Identifier } from "../identity/identifiers";
import { CORE_TYPES, isCustomType } from "../identity/rules";

export type ParsedIdentifier = { ok: true; identifier: Identifier } | { ok: false; message: string };

const EXAMPLES = "email:ann@example.com, user_id:u-123, anonymous_id:…, phone:+44…, or a custom external id type";

/** `type:value` → the normalised identifier, or a message saying how to fix it. */
export function parsePrivacyIdentifier(input: string): ParsedIdentifier {
  const text = input.trim();
  const colon = text.indexOf(":");
  if (colon <= 0) return { ok: false, message: `Write the identifier as type:value (${EXAMPLES}).` };
  const type = text.slice(0, colon).trim().toLowerCase();
  const raw = text.slice(colon + 1);
  if (!(CORE_TYPES as readonly string[]).includes(type) && !isCustomType(type))
    return { ok: false, message: `"${type}" is not an identifier type; use one of ${CORE_TYPES.join(", ")} or a custom external id type (lower case letters, digits, _ . -).` };
  if (!raw.trim()) return { ok: false, message: `The ${type} after "${type}:" is empty.` };
  const value = normalizeIdentifierValue(type, raw);
  if (value === null)
    return {
      ok: false,
      message:
        type === "email"
          ? "That is not an email address (name@domain.tld)."
          : type === "phone"
            ? "A phone number needs at least 7 digits."
            : "The value is too long to be an identifier (at most 1,000 characters).",
    };
  return { ok: true, identifier: { type, value } };
}

/** The text that is hashed: the normalised `type:value`. */
export const identifierText = (i: Identifier): string => `${i.type}:${i.value}`;

/** SHA-256 (hex) of the normalised `type:value`; the SQL side computes the same
 * (encode(sha256(convert_to(type || ':' || value, 'UTF8')), 'hex')). */
export function identifierHash(i: Identifier): string {
  return createHash("sha256").update(identifierText(i), "utf8").digest("hex");
}
