// The base URL SDKs should send to: the configured public URL, else the request's own host
// (validated by resolveBaseUrl, shared with the Sources snippets).
import { env, publicUrl } from "../env";
import { resolveBaseUrl } from "../sources/host";

export function publicBaseUrl(req: Request): string {
  const e = env();
  return resolveBaseUrl(
    e.TANDEM_PUBLIC_URL || e.NEXTAUTH_URL ? publicUrl() : null,
    { forwardedHost: req.headers.get("x-forwarded-host"), forwardedProto: req.headers.get("x-forwarded-proto"), host: req.headers.get("host") },
    publicUrl(),
  );
}
