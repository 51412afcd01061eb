#!/usr/bin/env bash
# Funds at full speed: starts a registry (SQLite) and a funds service on a fresh database (SQLite
# file, or a private MariaDB), then submits, approves and disburses GRANTS grants with
# CONCURRENCY clients calling the services directly (principals signed by the load generator),
# first on one program (every approval contends for one budget), then spread over 100; after
# each, the database's bound: bare transactions of an approval's statements.
# Usage: scripts/bench-funds.sh sqlite|mysql|galera [GRANTS] [CONCURRENCY]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
grants="${2:-2000}"
concurrency="${3:-8}"
bench_setup "${1:?sqlite, mysql or galera}" funds 33710
bench_start registry 7611 CAREHUB_DB_URL="sqlite://$work/registry.db" CAREHUB_PII_KEY_FILE="$work/pii.key"
bench_start funds 7612 CAREHUB_DB_URL="$db_url" CAREHUB_REGISTRY_ADDR=127.0.0.1:7611 CAREHUB_PII_KEY_FILE="$work/pii.key"

echo "# $backend, $grants grants, $concurrency clients ($(nproc) cores, $(date -u +%F))"
run=0
for programs in 1 100; do
  run=$((run + 1))
  "$bindir/tools/carehub-bench/carehub-bench" --op funds --direct --internal-key-file "$work/internal.key" \
    --addr 127.0.0.1:7611 --funds-addr 127.0.0.1:7612 --funds-db-url "$db_url" --programs "$programs" \
    --requests "$grants" --concurrency "$concurrency" --run-id "$run"
done
