-- Identity resolution in the ingest path: profile creation order, merge/first-touch keys, the
-- journal's order and profile list, kept-apart pairs after admin splits, and workspace settings
-- (the identity rules).

-- AlterTable
ALTER TABLE "profiles" ADD COLUMN "seq" BIGSERIAL NOT NULL,
ADD COLUMN "first_touch_at" TIMESTAMPTZ(3),
ADD COLUMN "first_touch_key" TEXT,
ADD COLUMN "last_event_key" TEXT;

-- AlterTable
ALTER TABLE "merge_journal" ADD COLUMN "seq" BIGSERIAL NOT NULL,
ADD COLUMN "profile_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "identity_kept_apart" (
    "profile_a" TEXT NOT NULL,
    "profile_b" TEXT NOT NULL,
    "journal_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identity_kept_apart_pkey" PRIMARY KEY ("profile_a","profile_b")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_by_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- DropIndex
DROP INDEX "identities_profile_id_idx";

-- CreateIndex
CREATE INDEX "identities_profile_id_type_idx" ON "identities"("profile_id", "type");

-- CreateIndex
CREATE UNIQUE INDEX "profiles_seq_key" ON "profiles"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "merge_journal_seq_key" ON "merge_journal"("seq");

-- CreateIndex
CREATE INDEX "merge_journal_profile_ids_idx" ON "merge_journal" USING GIN ("profile_ids");

-- CreateIndex
CREATE INDEX "identity_kept_apart_profile_b_idx" ON "identity_kept_apart"("profile_b");
