-- The audit log (issue 12, item 6): who did which admin action to what, when, and from which peer
-- address. Append-only; no foreign key to users, so an entry outlives the account that made it.
CREATE TABLE "audit_log" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_user_id" TEXT,
    "actor_token_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "target_label" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "peer" TEXT,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "audit_log_seq_key" ON "audit_log"("seq");

-- The list, newest first (keyset: at, then seq), and its filters by actor and by action.
CREATE INDEX "audit_log_at_seq_idx" ON "audit_log"("at" DESC, "seq" DESC);
CREATE INDEX "audit_log_actor_user_id_at_idx" ON "audit_log"("actor_user_id", "at" DESC);
CREATE INDEX "audit_log_actor_label_at_idx" ON "audit_log"("actor_label", "at" DESC);
CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at" DESC);
