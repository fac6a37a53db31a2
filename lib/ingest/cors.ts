// The Tracking API is called from any website: CORS is open on /v1/*, and the preflight allows the
// headers Segment's browser library sends.
export function corsHeaders(origin: string | null): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin || "*",
    "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, Content-Encoding, X-Retry-Count",
    "Access-Control-Max-Age": "86400",
    // Lets cross-origin trackers honour the rate limit's back-off hint.
    "Access-Control-Expose-Headers": "Retry-After, X-RateLimit-Reset",
    Vary: "Origin",
  };
}
