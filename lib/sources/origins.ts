// Allowed origins of a web source (pure). Write keys are public in browsers, so a web source may
// name the sites allowed to send with its key: an exact origin (scheme + host [+ port]) or a
// wildcard "*.example.com" for any subdomain over either scheme — the two forms the Tracking API's
// origin check (lib/ingest/ingest.ts) understands. Values are normalised to what that check compares.

export type OriginCheck = { ok: true; origin: string } | { ok: false; message: string };

export const MAX_ALLOWED_ORIGINS = 100;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function isHostname(host: string): boolean {
  if (host === "localhost" || IPV4.test(host) || host.startsWith("[")) return true;
  return host.length <= 253 && host.split(".").every((l) => LABEL.test(l));
}

/** Checks one origin as typed; on success returns its normalised form. */
export function checkOrigin(raw: string): OriginCheck {
  const value = raw.trim();
  if (!value) return { ok: false, message: "An origin cannot be empty." };
  if (value.startsWith("*.")) {
    const domain = value.slice(2).toLowerCase().replace(/\.$/, "");
    const labels = domain.split(".");
    if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) {
      return { ok: false, message: `"${value}" is not a valid wildcard; write it as *.example.com (a domain of at least two parts).` };
    }
    return { ok: true, origin: `*.${domain}` };
  }
  if (value.includes("*")) {
    return { ok: false, message: `"${value}": a wildcard must start the entry, as in *.example.com (it matches any subdomain over http and https).` };
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return { ok: false, message: `"${value}" needs a scheme; write https://${value}.` };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: `"${value}" is not a valid URL; write it as https://www.example.com.` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, message: `"${value}" must use http:// or https://.` };
  }
  if (url.username || url.password) return { ok: false, message: `"${value}" must not contain a user name or password.` };
  if (url.pathname !== "/" || url.search || url.hash) {
    return { ok: false, message: `"${value}" has a path; an origin is only the scheme and host, e.g. ${url.origin}.` };
  }
  if (!isHostname(url.hostname)) return { ok: false, message: `"${value}" does not have a valid host name.` };
  return { ok: true, origin: url.origin };
}

/** Checks a list of origins: the normalised, de-duplicated list, or every problem found. */
export function checkOrigins(values: readonly string[]): { origins: string[]; errors: string[] } {
  const origins: string[] = [];
  const errors: string[] = [];
  for (const v of values) {
    if (!v.trim()) continue;
    const c = checkOrigin(v);
    if (!c.ok) errors.push(c.message);
    else if (!origins.includes(c.origin)) origins.push(c.origin);
  }
  if (origins.length > MAX_ALLOWED_ORIGINS) errors.push(`At most ${MAX_ALLOWED_ORIGINS} origins are allowed per source.`);
  return { origins, errors };
}

/** Splits a textarea's text (one origin per line; commas also separate) into entries. */
export function splitOriginLines(text: string): string[] {
  return text
    .split(/[\r\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
