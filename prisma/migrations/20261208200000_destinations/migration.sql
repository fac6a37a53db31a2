-- Destinations (issue 12, item 2): webhooks fed from a durable outbox (deliveries), with every attempt.
CREATE TABLE "destinations" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'webhook',
    "url" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "header_names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "headers_ciphertext" TEXT,
    "filter_sources" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "filter_types" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "filter_names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "secret_ciphertext" TEXT NOT NULL,
    "previous_secret_ciphertext" TEXT,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "batch_size" INTEGER NOT NULL DEFAULT 100,
    "max_concurrency" INTEGER NOT NULL DEFAULT 2,
    "cursor_txid" BIGINT NOT NULL,
    "cursor_seq" BIGINT NOT NULL DEFAULT 0,
    "backfill_from" TIMESTAMPTZ(3),
    "backfill_until_txid" BIGINT,
    "backfill_after_seq" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "destinations_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "deliveries" (
    "id" BIGSERIAL NOT NULL,
    "destination_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "event_seqs" BIGINT[],
    "event_count" INTEGER NOT NULL,
    "backfill" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "lease_id" TEXT,
    "retry_from" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "last_latency_ms" INTEGER,
    "response_excerpt" TEXT,

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "delivery_attempts" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" BIGINT NOT NULL,
    "destination_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "status_code" INTEGER,
    "latency_ms" INTEGER NOT NULL,
    "error" TEXT,
    "response_excerpt" TEXT,

    CONSTRAINT "delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- The senders' claim (due deliveries of one destination), the delivery log (newest first), and the
-- deletion of a person's events from the outbox (which deliveries hold these seqs).
CREATE INDEX "deliveries_destination_id_status_next_attempt_at_idx" ON "deliveries"("destination_id", "status", "next_attempt_at");
CREATE INDEX "deliveries_destination_id_id_idx" ON "deliveries"("destination_id", "id" DESC);
CREATE INDEX "deliveries_event_seqs_idx" ON "deliveries" USING GIN ("event_seqs");
CREATE INDEX "delivery_attempts_destination_id_at_idx" ON "delivery_attempts"("destination_id", "at");
CREATE INDEX "delivery_attempts_delivery_id_idx" ON "delivery_attempts"("delivery_id");

ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
