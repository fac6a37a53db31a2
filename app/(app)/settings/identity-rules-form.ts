// The identity-rules editor's form state and its conversion to and from IdentityRules, with the
// checks the conversion itself needs (custom type names, duplicate rows, numbers) and the placing of
// the server's zod field errors next to the field they concern. Pure.
import { CORE_TYPES, CUSTOM_TYPE_PATTERN, identityRulesSchema, type CoreType, type IdentityRules, type PrioritySlot } from "@/lib/identity/rules";

/** Core types in the order the editor lists them. */
export const CORE_ORDER: readonly CoreType[] = ["user_id", "email", "phone", "anonymous_id"];

export interface CustomRow {
  /** Stable React key and error key of the row. */
  key: number;
  type: string;
  limit: string;
}

export interface RulesForm {
  coreLimits: Record<CoreType, string>;
  custom: CustomRow[];
  defaultLimit: string;
  priority: PrioritySlot[];
  /** Whether "" is a blocked value; the textarea cannot show an empty entry. */
  blockEmpty: boolean;
  /** One blocked value per line. */
  blockedValues: string;
  /** One regular expression per line. */
  blockedPatterns: string;
}

/**
 * Error keys: `limits.<core type>`, `custom.<row key>.type`, `custom.<row key>.limit`, `custom`,
 * `defaultLimit`, `priority`, `blockEmpty`, `blockedValues`, `blockedPatterns`, `form`.
 */
export type FormErrors = Record<string, string>;

export function formFromRules(rules: IdentityRules): RulesForm {
  const core = new Set<string>(CORE_TYPES);
  return {
    coreLimits: Object.fromEntries(CORE_TYPES.map((t) => [t, String(rules.limits[t] ?? rules.defaultLimit)])) as Record<CoreType, string>,
    custom: Object.entries(rules.limits)
      .filter(([t]) => !core.has(t))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, limit], key) => ({ key, type, limit: String(limit) })),
    defaultLimit: String(rules.defaultLimit),
    priority: [...rules.priority],
    blockEmpty: rules.blockedValues.some((v) => v.trim() === ""),
    blockedValues: rules.blockedValues.filter((v) => v.trim() !== "").join("\n"),
    blockedPatterns: rules.blockedPatterns.join("\n"),
  };
}

const NUMBER_HINT = "Enter a whole number, at least 1";

function toNumber(s: string): number | null {
  const t = s.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Non-blank lines, trimmed, without repeats (case-insensitively when asked), with their 1-based line numbers. */
function lines(text: string, foldCase: boolean): { values: string[]; lineOf: number[] } {
  const values: string[] = [];
  const lineOf: number[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const v = raw.trim();
    const k = foldCase ? v.toLowerCase() : v;
    if (v === "" || seen.has(k)) return;
    seen.add(k);
    values.push(v);
    lineOf.push(i + 1);
  });
  return { values, lineOf };
}

export interface Conversion {
  /** The rules to send, or null when the form has errors the server could not place. */
  rules: IdentityRules | null;
  errors: FormErrors;
  /** For placing server errors: the textarea line of each index of blockedValues / blockedPatterns (0 = the empty value). */
  valueLines: number[];
  patternLines: number[];
}

export function rulesFromForm(form: RulesForm): Conversion {
  const errors: FormErrors = {};
  const limits: Record<string, number> = {};
  for (const t of CORE_TYPES) {
    const n = toNumber(form.coreLimits[t]);
    if (n === null) errors[`limits.${t}`] = NUMBER_HINT;
    else limits[t] = n;
  }
  const core = new Set<string>(CORE_TYPES);
  for (const row of form.custom) {
    const type = row.type.trim();
    const n = toNumber(row.limit);
    if (type === "") errors[`custom.${row.key}.type`] = "Name the identifier type, or remove the row";
    else if (core.has(type)) errors[`custom.${row.key}.type`] = `${type} is a core type: set its limit above`;
    else if (type === "external_ids") errors[`custom.${row.key}.type`] = "external_ids names the priority slot of all custom types; pick the type's own name";
    else if (type === "profile_id" || type === "contact_id") errors[`custom.${row.key}.type`] = `${type} is reserved for the Profile API; pick another name`;
    else if (!CUSTOM_TYPE_PATTERN.test(type))
      errors[`custom.${row.key}.type`] = "Use lower case letters, digits, '_', '.' or '-', starting with a letter or digit (at most 64 characters)";
    else if (type in limits) errors[`custom.${row.key}.type`] = `${type} is listed twice`;
    if (n === null) errors[`custom.${row.key}.limit`] = NUMBER_HINT;
    if (!errors[`custom.${row.key}.type`] && n !== null) limits[type] = n;
  }
  const defaultLimit = toNumber(form.defaultLimit);
  if (defaultLimit === null) errors.defaultLimit = NUMBER_HINT;

  const values = lines(form.blockedValues, true);
  const patterns = lines(form.blockedPatterns, false);
  const valueLines = form.blockEmpty ? [0, ...values.lineOf] : values.lineOf;
  const rules: IdentityRules = {
    limits,
    defaultLimit: defaultLimit ?? 1,
    priority: [...form.priority],
    blockedValues: form.blockEmpty ? ["", ...values.values] : values.values,
    blockedPatterns: patterns.values,
  };
  const lineMaps = { valueLines, patternLines: patterns.lineOf };
  if (Object.keys(errors).length === 0) return { rules, errors, ...lineMaps };
  // Nothing goes to the server, so report the schema's findings on the rest now (placeholders
  // stand in for the fields already in error) rather than one round of errors at a time.
  for (const t of CORE_TYPES) limits[t] ??= 1;
  const probe = identityRulesSchema.safeParse(rules);
  if (!probe.success) {
    const byPath = Object.fromEntries(probe.error.issues.map((i) => [i.path.join(".") || "(root)", i.message]));
    for (const [key, message] of Object.entries(placeServerErrors(byPath, form, lineMaps))) errors[key] ??= message;
  }
  return { rules: null, errors, ...lineMaps };
}

const sentence = (m: string) => (m ? m[0]!.toUpperCase() + m.slice(1) : m);

/** Puts the action's field errors (keyed by zod path, e.g. `limits.email`, `blockedPatterns.2`) next to their field. */
export function placeServerErrors(fieldErrors: Record<string, string>, form: RulesForm, c: Pick<Conversion, "valueLines" | "patternLines">): FormErrors {
  const errors: FormErrors = {};
  const add = (key: string, message: string) => {
    errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
  };
  const core = new Set<string>(CORE_TYPES);
  for (const [path, raw] of Object.entries(fieldErrors)) {
    const message = sentence(raw);
    const [head, rest] = [path.split(".")[0]!, path.split(".").slice(1).join(".")];
    if (head === "limits" && rest && core.has(rest)) add(`limits.${rest}`, message);
    else if (head === "limits" && rest) {
      const row = form.custom.find((r) => r.type.trim() === rest);
      add(row ? `custom.${row.key}.limit` : "custom", message);
    } else if (head === "limits") add("custom", message);
    else if (head === "defaultLimit" || head === "priority") add(head, message);
    else if (head === "blockedValues") {
      const line = rest === "" ? undefined : c.valueLines[Number(rest)];
      if (line === 0) add("blockEmpty", message);
      else add("blockedValues", line ? `Line ${line}: ${message}.` : `${message}.`);
    } else if (head === "blockedPatterns") {
      const line = rest === "" ? undefined : c.patternLines[Number(rest)];
      add("blockedPatterns", line ? `Line ${line}: ${message}.` : `${message}.`);
    } else add("form", message);
  }
  return errors;
}

/** The list with the item at `index` moved one place up (-1) or down (+1); unchanged at either end. */
export function move<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}
