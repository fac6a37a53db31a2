// PostgreSQL refuses NUL characters and unpaired UTF-16 surrogates in text and jsonb. A message
// carrying them must not fail its whole request: they are replaced before storing.
const BAD = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const BAD_GLOBAL = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanString(s: string): string {
  return BAD.test(s) ? s.replace(BAD_GLOBAL, "\ufffd") : s;
}

/** A copy with every string (keys too) cleaned; the same value when nothing needed cleaning. */
export function cleanJson<T>(value: T): T {
  if (typeof value === "string") return cleanString(value) as T;
  if (Array.isArray(value)) return value.map(cleanJson) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[cleanString(k)] = cleanJson(v);
    return out as T;
  }
  return value;
}

const SURROGATE = /[\ud800-\udfff]/;

/** Cheap pre-check on the raw body text: only escapes can smuggle these through JSON.parse. */
export function mayNeedCleaning(text: string): boolean {
  // The usual body has no \u escape, no NUL and no surrogate at all: three native scans say so
  // faster than the regexes below, which decide every other body.
  if (!text.includes("\\u") && !text.includes("\\U") && !text.includes("\u0000") && !SURROGATE.test(text)) return false;
  return /\\u0000|\\ud[89a-f]/i.test(text) || BAD.test(text);
}
