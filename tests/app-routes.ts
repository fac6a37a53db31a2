// The pages and route handlers under app/, and the URL paths they answer: route groups dropped,
// `[x]` → `{x}`, `[...x]` a catch-all. For the tests that must cover every route.
import fs from "node:fs";
import path from "node:path";

const APP = path.resolve("app");

/** Every page and route file, relative to app/ (route groups included), e.g. `api/v1/token/route.ts`. */
export function routeFiles(dir = APP, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    if (d.isDirectory()) return routeFiles(path.join(dir, d.name), rel);
    return /^(page|route)\.(tsx?|jsx?)$/.test(d.name) ? [rel] : [];
  });
}

/** Route handler files only. */
export const handlerFiles = (): string[] => routeFiles().filter((f) => /(^|\/)route\.(tsx?|jsx?)$/.test(f));

/** `(app)/export/download/route.ts` → `/export/download`; `v1/[call]/route.ts` → `/v1/{call}`. */
export function urlPatternOf(file: string): string {
  const segments = file
    .split("/")
    .slice(0, -1)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(.+)\]$/, "{$1}"));
  return `/${segments.join("/")}`;
}

const isDynamic = (s: string) => /^\{.+\}$/.test(s);
const isCatchAll = (s: string) => /^\{\.\.\..+\}$/.test(s);

/**
 * The dynamic segments of `url` (a concrete path, or a documented one whose `{x}` segments stand for
 * any value) under `pattern`, or null when the pattern does not answer it.
 */
export function matchPattern(pattern: string, url: string): Record<string, string> | null {
  const p = pattern.split("/").filter(Boolean);
  const u = url.split("/").filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (isCatchAll(seg)) return u.length > i ? { ...params, [seg.slice(4, -1)]: u.slice(i).join("/") } : null;
    if (i >= u.length) return null;
    if (isDynamic(seg)) params[seg.slice(1, -1)] = decodeURIComponent(u[i]!);
    else if (seg !== u[i]) return null;
  }
  return p.length === u.length ? params : null;
}

/** The route file that answers `url`: like Next.js, the most specific match (fewest dynamic segments). */
export function routeFor(url: string, files: string[] = handlerFiles()): { file: string; params: Record<string, string> } | null {
  const dynamicCount = (f: string) => urlPatternOf(f).split("/").filter(isDynamic).length;
  const hits = files
    .map((file) => ({ file, params: matchPattern(urlPatternOf(file), url) }))
    .filter((h): h is { file: string; params: Record<string, string> } => h.params !== null)
    .sort((a, b) => dynamicCount(a.file) - dynamicCount(b.file));
  return hits[0] ?? null;
}

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** A route module's exported HTTP handlers. */
export async function handlersOf(file: string): Promise<Record<string, unknown>> {
  const mod = (await import(/* @vite-ignore */ path.join(APP, file))) as Record<string, unknown>;
  return Object.fromEntries(HTTP_METHODS.filter((m) => typeof mod[m] === "function").map((m) => [m, mod[m]]));
}
