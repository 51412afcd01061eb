#!/usr/bin/env bash
# A district's holiday condolence end to end: imports WOMEN women into a registry, then against a
# funds service on a fresh database (SQLite file, or a private MariaDB) previews, fills and
# approves one batch for all of them, enters their payees (CONCURRENCY clients), exports the
# bank's file and imports its results, and takes the figures; each step timed.
# Usage: scripts/bench-batch.sh sqlite|mysql [WOMEN] [CONCURRENCY]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
women="${2:-100000}"
concurrency="${3:-8}"
bench_setup "${1:?sqlite or mysql}" batch 33720
bench_start registry 7621 CAREHUB_DB_URL="sqlite://$work/registry.db" CAREHUB_PII_KEY_FILE="$work/pii.key"
bench_start funds 7622 CAREHUB_DB_URL="$db_url" CAREHUB_REGISTRY_ADDR=127.0.0.1:7621 CAREHUB_PII_KEY_FILE="$work/pii.key"

echo "# $backend, $women women, $concurrency clients for payees ($(nproc) cores, $(date -u +%F))"
"$bindir/tools/carehub-bench/carehub-bench" --op batch --direct --internal-key-file "$work/internal.key" \
  --addr 127.0.0.1:7621 --funds-addr 127.0.0.1:7622 --requests "$women" --concurrency "$concurrency"
