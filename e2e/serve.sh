#!/usr/bin/env bash
# The end-to-end suite's server: a production build on a fresh embedded database with demo data.
# 120 days: enough paying customers for a few tickets whatever the date (60 days left some dates with none).
set -euo pipefail
port=${1:-3100}
export TANDEM_DATA_DIR=.tmp/e2e-data-$port PORT=$port NODE_ENV=production
# Tandem phones nowhere: no Next.js telemetry, no Prisma update check.
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# e2e/destinations.spec.ts sends webhooks to a receiver it runs on 127.0.0.1.
export TANDEM_DESTINATIONS_ALLOW_PRIVATE=1
# A build folder per port, so suites on different ports can build side by side.
[ "$port" = 3100 ] || export TANDEM_NEXT_DIST_DIR=.next-$port
unset DATABASE_URL
rm -rf "$TANDEM_DATA_DIR" "playwright/.auth/$port"
npx next build
exec npx tsx --conditions=react-server scripts/start.ts --demo --demo-profiles 200 --demo-days 120
