// The base URL SDKs should send to: the configured public URL, else the request's own origin.
import { env } from "../env";

export function publicBaseUrl(req: Request): string {
  const e = env();
  const configured = e.TANDEM_PUBLIC_URL ?? e.NEXTAUTH_URL;
  if (configured) return configured.replace(/\/$/, "");
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? url.host;
  const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
