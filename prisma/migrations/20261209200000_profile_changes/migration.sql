-- The profile-change feed (issue 12, item 2): what identity resolution, splits and deletions changed
-- about profiles, written in the same transaction as the change while at least one profile-change
-- destination exists, and read by the dispatcher with the same (txid, seq) horizon cursor as events.
CREATE TABLE "profile_changes" (
    "seq" BIGSERIAL NOT NULL,
    "txid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "kind" TEXT NOT NULL,
    "profile_id" TEXT NOT NULL,
    "related_profile_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "traits" JSONB,
    "previous" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "profile_changes_pkey" PRIMARY KEY ("seq")
);

CREATE INDEX "profile_changes_txid_seq_idx" ON "profile_changes"("txid", "seq");
CREATE INDEX "profile_changes_profile_id_idx" ON "profile_changes"("profile_id");
CREATE INDEX "profile_changes_related_profile_ids_idx" ON "profile_changes" USING GIN ("related_profile_ids");
