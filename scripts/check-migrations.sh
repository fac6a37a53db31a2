#!/usr/bin/env bash
# Checks that prisma/migrations, applied in order, give exactly the schema prisma/schema.prisma
# describes: both are applied to fresh databases on a PostgreSQL server and their schema dumps compared.
#   scripts/check-migrations.sh postgresql://postgres@127.0.0.1:55432/postgres
set -euo pipefail
server=${1:?a PostgreSQL server URL}
base=${server%/*}
psql "$server" -qc "DROP DATABASE IF EXISTS tandem_check_a" -c "DROP DATABASE IF EXISTS tandem_check_b" -c "CREATE DATABASE tandem_check_a" -c "CREATE DATABASE tandem_check_b" 2>/dev/null
DATABASE_URL="$base/tandem_check_a" npx tsx -e 'import("./lib/db/migrate.ts").then((m) => m.migrate(process.env.DATABASE_URL))' >/dev/null
CHECKPOINT_DISABLE=1 DATABASE_URL="$base/tandem_check_b" npx prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script 2>/dev/null | psql "$base/tandem_check_b" -q -v ON_ERROR_STOP=1 >/dev/null 2>&1
# Column order differs between ALTER TABLE … ADD COLUMN and a fresh CREATE TABLE: compare sets.
describe() {
  psql "$1" -At -v ON_ERROR_STOP=1 <<'SQL' | sort
SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || datetime_precision || ')', '') || ' null=' || is_nullable || ' default=' || coalesce(column_default, '')
  FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations';
SELECT 'index ' || regexp_replace(indexdef, '_seq\b', '', 'g') FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations';
SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '%_prisma_migrations%';
SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname;
SQL
}
if diff <(describe "$base/tandem_check_a") <(describe "$base/tandem_check_b"); then
  echo "migrations match schema.prisma"
else
  echo "✖ prisma/migrations and schema.prisma differ (< migrations, > schema.prisma)" >&2
  exit 1
fi
psql "$server" -qc "DROP DATABASE tandem_check_a" -c "DROP DATABASE tandem_check_b"
