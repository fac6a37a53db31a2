// Reading the OpenAPI document for people (/docs/api): a schema's type in a few words, an object's
// fields as table rows, descriptions with their `code` spans, and each example request as curl.
// Pure.
import type { JsonSchema, OpenApiOperation, RequestExample } from "./build";

/** `Use \`x\` here` → text and code parts, so code is shown as code and nothing as HTML. */
export function textParts(text: string): { code: boolean; text: string }[] {
  return text
    .split("`")
    .map((t, i) => ({ code: i % 2 === 1, text: t }))
    .filter((p) => p.text !== "");
}

const range = (min: unknown, max: unknown) =>
  typeof min === "number" && typeof max === "number" ? `${min}–${max}` : typeof min === "number" ? `≥ ${min}` : typeof max === "number" ? `≤ ${max}` : "";

/** A schema's type in a few words: `string (date-time) | null`, `array of object`, `"json" | "csv"`. */
export function typeOf(schema: JsonSchema | undefined): string {
  if (!schema || Object.keys(schema).filter((k) => k !== "description" && k !== "default").length === 0) return "any";
  if (typeof schema.$ref === "string") return schema.$ref.split("/").pop()!;
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return [...new Set(union.map(typeOf))].join(" | ");
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === "string" ? [schema.type] : [];
  return types
    .map((t) => {
      if (t === "array") return `array of ${typeOf(schema.items as JsonSchema | undefined)}`;
      if (t === "string") {
        const detail = [schema.format, range(schema.minLength, schema.maxLength) && `${range(schema.minLength, schema.maxLength)} chars`].filter(Boolean).join(", ");
        return detail ? `string (${detail})` : "string";
      }
      if (t === "integer" || t === "number") {
        const r = range(schema.minimum, schema.maximum);
        return r ? `${t} (${r})` : t;
      }
      return t;
    })
    .join(" | ");
}

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

/** The fields of an object schema (the first level), with defaults in the description. */
export function fieldRows(schema: JsonSchema): FieldRow[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, p]) => ({
    name,
    type: typeOf(p),
    required: required.has(name),
    description: [typeof p.description === "string" ? p.description : "", "default" in p ? `Default: ${JSON.stringify(p.default)}.` : ""].filter(Boolean).join(" "),
  }));
}

/** An example request as the document gives it: the path and query filled from the parameters' examples, the body from the request body's. */
export function exampleRequestOf(path: string, op: OpenApiOperation, example: RequestExample): { url: string; body?: unknown } {
  const values = (location: "path" | "query"): [string, string][] =>
    (op.parameters ?? []).filter((p) => p.in === location && p.examples?.[example.name]).map((p) => [p.name, p.examples![example.name]!.value]);
  let url = path;
  for (const [name, v] of values("path")) url = url.replace(`{${name}}`, encodeURIComponent(v));
  const query = new URLSearchParams(values("query")).toString();
  if (query) url += `?${query}`;
  return example.contentType ? { url, body: op.requestBody!.content[example.contentType]!.examples![example.name]!.value } : { url };
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The example request as a curl command, credentials as shell variables. */
export function curlOf(baseUrl: string, path: string, method: string, op: OpenApiOperation, example: RequestExample): string {
  const { url, body } = exampleRequestOf(path, op, example);
  const lines = [`curl${method === "get" ? "" : ` -X ${method.toUpperCase()}`} ${shellQuote(`${baseUrl}${url}`)}`];

  const scheme = Object.keys(op.security[0] ?? {})[0];
  if (scheme === "session" && example.credentials !== "none") {
    // The browser's session cookie (copied from a signed-in dashboard).
    lines.push(`-b "next-auth.session-token=$SESSION_COOKIE"`);
  } else if (scheme && example.credentials !== "none") {
    const secret =
      example.credentials === "unknown"
        ? scheme === "writeKey"
          ? "tdm_wk_unknown"
          : "tdm_pat_unknown"
        : example.credentials === "insufficient_scope"
          ? "$TOKEN_WITHOUT_SCOPE"
          : scheme === "writeKey"
            ? "$WRITE_KEY"
            : "$TANDEM_TOKEN";
    lines.push(scheme === "writeKey" ? `-u "${secret}:"` : `-H "Authorization: Bearer ${secret}"`);
  }
  if (example.contentType) {
    if (example.contentType === "application/x-www-form-urlencoded") {
      for (const [k, v] of Object.entries(body as Record<string, string>)) lines.push(`--data-urlencode ${shellQuote(`${k}=${v}`)}`);
    } else if (example.contentType === "multipart/form-data") {
      for (const [k, v] of Object.entries(body as Record<string, string>)) lines.push(`-F ${shellQuote(`${k}=${v}`)}`);
    } else {
      lines.push(`-H ${shellQuote(`Content-Type: ${example.contentType}`)}`, `-d ${shellQuote(JSON.stringify(body))}`);
    }
  }
  return lines.join(" \\\n  ");
}
