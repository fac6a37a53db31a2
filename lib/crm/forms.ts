// Web forms into the CRM (pure): reading a submission however it was posted, the honeypot, and the
// rule that a public form never overwrites what the team recorded — it only fills blank fields.
import { z } from "zod";

/** A field real visitors leave empty (hidden with CSS); bots fill it. */
export const HONEYPOT_FIELD = "_hp";
/** The largest submission accepted. */
export const MAX_FORM_BYTES = 64 * 1024;
/** Submissions per form and IP address within the window. */
export const FORM_RATE_LIMIT = { limit: 20, windowMs: 10 * 60_000 };

/** The first-party tracker's anonymous-id cookie (lib/tracker). */
export const TRACKER_COOKIE = "tdm_aid";

export interface ContactFields {
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  jobTitle: string | null;
  company: string | null;
}

export interface Submission {
  contact: ContactFields;
  /** Everything submitted except control fields, for the timeline entry. */
  values: Record<string, string>;
  anonymousId: string | null;
  isBot: boolean;
}

const ALIASES: Record<keyof Omit<ContactFields, "email">, string[]> = {
  firstName: ["first_name", "firstname", "firstName", "given_name"],
  lastName: ["last_name", "lastname", "lastName", "family_name", "surname"],
  phone: ["phone", "phone_number", "tel", "telephone"],
  jobTitle: ["job_title", "jobTitle", "title", "role"],
  company: ["company", "company_name", "organization", "organisation"],
};
const CONTROL = new Set([HONEYPOT_FIELD, "anonymousId", "anonymous_id"]);
const clean = (v: unknown): string | null => {
  if (typeof v !== "string" && typeof v !== "number") return null;
  const s = String(v).trim().slice(0, 1000);
  return s || null;
};

const email = z.string().trim().toLowerCase().email().max(320);

const LABELS: Record<keyof typeof ALIASES, string> = { firstName: "First name", lastName: "Last name", phone: "Phone", jobTitle: "Job title", company: "Company name" };

/**
 * The fields a form may post, as the API documents them: every name parseSubmission reads (the
 * first alias of each field is its documented name), the honeypot, and any other field (kept on the
 * timeline entry). parseSubmission validates the email with this schema's own `email`.
 */
export const formFieldsSchema = z.looseObject({
  email: email.describe("Required. Also read from `Email` or `e_mail`."),
  ...Object.fromEntries(
    (Object.keys(ALIASES) as (keyof typeof ALIASES)[]).map((k) => {
      const [name, ...others] = ALIASES[k];
      return [name, z.string().optional().describe(`${LABELS[k]}. Also read from ${others.map((o) => `\`${o}\``).join(", ")}.`)];
    }),
  ),
  name: z.string().optional().describe("A full name, split into first and last name when those are not given."),
  anonymousId: z.string().optional().describe("The visitor's anonymous id (also `anonymous_id`); defaults to the `tdm_aid` cookie of Tandem's tracker."),
  [HONEYPOT_FIELD]: z
    .string()
    .optional()
    .describe("A honeypot: hide it with CSS and leave it empty. A filled one marks a bot, answered like a success and stored nowhere."),
});

export type ParseResult = { ok: true; submission: Submission } | { ok: false; errors: Record<string, string> };

/** Reads a submission (JSON object or form fields) and the tracker cookie. */
export function parseSubmission(fields: Record<string, unknown>, cookieAnonymousId: string | null): ParseResult {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    const c = clean(v);
    if (c !== null && !CONTROL.has(k)) values[k.slice(0, 100)] = c;
  }
  const isBot = clean(fields[HONEYPOT_FIELD]) !== null;
  const parsedEmail = formFieldsSchema.shape.email.safeParse(fields.email ?? fields.Email ?? fields.e_mail);
  if (!parsedEmail.success) return { ok: false, errors: { email: "Enter a valid email address." } };
  const pick = (key: keyof typeof ALIASES) => ALIASES[key].map((a) => clean(fields[a])).find((v) => v !== null) ?? null;
  let firstName = pick("firstName");
  let lastName = pick("lastName");
  const full = clean(fields.name);
  if (!firstName && !lastName && full) {
    const parts = full.split(/\s+/);
    firstName = parts[0] ?? null;
    lastName = parts.length > 1 ? parts.slice(1).join(" ") : null;
  }
  const anon = clean(fields.anonymousId) ?? clean(fields.anonymous_id) ?? cookieAnonymousId;
  return {
    ok: true,
    submission: {
      contact: { email: parsedEmail.data, firstName, lastName, phone: pick("phone"), jobTitle: pick("jobTitle"), company: pick("company") },
      values,
      anonymousId: anon && anon.length <= 200 ? anon : null,
      isBot,
    },
  };
}

/** The fields a submission may set on an existing contact: only those still blank. */
export function fillBlanks(
  existing: { firstName: string | null; lastName: string | null; phone: string | null; jobTitle: string | null },
  submitted: ContactFields,
): Partial<Record<"firstName" | "lastName" | "phone" | "jobTitle", string>> {
  const patch: Partial<Record<"firstName" | "lastName" | "phone" | "jobTitle", string>> = {};
  for (const k of ["firstName", "lastName", "phone", "jobTitle"] as const) {
    const v = submitted[k];
    if (v && !existing[k]) patch[k] = v;
  }
  return patch;
}

/** The submitted values as the timeline entry's text (one "Label: value" line each). */
export function describeSubmission(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k.replace(/[_-]+/g, " ").replace(/^\w/, (c) => c.toUpperCase())}: ${v}`)
    .join("\n");
}

/** The tracker cookie's value from a Cookie header. */
export function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim().replace(/^"|"$/g, "")) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}
