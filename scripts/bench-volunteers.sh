#!/usr/bin/env bash
# Volunteers at full speed: starts a volunteers service on a fresh database (SQLite file, or a
# private MariaDB), registers SIGNUPS volunteers and signs them up with CONCURRENCY clients calling
# it directly: all for one activity of SIGNUPS/2 places (every sign-up contends for one row, half
# of them waitlisted), then spread over 100 activities. Then seeds ROWS attendance entries for one
# district and times hours totals for the district, a month, and one town.
# Usage: scripts/bench-volunteers.sh sqlite|mysql [SIGNUPS] [CONCURRENCY] [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
signups="${2:-2000}"
concurrency="${3:-8}"
rows="${4:-1000000}"
bench_setup "${1:?sqlite or mysql}" volunteers 33711
bench_start volunteers 7613 CAREHUB_DB_URL="$db_url" CAREHUB_PII_KEY_FILE="$work/pii.key"

echo "# $backend, $signups sign-ups, $concurrency clients, $rows attendance rows ($(nproc) cores, $(date -u +%F))"
"$bindir/tools/carehub-bench/carehub-bench" --op volunteers --direct --internal-key-file "$work/internal.key" \
  --volunteers-addr 127.0.0.1:7613 --volunteers-db-url "$db_url" --requests "$signups" \
  --concurrency "$concurrency" --attendance-rows "$rows"
