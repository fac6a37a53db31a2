// The base URL SDK snippets point at (pure): the configured public URL (TANDEM_PUBLIC_URL, or the
// NEXTAUTH_URL the start script sets), else what the request says it was addressed to.

export interface RequestHostHeaders {
  forwardedHost?: string | null;
  forwardedProto?: string | null;
  host?: string | null;
}

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

const first = (v: string | null | undefined) => v?.split(",")[0]?.trim() || undefined;

export function resolveBaseUrl(configured: string | null | undefined, headers: RequestHostHeaders, fallback = "http://localhost:3000"): string {
  if (configured) return configured.replace(/\/+$/, "");
  const host = first(headers.forwardedHost) ?? first(headers.host);
  // Header values end up in copy-paste snippets: only a plain host[:port] is trusted.
  if (!host || !HOST.test(host)) return fallback;
  const proto = first(headers.forwardedProto)?.toLowerCase();
  // Without a proxy's X-Forwarded-Proto the request reached Node directly, which serves plain http.
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
