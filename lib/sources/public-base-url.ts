// The base URL for this request's SDK snippets: the configured public URL when there is one, else
// the host the request was addressed to (see resolveBaseUrl).
import "server-only";
import { headers } from "next/headers";
import { env, publicUrl } from "../env";
import { resolveBaseUrl } from "./host";

export async function snippetBaseUrl(): Promise<string> {
  const e = env();
  const h = await headers();
  return resolveBaseUrl(
    e.TANDEM_PUBLIC_URL || e.NEXTAUTH_URL ? publicUrl() : null,
    { forwardedHost: h.get("x-forwarded-host"), forwardedProto: h.get("x-forwarded-proto"), host: h.get("host") },
    publicUrl(),
  );
}
