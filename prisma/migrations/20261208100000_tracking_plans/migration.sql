-- Tracking plans and quarantine (issue 12, item 1): a plan per source, the violations recorded with
-- the messages that broke it, the quarantine of blocked messages (released into the normal path by an
-- admin) and its per-source bounds with what they dropped. No foreign keys from violations or
-- quarantined messages: like events, they stay partitionable.

-- CreateTable
CREATE TABLE "tracking_plans" (
    "source_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "events" JSONB NOT NULL DEFAULT '[]',
    "identify_schema" JSONB,
    "unplanned" TEXT NOT NULL DEFAULT 'flag',
    "invalid" TEXT NOT NULL DEFAULT 'flag',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tracking_plans_pkey" PRIMARY KEY ("source_id")
);

-- CreateTable
CREATE TABLE "plan_violations" (
    "seq" BIGSERIAL NOT NULL,
    "source_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "message_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "event_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '',
    "detail" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "user_id" TEXT,
    "anonymous_id" TEXT,
    "email" TEXT,
    "example" JSONB,

    CONSTRAINT "plan_violations_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "quarantined_messages" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "seq" BIGSERIAL NOT NULL,
    "source_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "message_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "event_name" TEXT NOT NULL,
    "user_id" TEXT,
    "anonymous_id" TEXT,
    "email" TEXT,
    "violations" JSONB NOT NULL,
    "event" JSONB NOT NULL,
    "raw" JSONB,

    CONSTRAINT "quarantined_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quarantine_settings" (
    "source_id" TEXT NOT NULL,
    "retention_days" INTEGER NOT NULL DEFAULT 30,
    "cap" INTEGER NOT NULL DEFAULT 10000,
    "held" INTEGER NOT NULL DEFAULT 0,
    "dropped_by_retention" BIGINT NOT NULL DEFAULT 0,
    "dropped_by_cap" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quarantine_settings_pkey" PRIMARY KEY ("source_id")
);

-- CreateIndex
CREATE INDEX "plan_violations_source_id_received_at_idx" ON "plan_violations"("source_id", "received_at" DESC);

-- CreateIndex
CREATE INDEX "plan_violations_source_id_event_name_seq_idx" ON "plan_violations"("source_id", "event_name", "seq" DESC);

-- CreateIndex
CREATE INDEX "plan_violations_source_id_message_id_idx" ON "plan_violations"("source_id", "message_id");

-- CreateIndex
CREATE INDEX "plan_violations_message_id_idx" ON "plan_violations"("message_id");

-- CreateIndex
CREATE INDEX "plan_violations_user_id_idx" ON "plan_violations"("user_id");

-- CreateIndex
CREATE INDEX "plan_violations_anonymous_id_idx" ON "plan_violations"("anonymous_id");

-- CreateIndex
CREATE INDEX "plan_violations_email_idx" ON "plan_violations"("email");

-- CreateIndex
CREATE UNIQUE INDEX "quarantined_messages_seq_key" ON "quarantined_messages"("seq");

-- CreateIndex
CREATE INDEX "quarantined_messages_source_id_seq_idx" ON "quarantined_messages"("source_id", "seq" DESC);

-- CreateIndex
CREATE INDEX "quarantined_messages_source_id_received_at_idx" ON "quarantined_messages"("source_id", "received_at");

-- CreateIndex
CREATE INDEX "quarantined_messages_source_id_event_name_seq_idx" ON "quarantined_messages"("source_id", "event_name", "seq" DESC);

-- CreateIndex
CREATE INDEX "quarantined_messages_message_id_idx" ON "quarantined_messages"("message_id");

-- CreateIndex
CREATE INDEX "quarantined_messages_user_id_idx" ON "quarantined_messages"("user_id");

-- CreateIndex
CREATE INDEX "quarantined_messages_anonymous_id_idx" ON "quarantined_messages"("anonymous_id");

-- CreateIndex
CREATE INDEX "quarantined_messages_email_idx" ON "quarantined_messages"("email");

-- CreateIndex
CREATE UNIQUE INDEX "quarantined_messages_source_id_message_id_key" ON "quarantined_messages"("source_id", "message_id");

-- AddForeignKey
ALTER TABLE "tracking_plans" ADD CONSTRAINT "tracking_plans_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarantine_settings" ADD CONSTRAINT "quarantine_settings_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;
