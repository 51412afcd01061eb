#!/usr/bin/env bash
# Funds at full speed: starts a registry (SQLite) and a funds service on a fresh database (SQLite
# file, or a private MariaDB), then submits, approves and disburses GRANTS grants with
# CONCURRENCY clients calling the services directly (principals signed by the load generator),
# first on one program (every approval contends for one budget), then spread over 100; after
# each, the database's bound: bare transactions of an approval's statements.
# Usage: scripts/bench-funds.sh sqlite|mysql [GRANTS] [CONCURRENCY]
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${1:?sqlite or mysql}"
grants="${2:-2000}"
concurrency="${3:-8}"
bindir="${CAREHUB_BUILD_DIR:-build}"
ctl="$bindir/tools/carehubctl/carehubctl"
work="$(mktemp -d /tmp/carehub-bench-funds.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  [[ "$backend" == mysql ]] && scripts/mariadb-private.sh stop "$work/mariadb" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$ctl" genkey >"$work/internal.key"
"$ctl" genkey >"$work/pii.key"
if [[ "$backend" == mysql ]]; then
  funds_url="$(scripts/mariadb-private.sh start "$work/mariadb" 33710)"
else
  funds_url="sqlite://$work/funds.db"
fi
export CAREHUB_INTERNAL_KEY_FILE="$work/internal.key" CAREHUB_LOG_LEVEL=warn
CAREHUB_DB_URL="sqlite://$work/registry.db" CAREHUB_LISTEN=127.0.0.1:7611 CAREHUB_PII_KEY_FILE="$work/pii.key" \
  "$bindir/services/registry/carehub-registry" >"$work/registry.log" 2>&1 &
pids+=($!)
CAREHUB_DB_URL="$funds_url" CAREHUB_LISTEN=127.0.0.1:7612 CAREHUB_REGISTRY_ADDR=127.0.0.1:7611 \
  "$bindir/services/funds/carehub-funds" >"$work/funds.log" 2>&1 &
pids+=($!)
for port in 7611 7612; do
  for _ in $(seq 100); do "$ctl" --addr "127.0.0.1:$port" health >/dev/null 2>&1 && break; sleep 0.2; done
done

echo "# $backend, $grants grants, $concurrency clients ($(nproc) cores, $(date -u +%F))"
run=0
for programs in 1 100; do
  run=$((run + 1))
  "$bindir/tools/carehub-bench/carehub-bench" --op funds --direct --internal-key-file "$work/internal.key" \
    --addr 127.0.0.1:7611 --funds-addr 127.0.0.1:7612 --funds-db-url "$funds_url" --programs "$programs" \
    --requests "$grants" --concurrency "$concurrency" --run-id "$run"
done
