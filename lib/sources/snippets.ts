// Copy-paste setup snippets for a source (pure): the browser (analytics-next from npm, or Tandem's
// own script tag), Node (@segment/analytics-node) and plain curl, all pointed at this Tandem.
//
// Option names follow the SDKs' own sources and docs:
// - analytics-next: `AnalyticsBrowser.load(settings, options)` where settings.cdnURL replaces
//   https://cdn.segment.com (settings are fetched from `${cdnURL}/v1/projects/<writeKey>/settings`),
//   and options.integrations["Segment.io"] takes `apiHost` (host + "/v1", no scheme; calls go to
//   `${protocol}://${apiHost}/t`, `/p`, …) and `protocol` ("http" | "https"). See Segment's
//   "Self-Managed Custom Proxy" page (npm instructions) and analytics-next's
//   packages/browser/src/plugins/segmentio/index.ts (SegmentioSettings).
// - analytics-node: `new Analytics({ writeKey, host, path })` where `host` is the base URL
//   (default https://api.segment.io) and `path` defaults to "/v1/batch" (its src/app/settings.ts).

export const WRITE_KEY_PLACEHOLDER = "<WRITE_KEY>";

export interface HostParts {
  /** The base URL without a trailing slash, e.g. "https://tandem.example.com". */
  baseUrl: string;
  protocol: "http" | "https";
  /** analytics-next's `apiHost`: host[:port][/prefix]/v1, without the scheme. */
  apiHost: string;
}

export function hostParts(baseUrl: string): HostParts {
  const url = new URL(baseUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  const prefix = url.pathname.replace(/\/+$/, "");
  return { baseUrl: `${url.protocol}//${url.host}${prefix}`, protocol, apiHost: `${url.host}${prefix}/v1` };
}

/** `s` single-quoted for a POSIX shell (a quote inside becomes '\''). */
export function singleQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A word safe to paste into a POSIX shell as-is, else single-quoted. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_\-.,:/@%+=]+$/.test(s) ? s : singleQuote(s);
}

const js = (s: string) => JSON.stringify(s);
const htmlAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

export interface Snippets {
  browserNpm: string;
  browserScript: string;
  node: string;
  curl: string;
}

export const SNIPPET_TRACK_BODY = { userId: "user-123", event: "Signed Up", properties: { plan: "trial" } };

/** Every snippet for this host; `writeKey` is the full key just revealed, else the placeholder is used. */
export function buildSnippets(baseUrl: string, writeKey?: string | null): Snippets {
  const h = hostParts(baseUrl);
  const key = writeKey || WRITE_KEY_PLACEHOLDER;
  const browserNpm = [
    "// npm install @segment/analytics-next",
    'import { AnalyticsBrowser } from "@segment/analytics-next";',
    "",
    "export const analytics = AnalyticsBrowser.load(",
    `  { writeKey: ${js(key)}, cdnURL: ${js(h.baseUrl)} },`,
    `  { integrations: { "Segment.io": { apiHost: ${js(h.apiHost)}, protocol: ${js(h.protocol)} } } },`,
    ");",
    "",
    "analytics.page();",
    'analytics.track("Signed Up", { plan: "trial" });',
  ].join("\n");
  const browserScript = [
    "<!-- In <head>: t.js sends a page view on load and on every route change -->",
    `<script src="${htmlAttr(h.baseUrl)}/t.js" data-write-key="${htmlAttr(key)}" async></script>`,
    "",
    "<!-- Then, anywhere once it has loaded: -->",
    '<script>window.tandem && tandem.track("Signed Up", { plan: "trial" });</script>',
  ].join("\n");
  const node = [
    "// npm install @segment/analytics-node",
    'import { Analytics } from "@segment/analytics-node";',
    "",
    '// `path` defaults to "/v1/batch", which Tandem serves.',
    `const analytics = new Analytics({ writeKey: ${js(key)}, host: ${js(h.baseUrl)} });`,
    "",
    'analytics.identify({ userId: "user-123", traits: { email: "ada@example.com" } });',
    'analytics.track({ userId: "user-123", event: "Signed Up", properties: { plan: "trial" } });',
    "",
    "// Before the process exits:",
    "await analytics.closeAndFlush();",
  ].join("\n");
  const curl = [
    `curl -u ${singleQuote(`${key}:`)} -H 'Content-Type: application/json' \\`,
    `  -d ${singleQuote(JSON.stringify(SNIPPET_TRACK_BODY))} \\`,
    `  ${shellQuote(`${h.baseUrl}/v1/track`)}`,
  ].join("\n");
  return { browserNpm, browserScript, node, curl };
}

export type SnippetKey = keyof Snippets;

/** Which snippets a kind of source shows first. */
export function snippetOrder(kind: string): SnippetKey[] {
  switch (kind) {
    case "web":
      return ["browserNpm", "browserScript", "curl", "node"];
    case "server":
    case "crm":
    case "import":
      return ["node", "curl", "browserNpm", "browserScript"];
    default:
      return ["curl", "node", "browserNpm", "browserScript"];
  }
}

export const SNIPPET_LABELS: Record<SnippetKey, string> = {
  browserNpm: "Browser (npm)",
  browserScript: "Browser (script tag)",
  node: "Node.js",
  curl: "curl",
};
