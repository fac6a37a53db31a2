-- Deletion and suppression (issue 12, item 5): the requests journal (hashes, never values), the
-- suppression list (SHA-256 of normalised `type:value`) and the per-source count of dropped messages.
CREATE TYPE "PrivacyRequestKind" AS ENUM ('deletion', 'suppression');

CREATE TYPE "PrivacyRequestStatus" AS ENUM ('pending', 'running', 'done', 'nothing_found', 'failed');

CREATE TABLE "privacy_requests" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "seq" BIGSERIAL NOT NULL,
    "kind" "PrivacyRequestKind" NOT NULL,
    "status" "PrivacyRequestStatus" NOT NULL,
    "identifier_type" TEXT NOT NULL,
    "identifier_hash" TEXT NOT NULL,
    "contact_mode" TEXT,
    "suppress" BOOLEAN NOT NULL,
    "result" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "actor_user_id" TEXT,
    "actor_token_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "privacy_requests_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "suppressions" (
    "hash" TEXT NOT NULL,
    "identifier_type" TEXT NOT NULL,
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppressions_pkey" PRIMARY KEY ("hash")
);

CREATE TABLE "suppressed_message_counts" (
    "source_id" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "suppressed_message_counts_pkey" PRIMARY KEY ("source_id","hour")
);

CREATE UNIQUE INDEX "privacy_requests_seq_key" ON "privacy_requests"("seq");

CREATE INDEX "privacy_requests_requested_at_idx" ON "privacy_requests"("requested_at" DESC);

CREATE INDEX "suppressions_created_at_idx" ON "suppressions"("created_at" DESC);
