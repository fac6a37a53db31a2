-- Deployment-wide rate limits (issue 13, item 3): one token bucket per rate-limited source, shared by
-- every collector process. UNLOGGED: a bucket is worth nothing after a crash (it refills within seconds),
-- so its updates skip the write-ahead log and its fsync.
CREATE UNLOGGED TABLE "source_rate_buckets" (
    "source_id" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updated_ms" DOUBLE PRECISION NOT NULL,
    "last_allowed" BOOLEAN NOT NULL,

    CONSTRAINT "source_rate_buckets_pkey" PRIMARY KEY ("source_id")
);

ALTER TABLE "source_rate_buckets" ADD CONSTRAINT "source_rate_buckets_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;
