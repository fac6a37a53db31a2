// The base URL SDKs should send to: the configured public URL, else the request's own host
// (validated by resolveBaseUrl, shared with the Sources snippets).
import { env, publicUrl } from "../env";
import { resolveBaseUrl } from "../sources/host";

/** Request headers as `Request.headers` (and the collector's adapter) give them. */
export interface HeaderSource {
  get(name: string): string | null;
}

export function publicBaseUrl(headers: HeaderSource): string {
  const e = env();
  return resolveBaseUrl(
    e.TANDEM_PUBLIC_URL || e.NEXTAUTH_URL ? publicUrl() : null,
    { forwardedHost: headers.get("x-forwarded-host"), forwardedProto: headers.get("x-forwarded-proto"), host: headers.get("host") },
    publicUrl(),
  );
}
