#!/usr/bin/env bash
# The end-to-end suite's server: a production build on a fresh embedded database with demo data.
set -euo pipefail
port=${1:-3100}
export TANDEM_DATA_DIR=.tmp/e2e-data PORT=$port NODE_ENV=production
unset DATABASE_URL
rm -rf "$TANDEM_DATA_DIR" playwright/.auth
npx next build
exec npx tsx --conditions=react-server scripts/start.ts --demo --demo-profiles 200 --demo-days 60
