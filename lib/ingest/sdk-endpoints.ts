// The two configuration endpoints browser SDKs fetch at start, as one piece shared by the web app's
// routes (app/v1/projects/[writeKey]/settings, app/sourceConfig) and the lean collector, which serves
// them itself (lib/ingest/collector.ts) — so a collector running alone answers SDKs completely.
import { ApiError } from "../api/errors";
import { enabledSourceFor } from "./ingest";
import { publicBaseUrl, type HeaderSource } from "./public-host";
import { writeKeyFrom } from "./request";
import { rudderSourceConfig, segmentCdnSettings } from "./sdk-settings";

/** analytics-next's CDN settings for a write key, pointing its Segment.io integration at this host. */
export async function segmentSettingsFor(writeKey: string, headers: HeaderSource, now = new Date()): Promise<{ body: unknown; headers: Record<string, string> }> {
  if (!(await enabledSourceFor(writeKey, now))) {
    throw new ApiError(404, "invalid_write_key", "Unknown or disabled write key; copy it again from Sources in Tandem.");
  }
  return { body: segmentCdnSettings(writeKey, publicBaseUrl(headers)), headers: { "Cache-Control": "public, max-age=60" } };
}

/** RudderStack's source config; the write key from the query or as the HTTP Basic user. */
export async function rudderConfigFor(authorization: string | null, queryWriteKey: string | undefined, now = new Date()): Promise<unknown> {
  const writeKey = writeKeyFrom(authorization, { writeKey: queryWriteKey });
  const source = writeKey ? await enabledSourceFor(writeKey, now) : null;
  if (!writeKey || !source) throw new ApiError(404, "invalid_write_key", "Unknown, disabled or missing write key (pass ?writeKey= or HTTP Basic).");
  return rudderSourceConfig(writeKey, source, now);
}
