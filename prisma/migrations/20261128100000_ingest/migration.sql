-- Tracking API: attribution fields derived at ingest, rejected messages for the debugger,
-- and an index for per-source volume.

-- AlterTable
ALTER TABLE "events" ADD COLUMN     "click_ids" JSONB,
ADD COLUMN     "page_path" TEXT,
ADD COLUMN     "page_url" TEXT,
ADD COLUMN     "referrer" TEXT,
ADD COLUMN     "referring_domain" TEXT,
ADD COLUMN     "utm_campaign" TEXT,
ADD COLUMN     "utm_content" TEXT,
ADD COLUMN     "utm_medium" TEXT,
ADD COLUMN     "utm_source" TEXT,
ADD COLUMN     "utm_term" TEXT;

-- CreateTable
CREATE TABLE "rejected_messages" (
    "seq" BIGSERIAL NOT NULL,
    "source_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "message_index" INTEGER,
    "type" TEXT,
    "message_id" TEXT,
    "code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "payload" JSONB,

    CONSTRAINT "rejected_messages_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "rejected_messages_source_id_received_at_idx" ON "rejected_messages"("source_id", "received_at" DESC);

-- CreateIndex
CREATE INDEX "events_source_received_idx" ON "events"("source_id", "received_at" DESC);
