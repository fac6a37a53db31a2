// Sends a batch through the Tracking API's handler (write key as the Basic user name), as an SDK would.
import { handleTrackingRequest, type TrackingResponse } from "../lib/ingest/ingest";

export function sendBatch(writeKey: string, batch: unknown[]): Promise<TrackingResponse> {
  return handleTrackingRequest({
    segment: "batch",
    body: new TextEncoder().encode(JSON.stringify({ batch })),
    contentEncoding: null,
    authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`,
    origin: null,
  });
}
