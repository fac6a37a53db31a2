// What each system knows about a person: the CRM contact's fields beside the CDP profile's traits and
// identifiers — known only to one side, to both, or in disagreement — each value with its source and
// time. Values are compared after the same normalisers ingest uses (email lower-cased, phone to "+"
// and digits) and with names, titles and companies trimmed and case-folded, so formatting alone is
// never a disagreement. Pure.
import { normalizeIdentifierValue } from "../identity/identifiers";

export const KNOWN_FIELDS = ["email", "phone", "firstName", "lastName", "title", "company"] as const;
export type KnownField = (typeof KNOWN_FIELDS)[number];

export const KNOWN_FIELD_LABELS: Record<KnownField, string> = {
  email: "Email",
  phone: "Phone",
  firstName: "First name",
  lastName: "Last name",
  title: "Job title",
  company: "Company",
};

/** The CDP trait keys read for each field, first found wins (Segment's reserved names first). */
export const TRAIT_KEYS: Record<KnownField, string[]> = {
  email: ["email"],
  phone: ["phone"],
  firstName: ["firstName", "first_name"],
  lastName: ["lastName", "last_name"],
  title: ["title", "jobTitle", "job_title"],
  company: ["company"],
};

export interface KnownValue {
  value: string;
  /** Where it came from: "CRM" or the CDP source's name. */
  source: string;
  /** When it was set (ISO), when known. */
  at: string | null;
}

export type KnowledgeStatus = "both" | "crm_only" | "cdp_only" | "disagree";

export interface KnowledgeRow {
  field: KnownField | "identifier";
  label: string;
  crm: KnownValue | null;
  cdp: KnownValue | null;
  status: KnowledgeStatus;
}

const squash = (s: string) => s.normalize("NFKC").trim().replace(/\s+/g, " ").toLocaleLowerCase("en-US");

/** The comparable form of a value of `field`. */
export function comparable(field: KnownField, value: string): string {
  if (field === "email" || field === "phone") return normalizeIdentifierValue(field, value) ?? squash(value);
  return squash(value);
}

/** A trait value as text: strings and numbers; Segment's `company` object by its name. */
function traitText(field: KnownField, v: unknown): string | null {
  if (field === "company" && v && typeof v === "object" && !Array.isArray(v)) v = (v as Record<string, unknown>).name;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

export interface CdpTrait {
  value: unknown;
  source: string;
  at: string | null;
}

/**
 * The CDP's value of a field from traits (`traits[key]` with its meta). A profile with only a `name`
 * trait gives first and last name by splitting it at its last space.
 */
export function cdpValue(field: KnownField, traits: Record<string, CdpTrait>): KnownValue | null {
  for (const key of TRAIT_KEYS[field]) {
    const t = traits[key];
    const text = t ? traitText(field, t.value) : null;
    if (t && text) return { value: text, source: t.source, at: t.at };
  }
  if (field === "firstName" || field === "lastName") {
    const t = traits.name;
    const full = t ? traitText(field, t.value) : null;
    if (t && full) {
      const cut = full.lastIndexOf(" ");
      const part = cut === -1 ? (field === "firstName" ? full : null) : field === "firstName" ? full.slice(0, cut) : full.slice(cut + 1);
      if (part) return { value: part, source: t.source, at: t.at };
    }
  }
  return null;
}

function statusOf(field: KnownField, crm: KnownValue | null, cdp: KnownValue | null): KnowledgeStatus | null {
  if (!crm && !cdp) return null;
  if (!cdp) return "crm_only";
  if (!crm) return "cdp_only";
  return comparable(field, crm.value) === comparable(field, cdp.value) ? "both" : "disagree";
}

export interface KnowledgeInput {
  /** The contact's fields (null when there is no contact). */
  crm: Partial<Record<KnownField, KnownValue | null>> | null;
  /** The profile's traits with source and time (null when there is no profile). */
  traits: Record<string, CdpTrait> | null;
  /** The profile's identifiers (type, value, first seen). */
  identities: { type: string; value: string; at: string | null }[];
}

/** Field by field, then every email and phone identifier the contact lacks or the profile lacks. */
export function compareKnowledge(input: KnowledgeInput): KnowledgeRow[] {
  const rows: KnowledgeRow[] = [];
  for (const field of KNOWN_FIELDS) {
    const crm = input.crm?.[field] ?? null;
    let cdp = input.traits ? cdpValue(field, input.traits) : null;
    if (!cdp && (field === "email" || field === "phone")) {
      // Known as an identifier though no trait says it (e.g. sent only in context.traits).
      const ids = input.identities.filter((i) => i.type === field);
      const same = crm ? ids.find((i) => comparable(field, i.value) === comparable(field, crm.value)) : undefined;
      const id = same ?? ids[0];
      if (id) cdp = { value: id.value, source: "Identity graph", at: id.at };
    }
    const status = statusOf(field, crm, cdp);
    if (status) rows.push({ field, label: KNOWN_FIELD_LABELS[field], crm, cdp, status });
  }
  // Identifiers the CDP has that the contact does not hold at all (extra emails and phones).
  if (input.crm) {
    const held = new Set(
      (["email", "phone"] as const).flatMap((f) => {
        const v = input.crm?.[f];
        return v ? [`${f}:${comparable(f, v.value)}`] : [];
      }),
    );
    for (const id of input.identities) {
      if (id.type !== "email" && id.type !== "phone") continue;
      const key = `${id.type}:${comparable(id.type, id.value)}`;
      if (held.has(key)) continue;
      const shown = rows.find((r) => r.field === id.type && r.cdp && comparable(id.type as KnownField, r.cdp.value) === comparable(id.type as KnownField, id.value));
      if (shown) continue;
      rows.push({ field: "identifier", label: id.type === "email" ? "Other email" : "Other phone", crm: null, cdp: { value: id.value, source: "Identity graph", at: id.at }, status: "cdp_only" });
    }
  }
  return rows;
}
