// What browser SDKs fetch at start: analytics-next's CDN settings and RudderStack's source config,
// both pointing the SDK back at this Tandem. The write key is the credential.
import { z } from "zod";
import { defineOperation } from "../operation";
import { EXAMPLE } from "./common";

const writeKeyDescription = "The source's write key (Sources → the source).";

export const segmentSettingsOperation = defineOperation({
  method: "GET",
  path: "/v1/projects/{writeKey}/settings",
  operationId: "getSegmentSettings",
  tag: "SDK settings",
  summary: "analytics-next settings",
  description:
    "Segment's analytics-next loads `{cdnURL}/v1/projects/{writeKey}/settings` at start: with `cdnURL` set to this Tandem, its Segment.io integration sends here. Cached for a minute.",
  access: "public",
  cors: true,
  params: z.object({ writeKey: z.string().describe(writeKeyDescription) }),
  responses: {
    200: {
      description: "The settings; only the Segment.io integration, pointed at this host.",
      content: {
        "application/json": z.looseObject({
          integrations: z.looseObject({
            "Segment.io": z.looseObject({ apiKey: z.string(), apiHost: z.string().describe("This Tandem's host and `/v1`."), protocol: z.enum(["http", "https"]) }),
          }),
        }),
      },
    },
  },
  errors: { 404: ["invalid_write_key"] },
  examples: [
    { name: "settings", summary: "A source's settings", status: 200, params: { writeKey: EXAMPLE.writeKey } },
    {
      name: "unknownKey",
      summary: "An unknown or disabled write key",
      status: 404,
      params: { writeKey: "tdm_wk_unknown" },
      error: { code: "invalid_write_key", message: "Unknown or disabled write key; copy it again from Sources in Tandem." },
    },
  ],
});

export const rudderSourceConfigOperation = defineOperation({
  method: "GET",
  path: "/sourceConfig",
  operationId: "getRudderSourceConfig",
  tag: "SDK settings",
  summary: "RudderStack source config",
  description: "RudderStack's JS SDK (v3) loads `{configUrl}/sourceConfig` at start. The write key comes in the query or as the HTTP Basic user name.",
  access: "public",
  cors: true,
  writeKey: "optional",
  query: z.object({ writeKey: z.string().optional().describe(`${writeKeyDescription} Or send it as the HTTP Basic user name.`) }),
  responses: {
    200: {
      description: "The source's configuration, with no destinations.",
      content: {
        "application/json": z.looseObject({
          isHosted: z.literal(false),
          source: z.looseObject({ id: z.string(), name: z.string(), writeKey: z.string(), enabled: z.literal(true) }),
          updatedAt: z.iso.datetime(),
        }),
      },
    },
  },
  errors: { 404: ["invalid_write_key"] },
  examples: [
    { name: "byQuery", summary: "The write key in the query", status: 200, credentials: "none", query: { writeKey: EXAMPLE.writeKey } },
    { name: "byBasicAuth", summary: "The write key as the HTTP Basic user", status: 200 },
    {
      name: "unknownKey",
      summary: "An unknown write key",
      status: 404,
      credentials: "none",
      query: { writeKey: "tdm_wk_unknown" },
      error: { code: "invalid_write_key", message: "Unknown, disabled or missing write key (pass ?writeKey= or HTTP Basic)." },
    },
  ],
});
