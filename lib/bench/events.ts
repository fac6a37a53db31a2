// Benchmark workloads: messages of about 1.5 KB shaped like those Segment's browser library
// (analytics-next) sends — a page context, campaign, user agent, library — with unique message ids.
export function analyticsNextMessage(i: number, runId: string): Record<string, unknown> {
  const anon = `anon-${runId}-${i % 5000}`;
  const now = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
  return {
    type: i % 4 === 0 ? "page" : "track",
    ...(i % 4 === 0 ? { name: "Pricing" } : { event: ["Button Clicked", "Report Exported", "Project Created"][i % 3] }),
    messageId: `ajs-next-${runId}-${i}-0b6a7f5c9e2d4c1a8f3b`,
    anonymousId: anon,
    ...(i % 3 === 0 ? { userId: `user-${runId}-${i % 1500}` } : {}),
    timestamp: now,
    sentAt: now,
    properties: {
      path: "/pricing",
      referrer: "https://www.google.com/",
      search: "?utm_source=google&utm_medium=cpc&utm_campaign=brand-emea&gclid=Cj0KCQiA",
      title: "Pricing · Loopwise — project planning for agencies",
      url: "https://www.loopwise.example/pricing?utm_source=google&utm_medium=cpc&utm_campaign=brand-emea&gclid=Cj0KCQiA",
      plan: "pro",
      seats: 12 + (i % 40),
      experiment: { id: "pricing-annual-toggle", variant: i % 2 ? "b" : "a" },
    },
    context: {
      page: {
        path: "/pricing",
        referrer: "https://www.google.com/",
        search: "?utm_source=google&utm_medium=cpc&utm_campaign=brand-emea&gclid=Cj0KCQiA",
        title: "Pricing · Loopwise — project planning for agencies",
        url: "https://www.loopwise.example/pricing?utm_source=google&utm_medium=cpc&utm_campaign=brand-emea&gclid=Cj0KCQiA",
      },
      campaign: { source: "google", medium: "cpc", name: "brand-emea", term: "agency project planning", content: "rsa-3" },
      userAgent:
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      userAgentData: { brands: [{ brand: "Chromium", version: "131" }, { brand: "Google Chrome", version: "131" }], mobile: false, platform: "macOS" },
      locale: "en-GB",
      timezone: "Europe/London",
      library: { name: "analytics.js", version: "npm:next-1.72.0" },
      screen: { width: 1512, height: 982, density: 2 },
    },
    integrations: {},
  };
}

/** Pads a message to about `targetBytes` of JSON with context fields of the kind SDKs add (none read by Tandem). */
export function padMessage(m: Record<string, unknown>, i: number, targetBytes = 1500): Record<string, unknown> {
  const context = { ...(m.context as Record<string, unknown> | undefined) };
  const out = { ...m, context };
  for (let k = 0; Buffer.byteLength(JSON.stringify(out)) < targetBytes; k++) context[`x_sdk_field_${k}`] = `value-${i}-${k}-0b6a7f5c9e2d4c1a8f3b`;
  return out;
}
