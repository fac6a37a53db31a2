// What browser SDKs fetch at start, so they need only a host change to send to Tandem:
// - analytics-next (Segment's browser library) loads `${cdnURL}/v1/projects/${writeKey}/settings`
//   and sends to the "Segment.io" integration's apiHost/protocol;
// - RudderStack's JS SDK (v3) loads `${configUrl}/sourceConfig?writeKey=…`.
// Pure builders; the routes look the key up and pick the public host.

export interface SdkSource {
  id: string;
  name: string;
}

/** `https://tandem.example.com` → { host: "tandem.example.com", protocol: "https" }. */
export function splitBaseUrl(baseUrl: string): { host: string; protocol: "http" | "https" } {
  const u = new URL(baseUrl);
  return { host: u.host + u.pathname.replace(/\/$/, ""), protocol: u.protocol === "http:" ? "http" : "https" };
}

export function segmentCdnSettings(writeKey: string, baseUrl: string) {
  const { host, protocol } = splitBaseUrl(baseUrl);
  const everything = { __default: { enabled: true, integrations: {} } };
  return {
    integrations: {
      "Segment.io": {
        apiKey: writeKey,
        apiHost: `${host}/v1`,
        protocol,
        unbundledIntegrations: [],
        addBundledMetadata: true,
        maybeBundledConfigIds: {},
        versionSettings: { version: "4.4.7", componentTypes: ["browser"] },
      },
    },
    plan: { track: everything, identify: everything, group: everything },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    // Segment's client metrics would go to Segment's own host: switched off.
    metrics: { sampleRate: 0, host: `${host}/v1` },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}

export function rudderSourceConfig(writeKey: string, source: SdkSource, updatedAt: Date) {
  return {
    isHosted: false,
    source: {
      id: source.id,
      name: source.name,
      writeKey,
      enabled: true,
      workspaceId: "tandem",
      updatedAt: updatedAt.toISOString(),
      config: { statsCollection: { errors: { enabled: false }, metrics: { enabled: false } } },
      destinations: [],
    },
    updatedAt: updatedAt.toISOString(),
  };
}
