-- Quarantined messages record the transaction that wrote them, as events and rejected messages do
-- (20261207100000_transaction_ids): the live debugger lists them with the same transaction-horizon
-- cursor (lib/data/source-admin.ts, listSourceMessages).
--
-- The column is added without a default first, so existing rows stay NULL (the debugger's first poll
-- shows them) and the table is not rewritten; only rows inserted from now on get the default.

-- AlterTable
ALTER TABLE "quarantined_messages" ADD COLUMN "txid" xid8;
ALTER TABLE "quarantined_messages" ALTER COLUMN "txid" SET DEFAULT pg_current_xact_id();

-- CreateIndex
CREATE INDEX "quarantined_messages_source_id_txid_idx" ON "quarantined_messages"("source_id", "txid");
