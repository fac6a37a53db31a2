// /docs/api — the API reference, rendered from the OpenAPI document (public; no sign-in, no CDN).
import type { Metadata } from "next";
import { ApiReference } from "@/components/api-docs/api-reference";
import { openApiDocument } from "@/lib/api/openapi/registry";
import { publicUrl } from "@/lib/env";

// The examples show this server's configured public URL, read when the page is served.
export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "API reference",
  description: "Tandem's public APIs: the Segment-compatible Tracking API, SDK settings, web forms, the Profile API, the CRM export, and the metrics and spend APIs.",
};

export default function ApiDocsPage() {
  const baseUrl = publicUrl();
  return <ApiReference doc={openApiDocument(baseUrl)} baseUrl={baseUrl} />;
}
