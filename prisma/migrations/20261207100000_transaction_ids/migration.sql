-- Each accepted event and rejected message records the transaction that wrote it: the live debugger
-- pages by transaction horizon instead of seq (lib/data/source-admin.ts, listSourceMessages), because
-- concurrent ingest transactions on PostgreSQL commit out of seq order. xid8 is 64 bits (epoch and
-- xid) and never wraps around.
--
-- The column is added without a default first, so existing rows stay NULL and no table is rewritten;
-- only rows inserted from now on get the default.

-- AlterTable
ALTER TABLE "events" ADD COLUMN "txid" xid8;
ALTER TABLE "events" ALTER COLUMN "txid" SET DEFAULT pg_current_xact_id();

-- AlterTable
ALTER TABLE "rejected_messages" ADD COLUMN "txid" xid8;
ALTER TABLE "rejected_messages" ALTER COLUMN "txid" SET DEFAULT pg_current_xact_id();

-- A poll reads one source's rows in a range of transactions: a B-tree on (source, transaction). Not
-- BRIN: xid8 has no BRIN operator class (PostgreSQL 15 to 18), and beside the source index the planner
-- ANDs a BRIN bitmap with a bitmap of all the source's rows, a cost that grows with the source.

-- CreateIndex
CREATE INDEX "events_source_id_txid_idx" ON "events"("source_id", "txid");

-- CreateIndex
CREATE INDEX "rejected_messages_source_id_txid_idx" ON "rejected_messages"("source_id", "txid");
