-- Saved funnels: a name and the builder's state, shared with everyone who reads analytics.
CREATE TABLE "saved_funnels" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "author_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_funnels_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "saved_funnels_updated_at_idx" ON "saved_funnels"("updated_at" DESC);

ALTER TABLE "saved_funnels" ADD CONSTRAINT "saved_funnels_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
