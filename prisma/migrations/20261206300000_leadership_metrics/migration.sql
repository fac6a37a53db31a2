-- Leadership metrics: marketing spend by GA4 channel group and source (was: by ad platform), and the
-- history of every change to it.

-- AlterTable
ALTER TABLE "marketing_spend" ADD COLUMN "source" TEXT NOT NULL DEFAULT '',
ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Today's platform rows become channel + source (the issue's mapping). Any other value that is not a
-- channel group keeps its name as the source under "Paid Other", so no spend is lost.
UPDATE "marketing_spend" SET "channel" = 'Paid Search', "source" = 'google' WHERE "channel" = 'Google Ads';
UPDATE "marketing_spend" SET "channel" = 'Paid Social', "source" = 'meta' WHERE "channel" = 'Meta';
UPDATE "marketing_spend" SET "channel" = 'Paid Social', "source" = 'linkedin' WHERE "channel" = 'LinkedIn';
UPDATE "marketing_spend" SET "source" = "channel", "channel" = 'Paid Other'
WHERE "channel" NOT IN ('Direct', 'Cross-network', 'Paid Shopping', 'Paid Search', 'Paid Social', 'Paid Video', 'Paid Other',
  'Display', 'Organic Shopping', 'Organic Social', 'Organic Video', 'Organic Search', 'Referral', 'Email', 'Affiliates', 'Audio',
  'SMS', 'Mobile Push Notifications', 'Unassigned');

-- DropIndex
DROP INDEX "marketing_spend_channel_month_key";

-- CreateTable
CREATE TABLE "marketing_spend_changes" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "seq" BIGSERIAL NOT NULL,
    "month" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "old_amount" DECIMAL(14,2),
    "new_amount" DECIMAL(14,2),
    "old_currency" TEXT,
    "new_currency" TEXT,
    "via" TEXT NOT NULL,
    "actor_user_id" TEXT,
    "actor_token_id" TEXT,
    "actor_name" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "marketing_spend_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "marketing_spend_changes_seq_key" ON "marketing_spend_changes"("seq");

-- CreateIndex
CREATE INDEX "marketing_spend_changes_changed_at_idx" ON "marketing_spend_changes"("changed_at" DESC);

-- CreateIndex
CREATE INDEX "marketing_spend_changes_month_channel_source_idx" ON "marketing_spend_changes"("month", "channel", "source");

-- CreateIndex
CREATE UNIQUE INDEX "marketing_spend_month_channel_source_key" ON "marketing_spend"("month", "channel", "source");
